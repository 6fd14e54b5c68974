// Command genlogs writes a large generated case for benchmarks:
//
//	go run ./parsers/gen/genlogs -server 1GB -client 200MB -seed 1 -out /tmp/case
//
// It prints each file with its size. The same flags give the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/wxlog/wxlog/parsers/gen"
)

func main() {
	server := flag.String("server", "100MB", "total `SIZE` of the server logs, such as 1GB or 500MB")
	client := flag.String("client", "20MB", "total `SIZE` of the client logs")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "", "`FOLDER` to write the case into (required)")
	zipped := flag.Bool("zip", false, "write the client logs into client/feedback.zip")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "genlogs: -out is required")
		flag.Usage()
		os.Exit(2)
	}
	sb, err := parseSize(*server)
	if err != nil {
		fmt.Fprintf(os.Stderr, "genlogs: -server: %v\n", err)
		os.Exit(2)
	}
	cb, err := parseSize(*client)
	if err != nil {
		fmt.Fprintf(os.Stderr, "genlogs: -client: %v\n", err)
		os.Exit(2)
	}
	files, err := gen.Generate(*out, gen.Options{ServerBytes: sb, ClientBytes: cb, Seed: *seed, Zip: *zipped})
	if err != nil {
		fmt.Fprintf(os.Stderr, "genlogs: %v\n", err)
		os.Exit(1)
	}
	for _, f := range files {
		fmt.Printf("%12d  %s\n", f.Bytes, f.Path)
	}
}

// parseSize reads a size such as 1GB, 200MB, 64KB or 1000 (bytes); the
// units are powers of 1024.
func parseSize(s string) (int64, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, unit := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(u, unit.suffix) {
			u, mult = strings.TrimSuffix(u, unit.suffix), unit.mult
			break
		}
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(u), 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("invalid size %q: expected a number with KB, MB or GB, such as 500MB", s)
	}
	return int64(v * float64(mult)), nil
}
