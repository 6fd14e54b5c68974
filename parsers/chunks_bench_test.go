package parsers

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkOpenFile opens the log file that WXLOG_PARSE_FILE names, in
// one pass and in chunks, the way a load opens it once it is read:
//
//	WXLOG_PARSE_FILE=/tmp/big1g/server/xsp1/XsiActionsLog2024.05.02-00.00.00.txt \
//		go test -run '^$' -bench OpenFile -benchtime 3x -benchmem ./parsers/
func BenchmarkOpenFile(b *testing.B) {
	path := os.Getenv("WXLOG_PARSE_FILE")
	if path == "" {
		b.Skip("set WXLOG_PARSE_FILE to a log file to open")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	modes := []struct {
		name     string
		minBytes int
	}{
		{"one-pass", math.MaxInt},
		{"chunked", parallelMinBytes},
	}
	for _, mode := range modes {
		b.Run(mode.name, func(b *testing.B) {
			defer setChunking(mode.minBytes, 0)()
			item := Item{Name: filepath.Base(path), Path: path, Data: data}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			entries := 0
			for b.Loop() {
				entries = len(Open(item, Options{}).Entries)
			}
			b.ReportMetric(float64(entries), "entries/op")
		})
	}
}
