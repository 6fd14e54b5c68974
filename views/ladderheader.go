package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// LadderHeader draws the lifeline titles of a Ladder in a strip of their
// own, so that the titles stay in view while the steps scroll under them.
// It takes the ladder's width, and its owner scrolls it sideways with the
// ladder.
type LadderHeader struct {
	widget.BaseWidget
	ladder *Ladder
}

// NewLadderHeader returns the title strip of l. l should have HeaderApart
// set, so that the titles are not drawn twice.
func NewLadderHeader(l *Ladder) *LadderHeader {
	h := &LadderHeader{ladder: l}
	h.ExtendBaseWidget(h)
	l.header = h
	return h
}

// CreateRenderer is part of fyne.Widget.
func (h *LadderHeader) CreateRenderer() fyne.WidgetRenderer {
	r := &ladderHeaderRenderer{h: h}
	r.build()
	return r
}

type ladderHeaderRenderer struct {
	h       *LadderHeader
	objects []fyne.CanvasObject
}

func (r *ladderHeaderRenderer) build() {
	l := r.h.ladder
	k := ladderScale()
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	bg.Resize(fyne.NewSize(l.MinSize().Width/k, ladderHeader))
	r.objects = []fyne.CanvasObject{bg}
	if l.Flow != nil {
		r.objects = append(r.objects, laneTitles(l.Flow, k, l.column(), theme.Color(theme.ColorNameForeground))...)
		// The lifelines start under their titles here and go on in the
		// ladder, which draws its first step at its top.
		for i := range l.Flow.Lifelines {
			r.objects = append(r.objects, lifeline(l.lifelineX(i), ladderLineTop, ladderHeader))
		}
	}
	scaleDrawing(r.objects, k)
}

func (r *ladderHeaderRenderer) Layout(fyne.Size)             {}
func (r *ladderHeaderRenderer) Destroy()                     {}
func (r *ladderHeaderRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *ladderHeaderRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.h.ladder.MinSize().Width, ladderHeader*ladderScale())
}

func (r *ladderHeaderRenderer) Refresh() {
	r.build()
	canvas.Refresh(r.h)
}
