package assets

import _ "embed"

// Icon is wxlog's application icon: a 512x512 PNG of a sign-in ladder whose
// last message failed. icon_gen.go draws it. The window wraps it with
// fyne.NewStaticResource("icon.png", assets.Icon); FyneApp.toml points
// fyne package at the same file.
//
//go:embed icon.png
var Icon []byte
