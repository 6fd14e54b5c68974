package assets

import "embed"

// LadderFS holds the ladder flows under ladder/: one JSON file per flow
// (sign-in, registration, flow-through provisioning), each listing its
// lifelines and its steps with the evidence rules that show them. The app
// package reads and checks them; they are data so that a rule whose wording
// is a guess can change without a code change.
//
// NOTE: the app package imports assets, so no file of this package may
// import Fyne.
//
//go:embed ladder/*.json
var LadderFS embed.FS
