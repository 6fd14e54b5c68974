//go:build !linux

package parsers

// startTrimmer does nothing outside Linux: there is no /proc/self/statm
// to watch, and macOS keeps released pages resident anyway (see
// releaseMapped). Passes release their pages when they end.
func startTrimmer() {}

func wakeTrimmer() {}
