package app

import (
	"archive/zip"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"time"
)

// maskedBundleReadme is the name of the file in a masked bundle that lists
// what was left out.
const maskedBundleReadme = "MASKED-README.txt"

// WriteMaskedBundle writes a zip with every loaded source masked by m,
// each stored under its source name (a zip member keeps its path inside
// the zip, such as client/feedback-1.zip/current_log.txt). The text is
// the decoded text, written as UTF-8 whatever the source's encoding.
// Sources without text (binary files such as ced.dat, and files that could
// not be read) cannot be masked, so they are left out and listed in
// MASKED-README.txt.
func WriteMaskedBundle(w io.Writer, ws *Workspace, m *Masker) error {
	if m == nil {
		return fmt.Errorf("app: a masked bundle needs a masker")
	}
	zw := zip.NewWriter(w)
	sources := ws.Snapshot()
	sort.SliceStable(sources, func(i, j int) bool { return sources[i].Name < sources[j].Name })

	used := map[string]bool{maskedBundleReadme: true}
	var skipped []string
	modified := time.Now()
	for _, src := range sources {
		if src.Text == "" || src.Format == "binary" {
			skipped = append(skipped, m.Mask(src.Name))
			continue
		}
		name := uniqueName(bundleMemberName(m.Mask(src.Name)), used)
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return fmt.Errorf("adding %s to the masked bundle failed: %w", name, err)
		}
		if _, err := io.WriteString(f, m.Mask(src.Text)); err != nil {
			return fmt.Errorf("adding %s to the masked bundle failed: %w", name, err)
		}
	}

	f, err := zw.CreateHeader(&zip.FileHeader{Name: maskedBundleReadme, Method: zip.Deflate, Modified: modified})
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(T("Every log in this bundle has personal data replaced by pseudonyms; the same value has the same pseudonym in every file.") + "\n")
	if len(skipped) > 0 {
		b.WriteString(T("Left out because they hold no text that can be masked:") + "\n")
		for _, name := range skipped {
			b.WriteString("  " + name + "\n")
		}
	}
	if _, err := io.WriteString(f, b.String()); err != nil {
		return err
	}
	return zw.Close()
}

// bundleMemberName turns a source name into a safe relative zip path.
func bundleMemberName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Clean("/" + name)
	name = strings.TrimPrefix(name, "/")
	if name == "" || name == "." {
		name = "source"
	}
	return name
}

func uniqueName(name string, used map[string]bool) string {
	candidate := name
	for n := 2; used[candidate]; n++ {
		ext := path.Ext(name)
		candidate = fmt.Sprintf("%s-%d%s", strings.TrimSuffix(name, ext), n, ext)
	}
	used[candidate] = true
	return candidate
}
