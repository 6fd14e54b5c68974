package assets

import (
	"archive/zip"
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"
)

// DemoFS holds the demo case as plain files under demo/wxlog-demo: a failed
// Webex for BroadWorks sign-in with the client's feedback folder and the
// server logs of two XSPs and one Application Server.
//
// The story: sofie@example.com signs in on Windows on 11 February 2025.
// The profile and the long-lived token come from xsp1, but the device list
// request lands on xsp2, whose authentication service cannot verify the
// token (the RSA keys differ between the XSPs). Xsi therefore returns 401,
// the client retries once and gives up, and the desktop never registers.
// All names, numbers and addresses are placeholders.
//
//go:embed all:demo/wxlog-demo
var DemoFS embed.FS

const (
	// demoRoot is the folder of the case inside DemoFS.
	demoRoot = "demo/wxlog-demo"
	// demoClientDir is the client folder that DemoFiles hands over as a
	// zip, the way Partner Hub delivers client logs.
	demoClientDir = "client/feedback-2f45e678"
	// DemoName is the name the whole case carries as one zip.
	DemoName = "wxlog-demo.zip"
)

// demoModified is the time stamp written into the demo zips, so that the
// bytes are the same on every call.
var demoModified = time.Date(2025, time.February, 11, 9, 0, 0, 0, time.UTC)

// DemoFile is one file of the demo case: a path relative to the case folder
// and its bytes.
type DemoFile struct {
	Name string
	Data []byte
}

// DemoFiles returns the files of the demo case in path order, with the
// client folder packed as client/feedback-2f45e678.zip.
func DemoFiles() ([]DemoFile, error) {
	var files []DemoFile
	var client []DemoFile
	err := fs.WalkDir(DemoFS, demoRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := DemoFS.ReadFile(p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, demoRoot+"/")
		if inner, ok := strings.CutPrefix(rel, demoClientDir+"/"); ok {
			client = append(client, DemoFile{Name: inner, Data: data})
			return nil
		}
		files = append(files, DemoFile{Name: rel, Data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("assets: read demo case: %w", err)
	}

	zipped, err := zipFiles(client)
	if err != nil {
		return nil, err
	}
	files = append([]DemoFile{{Name: demoClientDir + ".zip", Data: zipped}}, files...)
	return files, nil
}

// DemoZip returns the whole demo case as one zip named DemoName, holding
// the client zip and the server folders, ready for app.Workspace.AddData.
func DemoZip() (name string, data []byte, err error) {
	files, err := DemoFiles()
	if err != nil {
		return "", nil, err
	}
	for i := range files {
		files[i].Name = path.Join(strings.TrimSuffix(DemoName, ".zip"), files[i].Name)
	}
	data, err = zipFiles(files)
	if err != nil {
		return "", nil, err
	}
	return DemoName, data, nil
}

func zipFiles(files []DemoFile) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: demoModified})
		if err != nil {
			return nil, fmt.Errorf("assets: zip %s: %w", f.Name, err)
		}
		if _, err := w.Write(f.Data); err != nil {
			return nil, fmt.Errorf("assets: zip %s: %w", f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("assets: zip: %w", err)
	}
	return buf.Bytes(), nil
}
