package views

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
)

// sharingTextStep is how many points screen-sharing mode adds to the text
// size, so that people watching a shared screen can read it.
const sharingTextStep = 2

// ScreenSharing is the state of screen-sharing mode: while it is on, every
// widget that draws text from the logs passes it through Display, which
// replaces personal data with consistent pseudonyms, and copy and export
// carry the masked text. Search keeps working on the real text, because
// the model matches the entries, not what is drawn.
type ScreenSharing struct {
	mu sync.RWMutex
	on bool
	// masker has learned the personal values of the current analysis.
	// Until it has, a plain masker masks the values with a recognisable
	// shape, such as emails and IP addresses.
	masker   *app.Masker
	analysis *app.Analysis

	// prevTextSize is the theme's text size before the mode raised it.
	prevTextSize float32
	listeners    []func(on bool)
}

// sharing is the window's one screen-sharing state. Rows, panes, the
// detail and the analysis panels consult it when they format text.
var sharing = &ScreenSharing{}

// Sharing returns the screen-sharing state of the window.
func Sharing() *ScreenSharing { return sharing }

// Display returns text as it may be drawn: masked while screen-sharing
// mode is on, unchanged otherwise.
func Display(text string) string {
	return sharing.Mask(text)
}

// On reports whether screen-sharing mode is on.
func (s *ScreenSharing) On() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.on
}

// Mask masks text while the mode is on.
func (s *ScreenSharing) Mask(text string) string {
	s.mu.RLock()
	on, m := s.on, s.masker
	s.mu.RUnlock()
	if !on || text == "" {
		return text
	}
	return m.Mask(text)
}

// Masker returns the masker that copy and export use: nil while the mode
// is off, so that they write the real text.
func (s *ScreenSharing) Masker() *app.Masker {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if !s.on {
		return nil
	}
	return s.masker
}

// Listen adds a function called on the UI thread after the mode changed,
// or after its pseudonyms were learned again.
func (s *ScreenSharing) Listen(fn func(on bool)) {
	s.mu.Lock()
	s.listeners = append(s.listeners, fn)
	s.mu.Unlock()
}

func (s *ScreenSharing) notify() {
	s.mu.RLock()
	on, fns := s.on, append([]func(bool){}, s.listeners...)
	s.mu.RUnlock()
	for _, fn := range fns {
		fn(on)
	}
}

// Set turns the mode on or off. With a model, the pseudonyms are learned
// from its analysis in the background and the model's views are redrawn.
// With a theme, its text size goes up one step while the mode is on.
func (s *ScreenSharing) Set(on bool, m *Model, th *Theme) {
	s.mu.Lock()
	if s.on == on {
		s.mu.Unlock()
		return
	}
	s.on = on
	if on && s.masker == nil {
		s.masker = app.NewMasker()
	}
	s.mu.Unlock()

	if th != nil {
		s.applyTextSize(on, th)
	}
	// The redraw comes before the background learning starts: under
	// Fyne's test driver the learning's UI update runs on the worker
	// goroutine, and it must not draw the same widgets at the same time.
	s.redraw(m)
	if on && m != nil {
		s.Learn(m)
	}
}

// applyTextSize raises the text size one step, or restores it.
func (s *ScreenSharing) applyTextSize(on bool, th *Theme) {
	if on {
		s.prevTextSize = th.TextSize
		base := th.TextSize
		if base <= 0 {
			base = th.Base.Size(theme.SizeNameText)
		}
		th.TextSize = base + sharingTextStep
	} else {
		th.TextSize = s.prevTextSize
	}
	if a := fyne.CurrentApp(); a != nil {
		a.Settings().SetTheme(th)
	}
}

// Learn makes the masker learn the personal values of the model's
// analysis in the background, so that values without a recognisable
// shape, such as a BroadWorks user id, are masked too, and the case's
// user is user-1.
func (s *ScreenSharing) Learn(m *Model) {
	a := m.Analysis
	if a == nil || !s.On() {
		return
	}
	s.mu.RLock()
	same := s.analysis == a
	s.mu.RUnlock()
	if same {
		return
	}
	m.Go(func() func() {
		masker := app.NewWorkspaceMasker(a)
		return func() {
			s.mu.Lock()
			stale := m.Analysis != a
			if !stale {
				s.masker, s.analysis = masker, a
			}
			s.mu.Unlock()
			if !stale {
				s.redraw(m)
			}
		}
	})
}

// redraw tells the model's views and the listeners that drawn text
// changed.
func (s *ScreenSharing) redraw(m *Model) {
	if m != nil {
		m.notify(ChangeDisplay)
	}
	s.notify()
}

// Reset turns the mode off and forgets the pseudonyms, without touching a
// theme. Tests start from it.
func (s *ScreenSharing) Reset() {
	s.mu.Lock()
	s.on, s.masker, s.analysis, s.prevTextSize = false, nil, nil, 0
	s.listeners = nil
	s.mu.Unlock()
}

// newSharingToggle returns the toolbar check box of the mode.
func newSharingToggle(m *Model, th *Theme) *widget.Check {
	check := widget.NewCheck(lang.L("Screen sharing"), func(on bool) { sharing.Set(on, m, th) })
	sharing.Listen(func(on bool) {
		if check.Checked != on {
			check.SetChecked(on)
		}
	})
	if m != nil {
		m.Listen(func(c Change) {
			if c&ChangeTimeline != 0 {
				sharing.Learn(m)
			}
		})
	}
	return check
}
