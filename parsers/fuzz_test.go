package parsers

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// Every parser and the bundle reader have a fuzz target seeded from the
// fixtures in testdata. Crashes the fuzzer finds stay in
// testdata/fuzz/<target>/ and run as regression tests with go test.
//
//	go test -run='^$' -fuzz='^FuzzWebexDesktop$' -fuzztime=30s ./parsers/

// seedFixtures adds every fixture file as a seed.
func seedFixtures(f *testing.F) {
	for _, fx := range loadFixtures(f) {
		f.Add(fx.data)
	}
}

// fuzzFormat parses data with one format and checks the contract.
func fuzzFormat(f *testing.F, id string) {
	format := FormatByID(id)
	if format == nil {
		f.Fatalf("no format %s", id)
	}
	seedFixtures(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		src := parseAs(format, "fuzz.log", data)
		checkContract(t, src)
	})
}

func FuzzWebexDesktop(f *testing.F) { fuzzFormat(f, "webex-desktop") }
func FuzzWebexBWC(f *testing.F)     { fuzzFormat(f, "webex-bwc") }
func FuzzWebexMedia(f *testing.F)   { fuzzFormat(f, "webex-media") }
func FuzzWebexAndroid(f *testing.F) { fuzzFormat(f, "webex-android") }
func FuzzWebexCSF(f *testing.F)     { fuzzFormat(f, "webex-csf") }
func FuzzXsiActions(f *testing.F)   { fuzzFormat(f, "bw-xsi-actions") }
func FuzzAuthService(f *testing.F)  { fuzzFormat(f, "bw-auth-service") }
func FuzzDMS(f *testing.F)          { fuzzFormat(f, "bw-dms") }
func FuzzXSLog(f *testing.F)        { fuzzFormat(f, "bw-xslog") }
func FuzzPSLog(f *testing.F)        { fuzzFormat(f, "bw-pslog") }
func FuzzBWGeneric(f *testing.F)    { fuzzFormat(f, "bw-generic") }
func FuzzAccessLog(f *testing.F)    { fuzzFormat(f, "access-log") }
func FuzzText(f *testing.F)         { fuzzFormat(f, "text") }
func FuzzBinary(f *testing.F)       { fuzzFormat(f, "binary") }

// FuzzOpen runs detection and parsing as a load does, under a name that
// the fuzzer also picks.
func FuzzOpen(f *testing.F) {
	for _, fx := range loadFixtures(f) {
		f.Add(fixtureNames[fx.format], fx.data)
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		src := Open(Item{Name: name, Data: data}, Options{})
		checkContract(t, src)
	})
}

// FuzzBundle writes the fuzz bytes to a file and walks it as a bundle:
// as a zip, gzip or tar by its magic, or as a plain file.
func FuzzBundle(f *testing.F) {
	corpus := filepath.Join("testdata", "corpus")
	_ = filepath.WalkDir(corpus, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".zip" {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
	log := []byte(clientLog(3))
	f.Add(makeZip(f, zipFile{name: "a.log", data: log}, zipFile{name: "b/c.log", data: log, stored: true}))
	f.Add(makeZip(f, zipFile{name: "in.zip", data: makeZip(f, zipFile{name: "x.log", data: log})}))
	f.Add(makeGzip(f, log))
	f.Add(makeGzip(f, makeZip(f, zipFile{name: "a.log", data: log})))
	// Small limits keep each run fast: decompressing megabytes under the
	// fuzzer's coverage counters takes seconds.
	limits := Limits{MaxFileBytes: 256 << 10, MaxArchiveBytes: 1 << 20, MaxDepth: 4, MaxArchiveEntries: 200}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		p := filepath.Join(dir, "bundle.zip")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		err := Walk(context.Background(), []string{p}, limits, func(item Item) {
			if item.Err == nil && item.Data == nil && len(item.Notes) == 0 {
				// An empty member is fine; an item must carry data, an
				// error or notes otherwise.
				return
			}
			src := Open(item, Options{})
			checkContract(t, src)
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
