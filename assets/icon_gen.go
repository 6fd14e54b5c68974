//go:build ignore

// icon_gen draws assets/icon.png, wxlog's application icon: a sign-in
// ladder (a sequence diagram) of three lifelines with messages passing
// between them, the last one failed. Run it from the assets folder with
//
//	go run icon_gen.go
//
// It draws at four times the size and averages each 4x4 block, which gives
// smooth edges without a drawing library.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const (
	size  = 512
	scale = 4
	big   = size * scale
)

var (
	background = color.NRGBA{0x13, 0x3a, 0x5e, 0xff}
	lifeline   = color.NRGBA{0xd8, 0xe6, 0xf2, 0xff}
	passed     = color.NRGBA{0x4c, 0xc3, 0x8a, 0xff}
	failed     = color.NRGBA{0xf0, 0x5a, 0x4a, 0xff}
	header     = color.NRGBA{0x2c, 0x6e, 0xa6, 0xff}
)

// canvas is the oversized drawing surface, in 512-unit coordinates.
type canvas struct{ img *image.NRGBA }

// fill paints every pixel whose centre lies inside the shape.
func (c canvas) fill(col color.NRGBA, inside func(x, y float64) bool) {
	for py := 0; py < big; py++ {
		for px := 0; px < big; px++ {
			x := (float64(px) + 0.5) / scale
			y := (float64(py) + 0.5) / scale
			if inside(x, y) {
				c.img.SetNRGBA(px, py, col)
			}
		}
	}
}

func roundedRect(x0, y0, x1, y1, r float64) func(x, y float64) bool {
	return func(x, y float64) bool {
		if x < x0 || x > x1 || y < y0 || y > y1 {
			return false
		}
		cx := math.Max(x0+r, math.Min(x, x1-r))
		cy := math.Max(y0+r, math.Min(y, y1-r))
		return math.Hypot(x-cx, y-cy) <= r
	}
}

// segment is a thick line from (x0,y0) to (x1,y1) with round ends.
func segment(x0, y0, x1, y1, width float64) func(x, y float64) bool {
	return func(x, y float64) bool {
		dx, dy := x1-x0, y1-y0
		t := ((x-x0)*dx + (y-y0)*dy) / (dx*dx + dy*dy)
		t = math.Max(0, math.Min(1, t))
		return math.Hypot(x-(x0+t*dx), y-(y0+t*dy)) <= width/2
	}
}

// arrowHead is a triangle pointing along dir (+1 right, -1 left) with its
// tip at (tx, ty).
func arrowHead(tx, ty, dir float64) func(x, y float64) bool {
	const length, half = 34.0, 20.0
	return func(x, y float64) bool {
		d := (tx - x) * dir
		return d >= 0 && d <= length && math.Abs(y-ty) <= half*d/length
	}
}

// arrow is one message of the ladder from lifeline x0 to lifeline x1.
func (c canvas) arrow(x0, x1, y float64, col color.NRGBA) {
	dir := 1.0
	if x1 < x0 {
		dir = -1
	}
	c.fill(col, segment(x0, y, x1-dir*30, y, 16))
	c.fill(col, arrowHead(x1, y, dir))
}

func main() {
	c := canvas{img: image.NewNRGBA(image.Rect(0, 0, big, big))}
	c.fill(background, roundedRect(16, 16, 496, 496, 96))

	lanes := []float64{120, 256, 392}
	for _, x := range lanes {
		c.fill(header, roundedRect(x-50, 62, x+50, 114, 14))
		c.fill(lifeline, segment(x, 124, x, 452, 10))
	}

	c.arrow(lanes[0], lanes[1], 178, passed)
	c.arrow(lanes[1], lanes[2], 250, passed)
	c.arrow(lanes[2], lanes[1], 322, passed)
	c.arrow(lanes[1], lanes[2], 394, failed)
	c.fill(failed, segment(416, 372, 460, 416, 14))
	c.fill(failed, segment(460, 372, 416, 416, 14))

	out := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var r, g, b, a float64
			for sy := 0; sy < scale; sy++ {
				for sx := 0; sx < scale; sx++ {
					p := c.img.NRGBAAt(x*scale+sx, y*scale+sy)
					pa := float64(p.A)
					r += float64(p.R) * pa
					g += float64(p.G) * pa
					b += float64(p.B) * pa
					a += pa
				}
			}
			if a == 0 {
				continue
			}
			out.SetNRGBA(x, y, color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(a / scale / scale)})
		}
	}

	f, err := os.Create("icon.png")
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, out); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
