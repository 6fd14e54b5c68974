package app

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ExportOptions control what an export writes.
type ExportOptions struct {
	// Masker, when not nil, masks every personal value written.
	Masker *Masker
	// Language is the code ("en", "da") of the signature texts.
	Language string
	// LadderSVG is the ladder picture as an SVG document; empty leaves the
	// ladder section out.
	LadderSVG string
	// EvidenceLines caps the lines printed per evidence entry; 0 means
	// DefaultEvidenceLines.
	EvidenceLines int
}

// DefaultEvidenceLines is how many lines of an evidence entry a report
// prints: enough for a SIP start line and its key headers, while a long
// OCI-P document does not bury the findings.
const DefaultEvidenceLines = 12

// ErrSourceTarget is returned when an export would overwrite a loaded
// source: exports never write the files they were made from.
var ErrSourceTarget = errors.New("app: the export path is a loaded source file")

// WriteFileAtomic writes a file through a temporary file in the same
// folder that is renamed into place once write succeeded, so the file at
// path is either the old one or complete. It refuses a path that is one
// of the workspace's source files (ws may be nil).
func WriteFileAtomic(path string, ws *Workspace, write func(w io.Writer) error) (err error) {
	if path == "" {
		return errors.New("app: no export path given")
	}
	if ws != nil {
		if err := checkNotSource(path, ws); err != nil {
			return err
		}
	}

	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot create a temporary file next to %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()

	bw := bufio.NewWriter(tmp)
	if err = write(bw); err != nil {
		return fmt.Errorf("writing %s failed: %w", path, err)
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("writing %s failed: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s failed: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing %s failed: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("cannot set the permissions of %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot move the export into place at %s: %w", path, err)
	}
	return nil
}

// checkNotSource returns ErrSourceTarget when path names the same file as
// one of the workspace's sources (for zip entries, the zip on disk).
func checkNotSource(path string, ws *Workspace) error {
	target, err := os.Stat(path)
	if err != nil {
		// A file that does not exist yet cannot be a source.
		return nil
	}
	for _, src := range ws.Snapshot() {
		if src.Path == "" {
			continue
		}
		info, err := os.Stat(src.Path)
		if err == nil && os.SameFile(info, target) {
			return fmt.Errorf("%w: %s; pick another name", ErrSourceTarget, path)
		}
	}
	return nil
}
