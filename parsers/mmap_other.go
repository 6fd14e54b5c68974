//go:build !unix

package parsers

import (
	"errors"
	"os"
)

// NOTE: outside Unix systems (Windows among them) large files are read
// onto the heap as small ones are, so the whole text of a case stays in
// memory while it is open.

var errNoMapping = errors.New("parsers: memory-mapped files are not supported on this system")

func mapFile(*os.File, int64) ([]byte, error) { return nil, errNoMapping }

func unmapFile([]byte) error { return errNoMapping }

func releaseMapped([]byte) error { return nil }

func blankMapping([]byte) error { return errNoMapping }
