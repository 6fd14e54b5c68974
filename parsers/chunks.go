package parsers

import (
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
)

// A large text is parsed in chunks on several goroutines. The text is cut
// at line starts into chunks of about equal size. Each chunk after the
// first looks for its first header line, and the entries from there on are
// its own. The lines before that header continue the last entry of an
// earlier chunk, so the chunk that holds that entry parses them too,
// without calling the header function again. An entry cut by a chunk
// boundary, such as a SIP message or an OCI-P document, stays whole, and
// every line goes through the header function once, as in one pass.
//
// Offsets are counted in the whole text from the start. Line numbers are
// counted per chunk, and the lines of the chunks before are added to them
// when the entries are joined.

// Variables rather than constants, so that tests can force small chunks.
var (
	// parallelMinBytes is the size from which a text is parsed in chunks.
	// A smaller text takes under about 100 ms on one core (140 to 270
	// MB/s), and app.Load parses several files at once, so the other core
	// is mostly busy with another file.
	parallelMinBytes = 16 << 20
	// chunkBytes, when above 0, is the size of the chunks. At 0 the text
	// is split into chunksPerProc chunks per GOMAXPROCS.
	chunkBytes = 0
)

// chunksPerProc is how many chunks each processor gets on average. More
// chunks than processors even out chunks that parse slower than others,
// such as a stretch of long SIP messages.
const chunksPerProc = 4

// chunkStarts returns the offsets at which the chunks of text start, the
// first being 0, or nil when the text is parsed in one pass. Every offset
// is a line start as lineScanner splits lines.
func chunkStarts(text string) []int {
	if len(text) < parallelMinBytes || len(text) == 0 {
		return nil
	}
	size := chunkBytes
	if size <= 0 {
		procs := runtime.GOMAXPROCS(0)
		if procs < 2 {
			return nil
		}
		size = len(text)/(procs*chunksPerProc) + 1
	}
	starts := []int{0}
	for at := size; at < len(text); at += size {
		cut := nextLineStart(text, at)
		if cut >= len(text) {
			break
		}
		starts = append(starts, cut)
		at = cut
	}
	return starts
}

// nextLineStart returns the start of the first line that begins after
// offset at, or len(text) when no line does. A "\r\n" counts as one line
// end, so the offset between its two bytes is never returned.
func nextLineStart(text string, at int) int {
	i := strings.IndexAny(text[at:], "\r\n")
	if i < 0 {
		return len(text)
	}
	end := at + i + 1
	if text[end-1] == '\r' && end < len(text) && text[end] == '\n' {
		end++
	}
	return end
}

// textChunk is one chunk of a text and the parser of its entries.
type textChunk struct {
	// start and stop bound the chunk: text[start:stop].
	start, stop int
	// first is the offset of the chunk's first header line. firstEnd is
	// the end of that line and firstMsg the start of its message.
	first, firstEnd, firstMsg int
	// found is false when the chunk has no header line. The first chunk
	// is always found, and starts at 0 whatever its first line is.
	found bool
	// tailEnd is the end of the lines after stop that continue the
	// chunk's last entry: the first header line of a later chunk, or the
	// end of the text.
	tailEnd int
	parser  *blockParser
	// reserved is the number of entries the chunk has room for in the
	// shared slice, from offset at on.
	at, reserved int
	// dest is the index of the chunk's first entry in the joined slice,
	// and lineBase the number of lines before its first line.
	dest, lineBase int
}

// Each chunk first parses 1/chunkSampleParts of its text, and the entries
// found there size its room in the slice that all chunks share.
const chunkSampleParts = 32

// parseChunks parses text in the chunks that start at starts (see
// chunkStarts) and returns the entries in one slice, the same as one
// pass of blockParser over the whole text gives.
func parseChunks(text string, starts []int, header headerFunc, finish func(e *Entry, slab *fieldSlab)) []Entry {
	chunks := make([]textChunk, len(starts))
	for i, start := range starts {
		c := &chunks[i]
		c.start, c.stop = start, len(text)
		if i+1 < len(starts) {
			c.stop = starts[i+1]
		}
		c.parser = newBlockParser(text, start, header, finish)
	}
	workers := min(runtime.GOMAXPROCS(0), len(chunks))

	chunks[0].found = true
	inParallel(len(chunks)-1, workers, func(i int) {
		chunks[i+1].findFirstHeader()
	})

	// The lines between a chunk's end and the next header line found
	// continue the chunk's last entry.
	next := len(text)
	for i := len(chunks) - 1; i >= 0; i-- {
		chunks[i].tailEnd = next
		if chunks[i].found {
			next = chunks[i].first
		}
	}

	// The chunks parse a sample each, and then the rest into their room
	// in one shared slice. The entries are then moved together in that
	// slice, so that the chunks leave no slices of their own behind.
	inParallel(len(chunks), workers, func(i int) {
		chunks[i].parseSample(i == 0)
	})
	shared := make([]Entry, reserveRooms(chunks))
	inParallel(len(chunks), workers, func(i int) {
		chunks[i].parseRest(shared)
	})
	return joinEntries(chunks, shared)
}

// findFirstHeader finds the first header line of a chunk after the first
// and keeps what the header function read from it in the parser.
func (c *textChunk) findFirstHeader() {
	p := c.parser
	for p.sc.pos < c.stop {
		line, start, end, _ := p.sc.next()
		if msgStart, ok := p.readHeader(line); ok {
			c.first, c.firstEnd, c.firstMsg, c.found = start, end, msgStart, true
			// The lines before belong to an earlier chunk's count.
			p.sc.no = 1
			return
		}
	}
}

// parseSample parses the first 1/chunkSampleParts of the chunk from its
// first header line on.
func (c *textChunk) parseSample(isFirst bool) {
	if !c.found {
		return
	}
	p := c.parser
	sampleStop := min(c.stop, nextLineStart(p.text, c.first+(c.stop-c.first)/chunkSampleParts))
	// The sample's slice starts small and grows by append: the room in
	// the shared slice replaces it, so all of it is garbage.
	p.entries = make([]Entry, 0, (sampleStop-c.first)/1024+16)
	if !isFirst {
		p.startEntry(c.first, c.firstEnd, c.firstMsg)
	}
	p.scanLines(sampleStop)
}

// reserveRooms sets the room of each chunk in the shared slice and
// returns the size of that slice. A room has 5% to spare over the larger
// of two estimates from the entries per byte: in the chunk's own sample,
// and in all samples together, which varies less from chunk to chunk.
func reserveRooms(chunks []textChunk) int {
	entries, sampled := 0, 0
	for i := range chunks {
		if c := &chunks[i]; c.found {
			entries += len(c.parser.entries)
			sampled += c.parser.sc.pos - c.first
		}
	}
	overall := float64(entries) / float64(max(sampled, 1))

	total := 0
	for i := range chunks {
		c := &chunks[i]
		if !c.found {
			continue
		}
		own := float64(len(c.parser.entries)) / float64(max(c.parser.sc.pos-c.first, 1))
		c.at = total
		c.reserved = int(max(own, overall)*float64(c.stop-c.first)*1.05) + 16
		total += c.reserved
	}
	return total
}

// parseRest moves the sample's entries to the chunk's room in shared and
// parses the rest of the chunk and its tail there. Entries past the room
// go to a slice of the chunk's own, which append allocates.
func (c *textChunk) parseRest(shared []Entry) {
	if !c.found {
		return
	}
	p := c.parser
	room := shared[c.at : c.at : c.at+c.reserved]
	p.entries = append(room, p.entries...)
	if p.cur != nil {
		// The entry still open is always the last one.
		p.cur = &p.entries[len(p.entries)-1]
	}
	p.scanLines(c.stop)
	p.continueLines(c.tailEnd)
	p.close()
}

// joinEntries moves the entries of the chunks together at the start of
// shared and adds to each chunk's line numbers the lines of the chunks
// before. It copies them to a new slice instead when they do not fit in
// shared, or when more than a quarter of shared would stay unused.
func joinEntries(chunks []textChunk, shared []Entry) []Entry {
	total, lines := 0, 0
	for i := range chunks {
		c := &chunks[i]
		if !c.found {
			// Its lines are counted in an earlier chunk's tail.
			continue
		}
		c.dest, c.lineBase = total, lines
		total += len(c.parser.entries)
		lines += c.parser.sc.no
	}
	joined := shared
	if total > len(shared) {
		joined = make([]Entry, total)
	}

	// No move may overwrite entries that are still to move. So entries in
	// shared that move towards its end go first, from the last chunk
	// back. Then those that move towards its start go, from the first
	// chunk on, and copy handles the overlap with their own old place.
	// The entries of chunks that ran past their room, in slices of their
	// own, go last.
	for i := len(chunks) - 1; i >= 0; i-- {
		if c := &chunks[i]; c.inShared(shared) && c.dest > c.at {
			c.moveEntries(joined)
		}
	}
	for i := range chunks {
		if c := &chunks[i]; c.inShared(shared) {
			c.moveEntries(joined)
		}
	}
	for i := range chunks {
		if c := &chunks[i]; c.found && c.parser.entries != nil {
			c.moveEntries(joined)
		}
	}

	// The rest of shared holds stale copies of moved entries, which are
	// cleared. An estimate far too high gives its room back.
	clear(joined[total:])
	if len(joined)-total > total/4 && len(joined) > 4096 {
		return append(make([]Entry, 0, total), joined[:total]...)
	}
	return joined[:total:total]
}

// inShared reports whether the chunk's entries, not yet moved, are in its
// room in shared.
func (c *textChunk) inShared(shared []Entry) bool {
	own := c.parser.entries
	return c.found && len(own) > 0 && c.at < len(shared) && &own[0] == &shared[c.at]
}

// moveEntries copies the chunk's entries to their place in joined, with
// the line numbers counted from the start of the text, and drops the
// chunk's slice.
func (c *textChunk) moveEntries(joined []Entry) {
	n := copy(joined[c.dest:], c.parser.entries)
	if c.lineBase != 0 {
		base := int32(c.lineBase)
		moved := joined[c.dest : c.dest+n]
		for i := range moved {
			moved[i].Line += base
		}
	}
	c.parser.entries = nil
}

// inParallel calls fn(i) for i from 0 to n-1 on up to workers goroutines
// and returns when all calls have returned. A panic in fn is raised again
// in the caller's goroutine, as it would be without the goroutines. The
// workers take over the caller's debug.SetPanicOnFault setting, so that a
// fault on a memory-mapped text that changed on disk reaches a recover in
// the caller as a panic, not as a crash of the program.
func inParallel(n, workers int, fn func(i int)) {
	panicOnFault := debug.SetPanicOnFault(false)
	debug.SetPanicOnFault(panicOnFault)

	var next atomic.Int64
	var wg sync.WaitGroup
	var panicOnce sync.Once
	var panicValue any
	panicked := false
	for range min(workers, n) {
		wg.Go(func() {
			debug.SetPanicOnFault(panicOnFault)
			defer func() {
				if r := recover(); r != nil {
					panicOnce.Do(func() { panicValue, panicked = r, true })
				}
			}()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
	if panicked {
		panic(panicValue)
	}
}
