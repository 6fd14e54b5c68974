package parsers

import (
	"bytes"
	"os"
	"strconv"
	"sync"
	"time"
)

// ReleasePages alone does not keep mapped text out of memory. On Linux
// 6.18 with ext4, one read of a released page mapped 0.4 MB of the file
// on average when the reads were 1 MB apart, and 0.8 MB when they were
// 16 MB apart. The kernel most likely maps the whole large folio of the
// page cache around the page. A pass that reads entries here and there,
// such as the findings of a signature or the steps of a ladder, so maps
// most of a file again right after a release. With releases after each
// pass only, the report of a 1.2 GB case peaked at 3.1 GB, as with the
// text on the heap. The trimmer bounds that: it watches the process's
// resident shared pages and releases every mapping once they have grown
// by trimBudget.
const (
	// trimBudget is the growth of resident shared pages, mapped text for
	// the most part, that triggers a release.
	trimBudget = 64 << 20
	// trimInterval is how often the trimmer looks while text is read. A
	// read of scattered entries can map tens of megabytes in this time.
	trimInterval = 10 * time.Millisecond
	// trimIdleInterval is how often it looks once the pages have not grown
	// for trimIdleAfter, so that an idle window wakes rarely. A pass over
	// text that starts through CatchFault, OpenGuarded, Source.ReadText or
	// Reparse wakes it at once. Other reads may go unchecked this long.
	trimIdleInterval = time.Second
	trimIdleAfter    = 5 * time.Second
)

var (
	trimOnce sync.Once
	trimWake = make(chan struct{}, 1)
)

// startTrimmer starts the trimmer, once per process. It runs until exit,
// as the mappings do.
func startTrimmer() {
	trimOnce.Do(func() {
		statm, err := os.Open("/proc/self/statm")
		if err != nil {
			return
		}
		go trim(statm)
	})
}

// wakeTrimmer makes an idle trimmer look every trimInterval again, when a
// pass over text starts.
func wakeTrimmer() {
	select {
	case trimWake <- struct{}{}:
	default:
	}
}

func trim(statm *os.File) {
	page := int64(os.Getpagesize())
	// shared returns the bytes of resident shared pages: file pages,
	// mapped text among them, and shared memory. It returns 0 when
	// statm cannot be read, which stops any release.
	shared := func() int64 {
		var buf [128]byte
		n, _ := statm.ReadAt(buf[:], 0)
		fields := bytes.Fields(buf[:n])
		if len(fields) < 3 {
			return 0
		}
		pages, _ := strconv.ParseInt(string(fields[2]), 10, 64)
		return pages * page
	}

	base := shared()
	last := base
	grew := time.Now()
	timer := time.NewTimer(trimInterval)
	for {
		select {
		case <-timer.C:
		case <-trimWake:
			grew = time.Now()
			timer.Stop()
		}
		now := shared()
		if now > last {
			grew = time.Now()
		}
		if now-base > trimBudget {
			releaseAll()
			// Pages that are not mapped text, such as the program's own,
			// stay: the next budget counts from what is left.
			now = shared()
			base = now
		}
		base = min(base, now)
		last = now
		if time.Since(grew) < trimIdleAfter {
			timer.Reset(trimInterval)
		} else {
			timer.Reset(trimIdleInterval)
		}
	}
}

// releaseAll releases the pages of every mapping.
func releaseAll() {
	mappings.Lock()
	defer mappings.Unlock()
	for _, m := range mappings.list {
		if !m.blanked {
			// A failed release only leaves the pages resident.
			_ = releaseMapped(m.data)
		}
	}
}
