package views

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/parsers"
)

// overviewBuckets is how many time slices the overview counts entries in;
// the strip maps them onto its pixel width.
const overviewBuckets = 1024

// Overview is the time ruler over the timeline: one lane per visible
// source showing how many entries fall in each slice of time, with marks
// for errors and findings and a line at the selected entry. A click jumps
// to that time.
type Overview struct {
	widget.BaseWidget
	model *Model

	start, end int64
	sources    []*parsers.Source
	// density[s][b] counts the entries of source s in bucket b.
	density [][]uint32
	errors  []bool
	finds   []string // the most severe signature severity per bucket, or ""
	peak    uint32
	raster  *canvas.Raster
}

// NewOverview returns the overview strip of the model's timeline.
func NewOverview(m *Model) *Overview {
	o := &Overview{model: m}
	o.ExtendBaseWidget(o)
	o.raster = canvas.NewRaster(o.draw)
	m.Listen(func(c Change) {
		if c&(ChangeTimeline|ChangeRows) != 0 {
			o.recount()
		}
		if c&(ChangeSelection|ChangeTimeline|ChangeRows) != 0 {
			o.Refresh()
		}
	})
	return o
}

// recount computes the density of the current rows in the background.
func (o *Overview) recount() {
	m := o.model
	tl, rows, findings := m.Timeline, m.Rows, m.findings
	m.Go(func() func() {
		m.entriesMu.RLock()
		d := countDensity(tl, rows, findings)
		m.entriesMu.RUnlock()
		return func() {
			if tl != m.Timeline {
				return
			}
			o.start, o.end = d.start, d.end
			o.sources, o.density, o.errors, o.finds, o.peak = d.sources, d.density, d.errors, d.finds, d.peak
			o.Refresh()
		}
	})
}

type densityCounts struct {
	start, end int64
	sources    []*parsers.Source
	density    [][]uint32
	errors     []bool
	finds      []string
	peak       uint32
}

// countDensity counts the rows of the view by source and time bucket. The
// findings map is only read: a new analysis replaces it.
func countDensity(tl *app.Timeline, rows []int32, findings map[app.EntryRef]*app.Finding) densityCounts {
	d := densityCounts{errors: make([]bool, overviewBuckets), finds: make([]string, overviewBuckets)}
	n := tl.Len()
	if rows != nil {
		n = len(rows)
	}
	if n == 0 {
		return d
	}
	pos := func(r int) int {
		if rows != nil {
			return int(rows[r])
		}
		return r
	}
	d.start, d.end = tl.Time(pos(0)), tl.Time(pos(n-1))
	span := max(d.end-d.start, 1)

	lane := map[int32]int{}
	for r := range n {
		p := pos(r)
		ref := tl.Refs[p]
		s, ok := lane[ref.Src]
		if !ok {
			s = len(d.sources)
			lane[ref.Src] = s
			d.sources = append(d.sources, tl.Sources[ref.Src])
			d.density = append(d.density, make([]uint32, overviewBuckets))
		}
		b := densityBucket(tl.Time(p), d.start, span)
		d.density[s][b]++
		d.peak = max(d.peak, d.density[s][b])
		src := tl.Sources[ref.Src]
		if src.Entries[ref.Idx].Severity >= parsers.SevError {
			d.errors[b] = true
		}
		if f := findings[app.EntryRef{Source: src, Index: int(ref.Idx)}]; f != nil && f.Signature != nil {
			d.finds[b] = moreSevere(d.finds[b], f.Signature.Severity)
		}
	}
	return d
}

// densityBucket returns the bucket of time t in a view that starts at
// start and lasts span nanoseconds. It divides in floating point because
// (t-start)*(overviewBuckets-1) overflows int64 once a view lasts longer
// than about 104 days.
func densityBucket(t, start, span int64) int {
	b := int(float64(t-start) / float64(span) * (overviewBuckets - 1))
	return min(max(b, 0), overviewBuckets-1)
}

// TimeAt returns the time under x pixels from the left edge.
func (o *Overview) TimeAt(x float32) int64 {
	w := o.Size().Width
	if w <= 0 || o.end <= o.start {
		return o.start
	}
	f := math.Max(0, math.Min(1, float64(x/w)))
	return o.start + int64(f*float64(o.end-o.start))
}

// Tapped jumps to the time under the pointer.
func (o *Overview) Tapped(ev *fyne.PointEvent) {
	if o.end == 0 {
		return
	}
	o.model.GoToTime(o.TimeAt(ev.Position.X))
}

// draw paints a band of error and finding marks over one lane per source.
// Each pixel column of a lane takes the largest count of the buckets under
// it, shaded on a square-root scale so that quiet stretches stay visible
// next to bursts.
func (o *Overview) draw(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	if len(o.sources) == 0 || w <= 0 || h <= 0 {
		return img
	}
	bg := toNRGBA(theme.Color(theme.ColorNameInputBackground))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = bg.R, bg.G, bg.B, bg.A
	}
	markTop := max(h/6, 2)
	laneH := float64(h-markTop) / float64(len(o.sources))
	errColor := toNRGBA(wxColor(ColorNameSeverityError))
	findColors := map[string]color.NRGBA{}
	for _, sev := range []string{app.SeverityError, app.SeverityWarning, app.SeverityInfo} {
		findColors[sev] = toNRGBA(wxColor(signatureColorName(sev)))
	}

	for x := range w {
		b0 := x * overviewBuckets / w
		b1 := max((x+1)*overviewBuckets/w, b0+1)
		errMark, find := false, ""
		for b := b0; b < b1 && b < overviewBuckets; b++ {
			errMark = errMark || o.errors[b]
			find = moreSevere(find, o.finds[b])
		}
		for y := 0; y < markTop; y++ {
			switch {
			case find != "" && y < markTop/2:
				img.SetNRGBA(x, y, findColors[find])
			case errMark:
				img.SetNRGBA(x, y, errColor)
			}
		}
		for s, counts := range o.density {
			var c uint32
			for b := b0; b < b1 && b < overviewBuckets; b++ {
				c = max(c, counts[b])
			}
			if c == 0 {
				continue
			}
			level := math.Sqrt(float64(c) / float64(o.peak))
			shade := toNRGBA(o.model.SourceColor(o.sources[s]))
			shade.A = uint8(90 + 165*level)
			top := markTop + int(float64(s)*laneH)
			bottom := max(markTop+int(float64(s+1)*laneH)-1, top+1)
			for y := top; y < bottom && y < h; y++ {
				img.SetNRGBA(x, y, shade)
			}
		}
	}

	if t := o.model.SelectedTime(); t != 0 && o.end > o.start {
		x := int(float64(t-o.start) / float64(o.end-o.start) * float64(w-1))
		fg := toNRGBA(theme.Color(theme.ColorNameForeground))
		for y := 0; y < h && x >= 0 && x < w; y++ {
			img.SetNRGBA(x, y, fg)
		}
	}
	return img
}

func toNRGBA(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

// CreateRenderer is part of fyne.Widget.
func (o *Overview) CreateRenderer() fyne.WidgetRenderer {
	return &overviewRenderer{o: o}
}

type overviewRenderer struct{ o *Overview }

func (r *overviewRenderer) Destroy() {}
func (r *overviewRenderer) Layout(s fyne.Size) {
	r.o.raster.Resize(s)
}

// MinSize gives each source lane at least 4 px under the marker band.
func (r *overviewRenderer) MinSize() fyne.Size {
	lanes := float32(len(r.o.sources))
	return fyne.NewSize(100, max(theme.TextSize()*3, 8+4*lanes))
}
func (r *overviewRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.o.raster} }
func (r *overviewRenderer) Refresh()                     { r.o.raster.Refresh() }

// moreSevere returns the more severe of two signature severities, where
// "" means none.
func moreSevere(a, b string) string {
	if a == "" || b != "" && app.SeverityRank(b) < app.SeverityRank(a) {
		return b
	}
	return a
}
