package views

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
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
// and a cancel button. The window stays responsive; when a job ends the
// model is analysed again.
type Loader struct {
	model  *Model
	Config app.Config
	// Bundles maps each loaded source to the label of the path it came
	// from, which is the top level of the source tree.
	Bundles map[*parsers.Source]string
	// OnLoaded is called on the UI thread after a job ends.
	OnLoaded func(label string, err error)

	panel *fyne.Container
	jobs  int
}

// NewLoader returns a loader into the model's workspace.
func NewLoader(m *Model, cfg app.Config) *Loader {
	return &Loader{model: m, Config: cfg, Bundles: map[*parsers.Source]string{}, panel: container.NewVBox()}
}

// Panel returns the list of running jobs, to place in the window.
func (l *Loader) Panel() fyne.CanvasObject { return l.panel }

// Running returns how many jobs are still loading.
func (l *Loader) Running() int { return l.jobs }

// LoadPaths starts a job for each path.
func (l *Loader) LoadPaths(paths []string) {
	for _, p := range paths {
		p := p
		label := filepath.Base(filepath.Clean(p))
		l.start(label, func(ctx context.Context, progress func(*parsers.Source)) error {
			return l.model.Workspace.Add(ctx, []string{p}, l.Config, progress)
		})
	}
}

// LoadData starts a job for an in-memory file or bundle such as the demo.
func (l *Loader) LoadData(name string, data []byte) {
	l.start(name, func(ctx context.Context, progress func(*parsers.Source)) error {
		return l.model.Workspace.AddData(ctx, name, data, l.Config, progress)
	})
}

// start runs one job: it shows a row with a progress bar, loads in a
// goroutine, counts the sources as they arrive, and on the end labels
// the new sources with their bundle and analyses the workspace again.
func (l *Loader) start(label string, load func(context.Context, func(*parsers.Source)) error) {
	ctx, cancel := context.WithCancel(context.Background())
	status := widget.NewLabel(lang.L("Reading {{.Name}}", map[string]any{"Name": label}))
	bar := widget.NewProgressBarInfinite()
	stop := widget.NewButtonWithIcon("", theme.CancelIcon(), cancel)
	row := container.NewBorder(nil, nil, nil, stop, container.NewVBox(status, bar))
	l.panel.Add(row)
	l.jobs++

	var mu sync.Mutex
	var loaded []*parsers.Source
	progress := func(src *parsers.Source) {
		mu.Lock()
		loaded = append(loaded, src)
		n := len(loaded)
		mu.Unlock()
		l.model.post(func() {
			status.SetText(lang.L("Reading {{.Name}}: {{.Count}} files", map[string]any{"Name": label, "Count": n}))
		})
	}

	l.model.Go(func() func() {
		err := load(ctx, progress)
		cancel()
		return func() {
			bar.Stop()
			l.panel.Remove(row)
			l.jobs--
			mu.Lock()
			for _, src := range loaded {
				l.Bundles[src] = label
				for _, p := range src.Problems {
					slog.Warn("problem in source", "source", src.Name, "problem", p)
				}
			}
			mu.Unlock()
			if errors.Is(err, context.Canceled) {
				err = fmt.Errorf("%s", lang.L("Loading {{.Name}} was cancelled; the files read so far are shown", map[string]any{"Name": label}))
			}
			if err != nil {
				slog.Error("load failed", "path", label, "err", err)
			}
			l.model.Reanalyze()
			if l.OnLoaded != nil {
				l.OnLoaded(label, err)
			}
		}
	})
}
