package app_test

import (
	"context"
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers/gen"
)

// benchServerBytes is the size of the generated server logs: a few
// megabytes, so the benchmarks stay quick in CI; the client logs get a
// fifth of it. WXLOG_BENCH_MB sets another size.
func benchServerBytes() int64 {
	if mb, err := strconv.Atoi(os.Getenv("WXLOG_BENCH_MB")); err == nil && mb > 0 {
		return int64(mb) << 20
	}
	return 4 << 20
}

var (
	benchCaseOnce sync.Once
	benchCase     []byte
	benchCaseErr  error
)

// caseZip returns a generated case with server and client logs as one zip.
func caseZip(b *testing.B) []byte {
	benchCaseOnce.Do(func() {
		benchCase, benchCaseErr = gen.ZipBytes(gen.Options{ServerBytes: benchServerBytes(), ClientBytes: benchServerBytes() / 5, Seed: 1})
	})
	if benchCaseErr != nil {
		b.Fatal(benchCaseErr)
	}
	return benchCase
}

// loadCase loads the generated case into a workspace and returns it with
// its size in bytes and its number of entries.
func loadCase(b *testing.B) (*app.Workspace, int64, int) {
	ws := &app.Workspace{}
	if err := ws.AddData(context.Background(), "case.zip", caseZip(b), app.Config{}, nil); err != nil {
		b.Fatal(err)
	}
	var size int64
	entries := 0
	for _, src := range ws.Snapshot() {
		if len(src.Problems) > 0 {
			b.Fatalf("%s: %v", src.Name, src.Problems)
		}
		size += src.Size
		entries += len(src.Entries)
	}
	return ws, size, entries
}

func perEntry(b *testing.B, entries int) {
	if b.N > 0 && entries > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(entries), "ns/entry")
	}
}

// BenchmarkLoadFolder measures app.Load on the plain files of a case:
// reading, detecting and parsing every file, files in parallel.
func BenchmarkLoadFolder(b *testing.B) {
	dir := b.TempDir()
	files, err := gen.Generate(dir, gen.Options{ServerBytes: benchServerBytes(), ClientBytes: benchServerBytes() / 5, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, f := range files {
		size += f.Bytes
	}
	b.SetBytes(size)
	b.ReportAllocs()
	entries := 0
	for b.Loop() {
		ws, err := app.Load(context.Background(), []string{dir}, app.Config{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		entries = 0
		for _, src := range ws.Snapshot() {
			entries += len(src.Entries)
		}
	}
	perEntry(b, entries)
}

// BenchmarkBuildTimeline measures the k-way merge of every source.
func BenchmarkBuildTimeline(b *testing.B) {
	ws, size, entries := loadCase(b)
	sources := ws.Snapshot()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if tl := app.BuildTimeline(sources); tl.Len() != entries {
			b.Fatalf("timeline has %d entries, want %d", tl.Len(), entries)
		}
	}
	perEntry(b, entries)
}

// BenchmarkScan measures the built-in signature catalogue over every entry.
func BenchmarkScan(b *testing.B) {
	ws, size, entries := loadCase(b)
	sources := ws.Snapshot()
	cat := app.BuiltinCatalogue()
	b.SetBytes(size)
	b.ReportAllocs()
	found := 0
	for b.Loop() {
		found = len(app.Scan(sources, cat))
	}
	if found == 0 {
		b.Fatal("no findings in a case with failed sign-ins")
	}
	perEntry(b, entries)
}

// BenchmarkSearch measures a search across the whole timeline: a plain
// case-insensitive text and a regular expression with a literal part.
func BenchmarkSearch(b *testing.B) {
	ws, size, entries := loadCase(b)
	tl := app.BuildTimeline(ws.Snapshot())
	queries := []struct {
		name string
		q    app.Query
	}{
		{"text", app.Query{Text: "unauthorized"}},
		{"regex", app.Query{Text: `HTTP/1\.1 40[13]`, Regex: true}},
	}
	for _, tt := range queries {
		b.Run(tt.name, func(b *testing.B) {
			m, err := tt.q.Compile()
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			b.ReportAllocs()
			hits := 0
			for b.Loop() {
				rows, err := app.Search(context.Background(), tl, nil, m)
				if err != nil {
					b.Fatal(err)
				}
				hits = len(rows)
			}
			if hits == 0 {
				b.Fatalf("%q found nothing", tt.q.Text)
			}
			perEntry(b, entries)
		})
	}
}

// BenchmarkAnalyze measures the whole analysis that the report and the
// window read: timeline, signatures, summary and, where wired, the ladder.
func BenchmarkAnalyze(b *testing.B) {
	ws, size, entries := loadCase(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		app.Analyze(ws, app.AnalyzeOptions{})
	}
	perEntry(b, entries)
}
