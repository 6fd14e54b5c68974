package app

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wxlog/wxlog/parsers"
	"github.com/wxlog/wxlog/parsers/gen"
)

// repeatedServerSources parses the repeated sign-ins of benchServerItems,
// whose failed attempts raise multi-entry findings.
func repeatedServerSources(t *testing.T) []*parsers.Source {
	t.Helper()
	var sources []*parsers.Source
	for _, item := range benchServerItems(t) {
		sources = append(sources, parsers.Open(item, parsers.Options{}))
	}
	return sources
}

// generatedServerSources parses total bytes of generated server logs.
func generatedServerSources(t *testing.T, total int64) []*parsers.Source {
	t.Helper()
	var sources []*parsers.Source
	for _, k := range gen.Kinds {
		if !k.Server() {
			continue
		}
		data := gen.Bytes(k, int64(float64(total)*k.Share()), 3)
		sources = append(sources, parsers.Open(parsers.Item{Name: k.Path(), Data: data}, parsers.Options{}))
	}
	return sources
}

// findingKeys describes each finding by signature, entry, related entries
// and groups, in order.
func findingKeys(findings []Finding) []string {
	var out []string
	for _, f := range findings {
		key := fmt.Sprintf("%s@%s#%d", f.Signature.ID, f.Source.Name, f.Index)
		for _, r := range f.Related {
			key += fmt.Sprintf(" +%s#%d", r.Source.Name, r.Index)
		}
		for _, name := range slices.Sorted(maps.Keys(f.Groups)) {
			key += " " + name + "=" + f.Groups[name]
		}
		out = append(out, key)
	}
	return out
}

func TestScanUnitSizesGiveSameFindings(t *testing.T) {
	sources := append(repeatedServerSources(t), generatedServerSources(t, 6<<20)...)
	cat := BuiltinCatalogue()
	whole := findingKeys(scanInUnits(sources, cat, 1<<40))
	require.NotEmpty(t, whole, "the generated logs raise findings")

	multi := 0
	for _, f := range scanInUnits(sources, cat, 1<<40) {
		if f.Signature.MultiEntry() {
			multi++
		}
	}
	require.NotZero(t, multi, "the generated logs raise multi-entry findings")

	tests := []struct {
		name string
		size int
	}{
		{"default size", unitBytes(sources)},
		{"64 KiB units", 64 << 10},
		{"one entry per unit", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, whole, findingKeys(scanInUnits(sources, cat, tt.size)))
		})
	}
}

func TestSplitSourcesCoversEveryEntry(t *testing.T) {
	sources := generatedServerSources(t, 2<<20)
	sources = append(sources, &parsers.Source{Name: "empty.log"})
	tests := []struct {
		name string
		size int
	}{
		{"whole sources", 1 << 40},
		{"16 KiB units", 16 << 10},
		{"one byte", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units := splitSources(sources, tt.size)
			next := make([]int, len(sources))
			for _, u := range units {
				require.Equal(t, next[u.source], u.lo, "units of %s follow each other", sources[u.source].Name)
				require.Less(t, u.lo, u.hi)
				next[u.source] = u.hi
			}
			for i, src := range sources {
				assert.Equal(t, len(src.Entries), next[i], src.Name)
			}
		})
	}
}
