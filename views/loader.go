package views

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// Loader reads sources into the model's workspace in the background, one
// job per opened path, each with a progress bar, a count of the files read
// and a cancel button. The window stays responsive: sources show in the
// timeline as each one is parsed, a large file shows its first part while
// the rest is read, and when a job ends the model is analysed again.
type Loader struct {
	model  *Model
	Config app.Config
	// Bundles maps each loaded source to the label of the path it came
	// from, which is the top level of the source tree.
	Bundles map[*parsers.Source]string
	// NoLogs lists the opened paths whose load gave no source, such as an
	// empty folder, in the order they were opened. The window's load
	// banner names them until the user dismisses them.
	NoLogs []string
	// Skipped lists the opened paths that were not loaded again because
	// they are loaded already. The banner names them with NoLogs.
	Skipped []string
	// origins maps each loaded source to the path or data name its job
	// opened and the job's number, which tell apart two bundles of the
	// same name.
	origins map[*parsers.Source]bundleOrigin
	// OnLoaded is called on the UI thread after a job ends.
	OnLoaded func(label string, err error)
	// PreviewBytes is the size of the first part of a large file shown
	// before its full parse, or 0 for parsers.PreviewBytes.
	PreviewBytes int

	panel *fyne.Container
	jobs  int
	// started counts the jobs ever started, to number them.
	started int
	// running holds the jobs still loading, used on the UI thread only.
	running []*loadJob
}

// loadJob is the state of one running job that the timeline shows before
// the job ends.
type loadJob struct {
	cancel context.CancelFunc
	mu     sync.Mutex
	// loaded are the sources parsed so far, and previews hold the first part
	// of large files whose full parse is not ready, by name.
	loaded   []*parsers.Source
	previews map[string]*parsers.Source
	// skipped are the paths the load left out as already loaded.
	skipped []string
}

// shown returns the sources of the job to merge into the timeline.
func (j *loadJob) shown() []*parsers.Source {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := append([]*parsers.Source(nil), j.loaded...)
	for _, p := range j.previews {
		out = append(out, p)
	}
	return out
}

// bundleOrigin is the path or in-memory data name that a job opened, with
// the job's number.
type bundleOrigin struct {
	path string
	job  int
}

// NewLoader returns a loader into the model's workspace.
func NewLoader(m *Model, cfg app.Config) *Loader {
	l := &Loader{model: m, Config: cfg, Bundles: map[*parsers.Source]string{},
		origins: map[*parsers.Source]bundleOrigin{}, panel: container.NewVBox()}
	m.Listen(func(c Change) {
		// An analysis that ended while other jobs still run lacks their
		// sources: merge them in again.
		if c&ChangeTimeline != 0 && !m.Partial && len(l.running) > 0 {
			l.showPartial()
		}
	})
	return l
}

// Panel returns the list of running jobs, to place in the window.
func (l *Loader) Panel() fyne.CanvasObject { return l.panel }

// Running returns how many jobs are still loading.
func (l *Loader) Running() int { return l.jobs }

// Cancel stops every running job, as its cancel button does: the sources
// read so far stay.
func (l *Loader) Cancel() {
	for _, j := range l.running {
		j.cancel()
	}
}

// LoadPaths starts a job for each path.
func (l *Loader) LoadPaths(paths []string) {
	for _, p := range paths {
		p := p
		label := filepath.Base(filepath.Clean(p))
		origin := filepath.Clean(p)
		if abs, err := filepath.Abs(p); err == nil {
			origin = abs
		}
		l.startFrom(label, origin, true, func(ctx context.Context, ev app.LoadEvents) error {
			return l.model.Workspace.AddWith(ctx, []string{p}, l.Config, ev)
		})
	}
}

// LoadData starts a job for an in-memory file or bundle such as the demo.
func (l *Loader) LoadData(name string, data []byte) {
	l.startFrom(name, name, false, func(ctx context.Context, ev app.LoadEvents) error {
		return l.model.Workspace.AddDataWith(ctx, name, data, l.Config, ev)
	})
}

// forget drops a closed source from the bundles.
func (l *Loader) forget(src *parsers.Source) {
	delete(l.Bundles, src)
	delete(l.origins, src)
}

// origin returns what the job of a loaded source opened, and false for a
// source the loader did not load.
func (l *Loader) origin(src *parsers.Source) (bundleOrigin, bool) {
	o, ok := l.origins[src]
	return o, ok
}

// showPartial merges the sources of the running jobs into the timeline.
func (l *Loader) showPartial() {
	l.model.ShowPartial(func() []*parsers.Source {
		var out []*parsers.Source
		for _, j := range l.running {
			out = append(out, j.shown()...)
		}
		return out
	})
}

// start runs one job for data named label.
func (l *Loader) start(label string, load func(context.Context, app.LoadEvents) error) {
	l.startFrom(label, label, false, load)
}

// startFrom runs one job: it shows a row with a progress bar, loads in a
// goroutine, shows each source (or the first part of a large one) in the
// timeline as it arrives, and on the end analyses the workspace again.
// origin is the path or data name opened; with isPath set, a load that
// gives no source and no error adds origin to NoLogs.
func (l *Loader) startFrom(label, origin string, isPath bool, load func(context.Context, app.LoadEvents) error) {
	ctx, cancel := context.WithCancel(context.Background())
	status := widget.NewLabel(lang.L("Reading {{.Name}}", map[string]any{"Name": label}))
	waiting := widget.NewProgressBarInfinite()
	bar := widget.NewProgressBar()
	bar.Hide()
	stop := widget.NewButtonWithIcon("", theme.CancelIcon(), cancel)
	row := container.NewBorder(nil, nil, nil, stop, container.NewVBox(status, waiting, bar))
	l.panel.Add(row)
	l.jobs++
	l.started++
	from := bundleOrigin{path: origin, job: l.started}
	job := &loadJob{cancel: cancel, previews: map[string]*parsers.Source{}}
	selections := l.model.Selections()
	l.running = append(l.running, job)

	ev := app.LoadEvents{
		Skipped: func(paths []string) {
			job.mu.Lock()
			job.skipped = append(job.skipped, paths...)
			job.mu.Unlock()
		},
		PreviewBytes: l.PreviewBytes,
		Source: func(src *parsers.Source) {
			job.mu.Lock()
			job.loaded = append(job.loaded, src)
			preview := job.previews[src.Name]
			delete(job.previews, src.Name)
			n := len(job.loaded)
			job.mu.Unlock()
			l.model.post(func() {
				if preview != nil {
					l.forget(preview)
				}
				l.Bundles[src] = label
				l.origins[src] = from
				status.SetText(app.TN("Reading {{.Name}}: {{.Count}} files", n, map[string]any{"Name": label, "Count": n}))
				l.showPartial()
			})
		},
		Preview: func(src *parsers.Source) {
			job.mu.Lock()
			job.previews[src.Name] = src
			job.mu.Unlock()
			l.model.post(func() {
				l.Bundles[src] = label
				l.origins[src] = from
				l.showPartial()
			})
		},
		Progress: func(done, total int64) {
			if total <= 0 {
				return
			}
			l.model.post(func() {
				if waiting.Visible() {
					waiting.Stop()
					waiting.Hide()
					bar.Show()
				}
				bar.SetValue(float64(done) / float64(total))
			})
		},
	}

	l.model.Go(func() func() {
		err := load(ctx, ev)
		cancel()
		return func() {
			waiting.Stop()
			l.panel.Remove(row)
			l.jobs--
			l.running = slices.DeleteFunc(l.running, func(j *loadJob) bool { return j == job })
			job.mu.Lock()
			for _, p := range job.previews {
				l.forget(p)
			}
			for _, src := range job.loaded {
				l.Bundles[src] = label
				l.origins[src] = from
				for _, p := range src.Problems {
					slog.Warn("problem in source", "source", src.Name, "problem", p)
				}
			}
			gaveNoLog := isPath && err == nil && len(job.loaded) == 0 && len(job.skipped) == 0
			for _, p := range job.skipped {
				if !slices.Contains(l.Skipped, p) {
					slog.Warn("path skipped, already loaded", "path", p)
					l.Skipped = append(l.Skipped, p)
				}
			}
			job.mu.Unlock()
			l.NoLogs = slices.DeleteFunc(l.NoLogs, func(p string) bool { return p == origin })
			if gaveNoLog {
				slog.Warn("no log files found", "path", origin)
				l.NoLogs = append(l.NoLogs, origin)
			}
			if errors.Is(err, context.Canceled) {
				err = fmt.Errorf("%s", lang.L("Loading {{.Name}} was cancelled; the files read so far are shown", map[string]any{"Name": label}))
			}
			if err != nil {
				slog.Error("load failed", "path", label, "err", err)
			}
			l.model.FocusErrorNext(selections)
			l.model.Reanalyze()
			if l.OnLoaded != nil {
				l.OnLoaded(label, err)
			}
		}
	})
}
