package app

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
	"github.com/wxlog/wxlog/parsers/gen"
)

// benchServerBytes is the size of each generated server log: big enough
// that per-call overhead does not count, small enough for a quick run.
const benchServerBytes = 4 << 20

var (
	bwTimestamp     = regexp.MustCompile(`\d{4}\.\d\d\.\d\d \d\d:\d\d:\d\d:\d{3}`)
	accessTimestamp = regexp.MustCompile(`\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d`)
)

// generateServerLog repeats the sign-in of a template server log until
// it reaches size bytes. Attempt k is moved 20 s later than attempt k-1 and
// gets its own tracking id and SIP Call-ID. Every 40th attempt has its
// final SIP or provisioning response replaced by 403, so the scan also
// raises findings. The output depends only on the arguments.
func generateServerLog(t testing.TB, template string, size int) []byte {
	data, err := os.ReadFile(template)
	require.NoError(t, err)
	text := string(data)
	base := time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)

	var b strings.Builder
	b.Grow(size + len(text))
	for k := 0; b.Len() < size; k++ {
		at := base.Add(time.Duration(k) * 20 * time.Second)
		block := bwTimestamp.ReplaceAllStringFunc(text, func(s string) string {
			ts, err := time.Parse("2006.01.02 15:04:05:000", s)
			if err != nil {
				return s
			}
			return at.Add(ts.Sub(ts.Truncate(time.Minute))).Format("2006.01.02 15:04:05:000")
		})
		block = accessTimestamp.ReplaceAllString(block, at.Format("02/Jan/2006:15:04:05"))
		block = strings.ReplaceAll(block, "3396b39e", fmt.Sprintf("%08x", k))
		block = strings.ReplaceAll(block, "3b796803b2177180", fmt.Sprintf("%016x", k))
		if k%40 == 39 {
			block = strings.Replace(block, "SIP/2.0 200 OK", "SIP/2.0 403 Forbidden", 1)
			block = strings.Replace(block, "HTTP/1.1 409 Conflict", "HTTP/1.1 403 Forbidden", 1)
		}
		b.WriteString(block)
	}
	return []byte(b.String())
}

// benchServerItems generates one large file per server log format.
func benchServerItems(b testing.TB) []parsers.Item {
	templates := []string{
		"signin-ok/server/xsp1/XsiActionsLog2024.05.02-00.00.00.txt",
		"signin-ok/server/xsp1/AuthenticationService2024.05.02-00.00.00.txt",
		"signin-ok/server/xsp1/tomcat/access_log.2024.05.02-00.00.00.txt",
		"signin-ok/server/as1/XSLog2024.05.02-00.00.00.txt",
		"provisioning-409/server/as1/PSLog2024.05.02-00.00.00.txt",
	}
	var items []parsers.Item
	for _, tpl := range templates {
		data := generateServerLog(b, filepath.Join("testdata", "corpus", filepath.FromSlash(tpl)), benchServerBytes)
		items = append(items, parsers.Item{Name: tpl, Data: data})
	}
	return items
}

func parseItems(items []parsers.Item) []*parsers.Source {
	sources := make([]*parsers.Source, len(items))
	for i, item := range items {
		sources[i] = parsers.Open(item, parsers.Options{})
	}
	return sources
}

func benchBytes(items []parsers.Item) int64 {
	var n int64
	for _, item := range items {
		n += int64(len(item.Data))
	}
	return n
}

// BenchmarkServerLogParse parses the generated server logs one after the
// other, so that its time compares with BenchmarkServerLogScan.
func BenchmarkServerLogParse(b *testing.B) {
	items := benchServerItems(b)
	b.SetBytes(benchBytes(items))
	b.ResetTimer()
	for range b.N {
		parseItems(items)
	}
}

// BenchmarkServerLogScan scans the parsed server logs with the built-in
// catalogue. Scan spreads sources over the CPUs, so it runs with the
// GOMAXPROCS the benchmark gets (-cpu 1 for a like-for-like comparison).
func BenchmarkServerLogScan(b *testing.B) {
	items := benchServerItems(b)
	sources := parseItems(items)
	cat := BuiltinCatalogue()
	require.NotEmpty(b, Scan(sources, cat), "the generated logs raise findings")
	b.SetBytes(benchBytes(items))
	b.ResetTimer()
	for range b.N {
		Scan(sources, cat)
	}
}

// BenchmarkScanParseRatio reports scan/parse on the repeated sign-ins of
// the corpus server logs.
func BenchmarkScanParseRatio(b *testing.B) {
	items := benchServerItems(b)
	benchScanParseRatio(b, items)
}

// benchScanParseRatio times one parse and one scan of items per iteration
// and reports scan time over parse time as scan/parse.
//
// Each phase starts right after a forced garbage collection, outside the
// timings. A collection costs about the time to trace the live heap, most
// of it the entries the parse built, and without the forced one the first
// collection after the parse falls in whichever phase the heap reaches the
// collector's goal. This way each phase pays for the collections its own
// allocations cause.
func benchScanParseRatio(b *testing.B, items []parsers.Item) {
	cat := BuiltinCatalogue()
	var parse, scan time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		runtime.GC()
		b.StartTimer()
		start := time.Now()
		sources := parseItems(items)
		parse += time.Since(start)

		b.StopTimer()
		runtime.GC()
		b.StartTimer()
		start = time.Now()
		Scan(sources, cat)
		scan += time.Since(start)
	}
	b.ReportMetric(float64(scan)/float64(parse), "scan/parse")
}

// BenchmarkScanParseRatioGenerated is BenchmarkScanParseRatio on the
// server logs of parsers/gen, which mix sign-ins with the other traffic of
// a busy server in the shares of a real one. WXLOG_BENCH_MB sets the total
// size of the server logs (4 MB by default).
func BenchmarkScanParseRatioGenerated(b *testing.B) {
	total := int64(4 << 20)
	if mb, err := strconv.Atoi(os.Getenv("WXLOG_BENCH_MB")); err == nil && mb > 0 {
		total = int64(mb) << 20
	}
	var items []parsers.Item
	for _, k := range gen.Kinds {
		if !k.Server() {
			continue
		}
		items = append(items, parsers.Item{Name: k.Path(), Data: gen.Bytes(k, int64(float64(total)*k.Share()), 1)})
	}
	b.SetBytes(benchBytes(items))
	benchScanParseRatio(b, items)
}
