//go:build !darwin || !cgo

package macopen

// Start does nothing outside macOS, where files to open arrive as
// command-line arguments. A macOS build without cgo gets this version too
// and then opens files only from the command line.
func Start(onPaths func([]string)) {}
