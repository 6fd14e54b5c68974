// Package app is wxlog's domain: the workspace of loaded sources, the
// unified timeline, the signature catalogue and its findings, the sign-in
// ladder, the case summary, redaction and the report. It never imports
// Fyne, so everything here tests without a display.
package app

import (
	"context"
	"fmt"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/wxlog/wxlog/parsers"
)

// SourceSetting overrides the zone or clock skew of the sources whose name
// matches Pattern: the exact name, or a path.Match glob against the name
// or its last element.
type SourceSetting struct {
	Pattern string
	Zone    *time.Location
	Skew    time.Duration
	HasSkew bool
}

// Matches reports whether the setting applies to a source name.
func (s SourceSetting) Matches(name string) bool {
	if s.Pattern == name {
		return true
	}
	if ok, _ := path.Match(s.Pattern, name); ok {
		return true
	}
	ok, _ := path.Match(s.Pattern, path.Base(name))
	return ok
}

// ParseSourceSetting reads "SOURCE=VALUE" as given to --tz (an IANA zone
// name such as Europe/Copenhagen, or UTC) or to --skew (a signed Go
// duration such as +2.4s or -150ms).
func ParseSourceSetting(arg string, skew bool) (SourceSetting, error) {
	eq := strings.LastIndexByte(arg, '=')
	if eq <= 0 || eq == len(arg)-1 {
		return SourceSetting{}, fmt.Errorf("invalid setting %q: expected SOURCE=VALUE", arg)
	}
	s := SourceSetting{Pattern: arg[:eq]}
	value := arg[eq+1:]
	if skew {
		d, err := time.ParseDuration(strings.TrimPrefix(value, "+"))
		if err != nil {
			return s, fmt.Errorf("invalid skew %q for %s: expected a duration such as +2.4s or -150ms", value, s.Pattern)
		}
		s.Skew, s.HasSkew = d, true
		return s, nil
	}
	loc, err := time.LoadLocation(value)
	if err != nil {
		return s, fmt.Errorf("invalid time zone %q for %s: expected an IANA name such as Europe/Copenhagen", value, s.Pattern)
	}
	s.Zone = loc
	return s, nil
}

// Config controls a load.
type Config struct {
	Limits   parsers.Limits
	Settings []SourceSetting
	// Workers is how many files parse at once; 0 means one per CPU.
	Workers int
}

func (c Config) optionsFor(name string) (parsers.Options, time.Duration) {
	var opts parsers.Options
	var skew time.Duration
	for _, s := range c.Settings {
		if !s.Matches(name) {
			continue
		}
		if s.Zone != nil {
			opts.Zone, opts.ForceZone = s.Zone, true
		}
		if s.HasSkew {
			skew = s.Skew
		}
	}
	return opts, skew
}

// Workspace holds the loaded sources of one case.
type Workspace struct {
	mu      sync.RWMutex
	Sources []*parsers.Source
}

// Load reads every path into a new workspace. Each file is parsed in
// parallel with the others; progress, when not nil, is called from the
// loading goroutines as each source is ready. A file with problems still
// becomes a source, carrying its problems. The error is the context's, when
// the load was cancelled; the sources parsed until then are kept.
func Load(ctx context.Context, paths []string, cfg Config, progress func(*parsers.Source)) (*Workspace, error) {
	ws := &Workspace{}
	err := ws.Add(ctx, paths, cfg, progress)
	return ws, err
}

// Add loads more paths into the workspace.
func (ws *Workspace) Add(ctx context.Context, paths []string, cfg Config, progress func(*parsers.Source)) error {
	return ws.add(ctx, cfg, progress, func(emit func(parsers.Item)) error {
		return parsers.Walk(ctx, paths, cfg.Limits, emit)
	})
}

// AddData loads an in-memory file or bundle, such as the embedded demo,
// into the workspace under the given name.
func (ws *Workspace) AddData(ctx context.Context, name string, data []byte, cfg Config, progress func(*parsers.Source)) error {
	return ws.add(ctx, cfg, progress, func(emit func(parsers.Item)) error {
		return parsers.WalkData(ctx, name, data, cfg.Limits, emit)
	})
}

// add parses the items that walk emits, in parallel, and appends the
// sources sorted by name.
func (ws *Workspace) add(ctx context.Context, cfg Config, progress func(*parsers.Source), walk func(emit func(parsers.Item)) error) error {
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	items := make(chan parsers.Item, workers)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var added []*parsers.Source
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for item := range items {
				opts, skew := cfg.optionsFor(item.Name)
				src := parsers.Open(item, opts)
				src.Skew = skew
				mu.Lock()
				added = append(added, src)
				mu.Unlock()
				if progress != nil {
					progress(src)
				}
			}
		}()
	}
	err := walk(func(item parsers.Item) {
		select {
		case items <- item:
		case <-ctx.Done():
		}
	})
	close(items)
	wg.Wait()

	sort.SliceStable(added, func(i, j int) bool { return added[i].Name < added[j].Name })
	ws.mu.Lock()
	ws.Sources = append(ws.Sources, added...)
	ws.mu.Unlock()
	return err
}

// Remove drops a source from the workspace.
func (ws *Workspace) Remove(src *parsers.Source) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	for i, s := range ws.Sources {
		if s == src {
			ws.Sources = append(ws.Sources[:i:i], ws.Sources[i+1:]...)
			return
		}
	}
}

// Snapshot returns the current list of sources.
func (ws *Workspace) Snapshot() []*parsers.Source {
	ws.mu.RLock()
	defer ws.mu.RUnlock()
	return append([]*parsers.Source(nil), ws.Sources...)
}
