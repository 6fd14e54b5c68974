package parsers_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"

	kzip "github.com/klauspost/compress/zip"

	"github.com/wxlog/wxlog/parsers"
	"github.com/wxlog/wxlog/parsers/gen"
)

// benchBytes is the size of each generated log: a few megabytes, so the
// benchmarks stay quick in CI. WXLOG_BENCH_MB sets another size.
func benchBytes() int64 {
	if mb, err := strconv.Atoi(os.Getenv("WXLOG_BENCH_MB")); err == nil && mb > 0 {
		return int64(mb) << 20
	}
	return 4 << 20
}

var (
	benchLogsOnce sync.Once
	benchLogs     map[gen.Kind][]byte
)

func generatedLogs() map[gen.Kind][]byte {
	benchLogsOnce.Do(func() {
		benchLogs = map[gen.Kind][]byte{}
		for _, k := range gen.Kinds {
			benchLogs[k] = gen.Bytes(k, benchBytes(), 1)
		}
	})
	return benchLogs
}

// allocCounter reports allocations and allocated bytes per entry, which
// -benchmem cannot: it counts per operation, and one operation parses a
// whole file.
type allocCounter struct{ before runtime.MemStats }

func startAllocs() *allocCounter {
	c := &allocCounter{}
	runtime.ReadMemStats(&c.before)
	return c
}

func (c *allocCounter) report(b *testing.B, entries int) {
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if entries == 0 || b.N == 0 {
		return
	}
	per := float64(b.N) * float64(entries)
	b.ReportMetric(float64(after.Mallocs-c.before.Mallocs)/per, "allocs/entry")
	b.ReportMetric(float64(after.TotalAlloc-c.before.TotalAlloc)/per, "B/entry")
}

// BenchmarkParse measures each parser on one generated log: decoding,
// format detection, entry splitting and field extraction.
func BenchmarkParse(b *testing.B) {
	logs := generatedLogs()
	for _, k := range gen.Kinds {
		b.Run(string(k), func(b *testing.B) {
			item := parsers.Item{Name: k.Path(), Data: logs[k]}
			b.SetBytes(int64(len(item.Data)))
			b.ReportAllocs()
			allocs := startAllocs()
			entries := 0
			for b.Loop() {
				entries = len(parsers.Open(item, parsers.Options{}).Entries)
			}
			allocs.report(b, entries)
			b.ReportMetric(float64(entries), "entries/op")
		})
	}
}

// benchZip packs the generated logs into one zip in memory, the way a
// bundle of server and client logs arrives.
func benchZip(b *testing.B) ([]byte, int64) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var total int64
	for _, k := range gen.Kinds {
		w, err := zw.Create(k.Path())
		if err != nil {
			b.Fatal(err)
		}
		n, err := w.Write(generatedLogs()[k])
		if err != nil {
			b.Fatal(err)
		}
		total += int64(n)
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes(), total
}

// BenchmarkWalkZip measures the bundle reader on a zip: inflating every
// member into memory. MB/s counts uncompressed bytes.
func BenchmarkWalkZip(b *testing.B) {
	data, total := benchZip(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		var got int64
		err := parsers.WalkData(b.Context(), "case.zip", data, parsers.Limits{}, func(item parsers.Item) {
			if item.Err != nil {
				b.Fatal(item.Err)
			}
			got += int64(len(item.Data))
		})
		if err != nil || got != total {
			b.Fatalf("read %d of %d bytes: %v", got, total, err)
		}
	}
}

// BenchmarkInflate measures inflating alone, the floor under
// BenchmarkWalkZip, with the standard library's archive/zip and with
// github.com/klauspost/compress/zip, which the bundle reader uses because
// it inflated faster here.
func BenchmarkInflate(b *testing.B) {
	data, total := benchZip(b)
	readers := []struct {
		name  string
		files func() ([]func() (io.ReadCloser, error), error)
	}{
		{"archive-zip", func() ([]func() (io.ReadCloser, error), error) {
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				return nil, err
			}
			var open []func() (io.ReadCloser, error)
			for _, f := range zr.File {
				open = append(open, f.Open)
			}
			return open, nil
		}},
		{"klauspost-zip", func() ([]func() (io.ReadCloser, error), error) {
			zr, err := kzip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				return nil, err
			}
			var open []func() (io.ReadCloser, error)
			for _, f := range zr.File {
				open = append(open, f.Open)
			}
			return open, nil
		}},
	}
	for _, r := range readers {
		b.Run(r.name, func(b *testing.B) {
			b.SetBytes(total)
			for b.Loop() {
				files, err := r.files()
				if err != nil {
					b.Fatal(err)
				}
				for _, open := range files {
					rc, err := open()
					if err != nil {
						b.Fatal(err)
					}
					if _, err := io.Copy(io.Discard, rc); err != nil {
						b.Fatal(err)
					}
					rc.Close()
				}
			}
		})
	}
}

// BenchmarkWalkFolder measures the bundle reader on plain files in a
// folder: reading each file whole.
func BenchmarkWalkFolder(b *testing.B) {
	dir := b.TempDir()
	files, err := gen.Generate(dir, gen.Options{ServerBytes: benchBytes(), ClientBytes: benchBytes() / 4, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var total int64
	for _, f := range files {
		total += f.Bytes
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		err := parsers.Walk(b.Context(), []string{dir}, parsers.Limits{}, func(item parsers.Item) {
			if item.Err != nil {
				b.Fatal(item.Err)
			}
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
