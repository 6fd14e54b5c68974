package app

import (
	"sort"
	"time"

	"github.com/wxlog/wxlog/parsers"
)

// SkewEstimate is how far one server source's clock runs ahead of the
// client's, estimated from the sign-in's request and response pairs. Skew is
// the value to offer as the source's Skew setting; nothing applies it
// automatically.
//
// A client request that the server logs as received at a server time gives
// an upper bound: the server clock can run ahead by at most the difference,
// since the message took some time on the way. A response the server sends
// and the client logs as received gives a lower bound the same way. With
// both bounds the estimate is their midpoint; with one, it is the smallest
// correction that bound requires (0 when the bound allows 0).
type SkewEstimate struct {
	Source *parsers.Source
	Skew   time.Duration
	// Low and High bound the skew where HasLow and HasHigh are set.
	Low, High       time.Duration
	HasLow, HasHigh bool
	// Samples counts the distinct pairs of a client entry and an entry of
	// this source behind the estimate. A pair that several flows share,
	// such as the DMS download of the sign-in and of the registration,
	// counts once.
	Samples int
}

// WithinNoise reports whether a skew of 0 fits every pair, so the estimate
// is no larger than the transit times that blur it and should not be
// applied.
func (e SkewEstimate) WithinNoise() bool {
	return (!e.HasLow || e.Low <= 0) && (!e.HasHigh || e.High >= 0)
}

// EstimateSkews estimates the clock skew of every server source that
// shares an exchange with a client log in the ladders' attempts, sorted by
// source name. The client's own Skew is applied to its times first, so the
// result is relative to the corrected client clock.
func EstimateSkews(ladders []*Ladder) []SkewEstimate {
	bySource := map[*parsers.Source]*SkewEstimate{}
	seen := map[[2]EntryRef]bool{}
	for _, l := range ladders {
		addSkewBounds(bySource, seen, l.Flow, l.Attempts)
	}

	out := make([]SkewEstimate, 0, len(bySource))
	for _, e := range bySource {
		e.settle()
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source.Name < out[j].Source.Name })
	return out
}

// settle sets Skew from the bounds.
func (e *SkewEstimate) settle() {
	switch {
	case e.HasLow && e.HasHigh:
		e.Skew = (e.Low + e.High) / 2
	case e.HasHigh && e.High < 0:
		e.Skew = e.High
	case e.HasLow && e.Low > 0:
		e.Skew = e.Low
	}
	e.Skew = e.Skew.Round(time.Millisecond)
}

// estimateSourceSkews returns the skew estimate of each server source
// that shares an exchange with a client log in the attempts, in
// nanoseconds.
func estimateSourceSkews(def *FlowDef, attempts []*Attempt) map[*parsers.Source]int64 {
	bySource := map[*parsers.Source]*SkewEstimate{}
	addSkewBounds(bySource, map[[2]EntryRef]bool{}, def, attempts)
	out := make(map[*parsers.Source]int64, len(bySource))
	for src, e := range bySource {
		e.settle()
		out[src] = int64(e.Skew)
	}
	return out
}

// addSkewBounds narrows the bounds of each server source's skew with the
// request and response pairs of the attempts, and counts each pair of a
// client entry and a server entry that seen does not hold yet.
func addSkewBounds(bySource map[*parsers.Source]*SkewEstimate, seen map[[2]EntryRef]bool, def *FlowDef, attempts []*Attempt) {
	get := func(src *parsers.Source) *SkewEstimate {
		e := bySource[src]
		if e == nil {
			e = &SkewEstimate{Source: src}
			bySource[src] = e
		}
		return e
	}
	for _, a := range attempts {
		for _, x := range exchangesOf(def, a) {
			for src, recv := range x.serverReceive {
				if x.clientSend == nil {
					continue
				}
				d := time.Duration(recv.ref.Entry().Time - x.clientSend.time)
				e := get(src)
				if !e.HasHigh || d < e.High {
					e.High, e.HasHigh = d, true
				}
				e.count(seen, x.clientSend.ref, recv.ref)
			}
			for src, send := range x.serverSend {
				if x.clientReceive == nil {
					continue
				}
				d := time.Duration(x.clientReceive.time - send.ref.Entry().Time)
				e := get(src)
				if !e.HasLow || -d > e.Low {
					e.Low, e.HasLow = -d, true
				}
				e.count(seen, x.clientReceive.ref, send.ref)
			}
		}
	}
}

// count adds the pair of a client entry and a server entry to Samples
// unless seen holds it.
func (e *SkewEstimate) count(seen map[[2]EntryRef]bool, client, server EntryRef) {
	pair := [2]EntryRef{client, server}
	if !seen[pair] {
		seen[pair] = true
		e.Samples++
	}
}

// exchange holds the first timed entries of one request and its response
// in one attempt: the client's send and receive, and each server
// source's receive and send.
type exchange struct {
	clientSend, clientReceive *ladderItem
	serverReceive, serverSend map[*parsers.Source]*ladderItem
}

func exchangesOf(def *FlowDef, a *Attempt) map[string]*exchange {
	out := map[string]*exchange{}
	for _, it := range a.items {
		if it.rule == nil || it.rule.Timing == "" || it.step < 0 {
			continue
		}
		name := it.rule.Exchange
		if name == "" {
			name = def.Steps[it.step].ID
		}
		x := out[name]
		if x == nil {
			x = &exchange{serverReceive: map[*parsers.Source]*ladderItem{}, serverSend: map[*parsers.Source]*ladderItem{}}
			out[name] = x
		}
		first := func(slot **ladderItem) {
			if *slot == nil || it.time < (*slot).time {
				*slot = it
			}
		}
		switch {
		case it.client && it.rule.Timing == TimingSend:
			first(&x.clientSend)
		case it.client:
			first(&x.clientReceive)
		case it.rule.Timing == TimingReceive:
			slot := x.serverReceive[it.ref.Source]
			first(&slot)
			x.serverReceive[it.ref.Source] = slot
		default:
			slot := x.serverSend[it.ref.Source]
			first(&slot)
			x.serverSend[it.ref.Source] = slot
		}
	}
	return out
}
