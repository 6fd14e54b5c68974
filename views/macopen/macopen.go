// Package macopen receives the files that Finder opens with wxlog on
// macOS. A double-click in Finder sends an open-documents Apple Event
// ('aevt'/'odoc') instead of command-line arguments, and Fyne v2.7.1 and
// GLFW 3.3 do not handle that event, so this package installs its own
// handler. On other systems Start does nothing: paths arrive in os.Args.
package macopen
