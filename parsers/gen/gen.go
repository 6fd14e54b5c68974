// Package gen writes large, realistic Webex for BroadWorks logs for
// benchmarks: the XSP's XsiActionsLog, authentication service log and
// Tomcat access_log, the Application Server's XSLog and PSLog, and the
// Webex App's current_log.txt and bwc/current_log.txt. The output is the
// same for the same seed and size, and follows the line grammars that the
// parsers package reads.
//
// A day of traffic is cut into slots, one sign-in attempt per slot. The
// client logs are those of one user on one device: they show only that
// user's attempts, a few spread over the day. The server logs show every
// attempt, of that user and of many others, at the same times and with the
// same tracking ids as the client logs, so the timeline correlates them.
// Most attempts
// succeed; some fail the way real ones do (the BroadWorks token fetch with
// errorCode=1502, a missing device profile, a config file that does not
// parse with errorCode=1507, a REGISTER answered 403 Forbidden, and
// flow-through provisioning answered 409 Conflict). Between the attempts,
// other users' traffic fills each log to its size with the real mix of
// entry sizes: short lines, SIP messages with SDP bodies and CRLF line
// ends, and OCI-P documents of a few hundred bytes to several kilobytes.
//
//	files, err := gen.Generate("/tmp/case", gen.Options{ServerBytes: 1 << 30, ClientBytes: 200 << 20, Seed: 1})
package gen

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Kind is one log format the generator writes.
type Kind string

// The kinds of log the generator writes.
const (
	XsiActions  Kind = "xsi-actions"
	AuthService Kind = "auth-service"
	AccessLog   Kind = "access-log"
	XSLog       Kind = "xslog"
	PSLog       Kind = "pslog"
	WebexClient Kind = "webex-client"
	WebexBWC    Kind = "webex-bwc"
)

// Kinds lists every kind, server logs first.
var Kinds = []Kind{XsiActions, AuthService, AccessLog, XSLog, PSLog, WebexClient, WebexBWC}

// layout says where a kind goes in a generated case and what share of the
// server or client bytes it gets.
type layout struct {
	path   string
	server bool
	share  float64
}

var layouts = map[Kind]layout{
	XsiActions:  {"server/xsp1/XsiActionsLog2024.05.02-00.00.00.txt", true, 0.40},
	AuthService: {"server/xsp1/AuthenticationService2024.05.02-00.00.00.txt", true, 0.10},
	AccessLog:   {"server/xsp1/tomcat/access_log.2024.05.02-00.00.00.txt", true, 0.10},
	XSLog:       {"server/as1/XSLog2024.05.02-00.00.00.txt", true, 0.30},
	PSLog:       {"server/as1/PSLog2024.05.02-00.00.00.txt", true, 0.10},
	WebexClient: {"client/current_log.txt", false, 0.70},
	WebexBWC:    {"client/bwc/current_log.txt", false, 0.30},
}

// Path returns where Generate writes a kind, relative to its folder.
func (k Kind) Path() string { return layouts[k].path }

// Server reports whether the kind is a server log.
func (k Kind) Server() bool { return layouts[k].server }

// Share returns the part of the server or client total that Generate
// gives the kind.
func (k Kind) Share() float64 { return layouts[k].share }

// Options choose the size and content of a generated case.
type Options struct {
	// ServerBytes and ClientBytes are the total sizes of the server and
	// client logs. A log ends after the entry that reaches its share, so
	// files run over by at most one entry.
	ServerBytes int64
	ClientBytes int64
	Seed        uint64
	// Zip writes the client logs into client/feedback.zip, as a
	// Control Hub download, instead of plain files.
	Zip bool
}

// File is one generated file.
type File struct {
	Kind Kind
	// Path is relative to the folder given to Generate.
	Path  string
	Bytes int64
}

// Generate writes a case into dir, which it creates when needed.
func Generate(dir string, opts Options) ([]File, error) {
	p := newPlan(opts.Seed, max(opts.ServerBytes, opts.ClientBytes))
	var files []File
	var zw *zip.Writer
	if opts.Zip && opts.ClientBytes > 0 {
		zpath := filepath.Join(dir, "client", "feedback.zip")
		if err := os.MkdirAll(filepath.Dir(zpath), 0o755); err != nil {
			return nil, err
		}
		zf, err := os.Create(zpath)
		if err != nil {
			return nil, err
		}
		defer zf.Close()
		zw = zip.NewWriter(zf)
	}
	for _, k := range Kinds {
		l := layouts[k]
		total := opts.ClientBytes
		if l.server {
			total = opts.ServerBytes
		}
		size := int64(float64(total) * l.share)
		if size <= 0 {
			continue
		}
		if zw != nil && !l.server {
			member := l.path[len("client/"):]
			w, err := zw.Create(member)
			if err != nil {
				return nil, err
			}
			n, err := p.write(w, k, size)
			if err != nil {
				return nil, err
			}
			files = append(files, File{Kind: k, Path: "client/feedback.zip/" + member, Bytes: n})
			continue
		}
		full := filepath.Join(dir, filepath.FromSlash(l.path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return nil, err
		}
		f, err := os.Create(full)
		if err != nil {
			return nil, err
		}
		n, err := p.write(f, k, size)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		files = append(files, File{Kind: k, Path: l.path, Bytes: n})
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// Write writes one log of about size bytes to w and returns the bytes
// written. Its attempts are planned from the size alone, so they match
// those of a Generate call only when the sizes match.
func Write(w io.Writer, k Kind, size int64, seed uint64) (int64, error) {
	if _, ok := layouts[k]; !ok {
		return 0, fmt.Errorf("gen: unknown kind %q", k)
	}
	return newPlan(seed, size).write(w, k, size)
}

// Bytes returns one log of about size bytes.
func Bytes(k Kind, size int64, seed uint64) []byte {
	b := &sliceWriter{buf: make([]byte, 0, size+size/16)}
	if _, err := Write(b, k, size, seed); err != nil {
		panic(err)
	}
	return b.buf
}

type sliceWriter struct{ buf []byte }

func (s *sliceWriter) Write(p []byte) (int, error) {
	s.buf = append(s.buf, p...)
	return len(p), nil
}

// Outcome is the way a sign-in attempt ends.
type Outcome uint8

// Outcomes of a sign-in attempt.
const (
	SignedIn Outcome = iota
	TokenFetch1502
	DeviceProfileMissing
	ConfigParse1507
	Register403
	Provisioning409
)

var outcomeNames = [...]string{"signed-in", "token-fetch-1502", "device-profile-missing", "config-parse-1507", "register-403", "provisioning-409"}

func (o Outcome) String() string { return outcomeNames[o] }

// Attempt is one planned sign-in.
type Attempt struct {
	// Start is when the client starts, in Unix nanoseconds (UTC).
	Start      int64
	TrackingID string
	Email      string
	BWUser     string
	Device     string
	Phone      string
	OrgID      string
	// ClientIP is the address the app's own requests come from.
	ClientIP string
	Outcome  Outcome
	// Client marks the attempts of the client logs' user; the client logs
	// show only these.
	Client bool
}

const (
	// bytesPerAttempt is how much of the largest log one attempt's slot
	// holds: about 500 attempts in 1 GB of server logs.
	bytesPerAttempt = 2 << 20
	// minSlot keeps a slot longer than a sign-in, which takes about 20 s.
	minSlot = 60 * time.Second
	// daySpan is the time the generated logs cover.
	daySpan = 20 * time.Hour
	// maxClientAttempts bounds the client user's sign-ins in one day.
	maxClientAttempts = 12
	// clientIP is the client user's address; other users never use it.
	clientIP = "192.0.2.10"
)

// clientOutcomes are the outcomes of the client user's attempts in turn;
// the user's last attempt of the day signs in.
var clientOutcomes = []Outcome{TokenFetch1502, DeviceProfileMissing, SignedIn, ConfigParse1507, Register403}

// dayStart is 2024-05-02 02:00:00 UTC, 04:00 CEST on the servers.
var dayStart = time.Date(2024, 5, 2, 2, 0, 0, 0, time.UTC).UnixNano()

// plan is the list of sign-in attempts shared by every log of a case.
type plan struct {
	seed     uint64
	attempts []Attempt
	slot     int64
}

// Plan returns the attempts that Write or Generate puts into logs whose
// largest is size bytes.
func Plan(seed uint64, size int64) []Attempt { return newPlan(seed, size).attempts }

func newPlan(seed uint64, size int64) *plan {
	n := int(size / bytesPerAttempt)
	n = max(1, min(n, int(daySpan/minSlot)))
	p := &plan{seed: seed, slot: int64(daySpan) / int64(n)}

	// The client user's name has six digits and the phone number another
	// prefix, so no other user's traffic names them.
	rc := rand.New(rand.NewPCG(seed, 1<<40))
	clientUser := fmt.Sprintf("user%06d", 100000+rc.IntN(900000))
	clientPhone := fmt.Sprintf("+45556%05d", rc.IntN(100000))
	clientOrg := uuid(rc)
	m := min(n, 2+n/16, maxClientAttempts)
	clientAt := map[int]int{}
	for j := range m {
		clientAt[(j+1)*n/m-1] = j
	}

	for i := range n {
		r := rand.New(rand.NewPCG(seed, uint64(i)+1<<32))
		user := fmt.Sprintf("user%05d", r.IntN(100000))
		a := Attempt{
			Start:      dayStart + int64(i)*p.slot + r.Int64N(p.slot/4),
			TrackingID: "CLIENT_" + uuid(r),
			Email:      user + "@example.com",
			BWUser:     user + ".bw@example.net",
			Device:     user + "_pc",
			Phone:      fmt.Sprintf("+45555%05d", r.IntN(100000)),
			OrgID:      uuid(r),
			ClientIP:   fmt.Sprintf("192.0.2.%d", 11+r.IntN(240)),
		}
		switch x := r.IntN(100); {
		case x < 4:
			a.Outcome = TokenFetch1502
		case x < 8:
			a.Outcome = DeviceProfileMissing
		case x < 11:
			a.Outcome = ConfigParse1507
		case x < 15:
			a.Outcome = Register403
		case x < 18:
			a.Outcome = Provisioning409
		}
		if j, ok := clientAt[i]; ok {
			a.Client = true
			a.Email, a.BWUser, a.Device = clientUser+"@example.com", clientUser+".bw@example.net", clientUser+"_pc"
			a.Phone, a.OrgID, a.ClientIP = clientPhone, clientOrg, clientIP
			a.Outcome = clientOutcomes[j%len(clientOutcomes)]
			if j == m-1 {
				a.Outcome = SignedIn
			}
		}
		p.attempts = append(p.attempts, a)
	}
	return p
}

// event is an entry of an attempt, rendered when its turn comes.
type event struct {
	at     int64
	render func(lw *logWriter, at int64)
}

// logWriter fills one log: it interleaves the attempts' events with filler
// traffic in time order until each slot reaches its share of the size.
// Times never go backwards: an entry due before the last one written takes
// the last one's time, as a busy server's log does.
type logWriter struct {
	out    *bufio.Writer
	r      *rand.Rand
	n      int64
	b      []byte
	last   int64
	groups int64
	err    error
}

// filler writes one group of other users' traffic at about time at.
type filler func(lw *logWriter, at int64)

func (p *plan) write(w io.Writer, k Kind, size int64) (int64, error) {
	lw := &logWriter{out: bufio.NewWriterSize(w, 1<<20), b: make([]byte, 0, 64<<10),
		r: rand.New(rand.NewPCG(p.seed, kindStream(k)))}
	fill := fillers[k]
	n := int64(len(p.attempts))
	for i := range p.attempts {
		a := &p.attempts[i]
		slotEnd := dayStart + int64(i+1)*p.slot
		target := size * int64(i+1) / n
		var events []event
		if layouts[k].server || a.Client {
			events = attemptEvents(k, a)
		}
		t := max(dayStart+int64(i)*p.slot, lw.last)
		for lw.n < target && lw.err == nil {
			// Space the groups so that the slot's bytes spread over its time.
			mean := int64(1000)
			if lw.groups > 0 {
				mean = lw.n / lw.groups
			}
			step := max((slotEnd-t)*mean/max(target-lw.n, 1), 1)
			t = min(t+lw.r.Int64N(2*step+1), slotEnd-1)
			for len(events) > 0 && events[0].at <= t {
				events[0].render(lw, events[0].at)
				lw.flush()
				events = events[1:]
			}
			fill(lw, t)
			lw.groups++
			lw.flush()
		}
		for _, e := range events {
			e.render(lw, e.at)
			lw.flush()
		}
		if lw.err != nil {
			return lw.n, lw.err
		}
	}
	return lw.n, lw.out.Flush()
}

func kindStream(k Kind) uint64 {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(k); i++ {
		h = (h ^ uint64(k[i])) * 1099511628211
	}
	return h
}

// flush moves the rendered bytes to the output.
func (lw *logWriter) flush() {
	m, err := lw.out.Write(lw.b)
	lw.n += int64(m)
	lw.b = lw.b[:0]
	if err != nil && lw.err == nil {
		lw.err = err
	}
}

// at returns the time for the next entry: t, or the last time written
// when t is earlier.
func (lw *logWriter) at(t int64) int64 {
	if t < lw.last {
		t = lw.last
	}
	lw.last = t
	return t
}

// ms returns d milliseconds as nanoseconds.
func ms(d int) int64 { return int64(d) * int64(time.Millisecond) }

// pick returns one of the strings at random.
func (lw *logWriter) pick(s ...string) string { return s[lw.r.IntN(len(s))] }

func uuid(r *rand.Rand) string {
	var b [36]byte
	const hex = "0123456789abcdef"
	for i := range b {
		switch i {
		case 8, 13, 18, 23:
			b[i] = '-'
		default:
			b[i] = hex[r.IntN(16)]
		}
	}
	return string(b[:])
}

func hexN(r *rand.Rand, n int) string {
	b := make([]byte, n)
	const hex = "0123456789abcdef"
	for i := range b {
		b[i] = hex[r.IntN(16)]
	}
	return string(b)
}

// serverOffset is the servers' zone, CEST, all day on 2024-05-02.
const serverOffset = 2 * int64(time.Hour)

// appendBWTime appends "2024.05.02 11:14:17:341 CEST".
func appendBWTime(b []byte, at int64) []byte {
	b = appendStamp(b, time.Unix(0, at+serverOffset).UTC(), '.', ' ', ':')
	return append(b, " CEST"...)
}

// appendISOTime appends "2024-05-02T09:14:05.381Z".
func appendISOTime(b []byte, at int64) []byte {
	b = appendStamp(b, time.Unix(0, at).UTC(), '-', 'T', '.')
	return append(b, 'Z')
}

// appendStamp appends t as year, month and day joined by dateSep, then
// timeSep, then hours, minutes and seconds joined by ':', then milliSep
// and the milliseconds.
func appendStamp(b []byte, t time.Time, dateSep, timeSep, milliSep byte) []byte {
	y, mo, d := t.Date()
	b = appendInt(b, y, 4)
	b = append(b, dateSep)
	b = appendInt(b, int(mo), 2)
	b = append(b, dateSep)
	b = appendInt(b, d, 2)
	b = append(b, timeSep)
	b = appendInt(b, t.Hour(), 2)
	b = append(b, ':')
	b = appendInt(b, t.Minute(), 2)
	b = append(b, ':')
	b = appendInt(b, t.Second(), 2)
	b = append(b, milliSep)
	return appendInt(b, t.Nanosecond()/1e6, 3)
}

// appendAccessTime appends "02/May/2024:11:14:17 +0200".
func appendAccessTime(b []byte, at int64) []byte {
	t := time.Unix(0, at+serverOffset).UTC()
	b = appendInt(b, t.Day(), 2)
	b = append(b, '/')
	b = append(b, t.Month().String()[:3]...)
	b = append(b, '/')
	b = appendInt(b, t.Year(), 4)
	b = append(b, ':')
	b = appendInt(b, t.Hour(), 2)
	b = append(b, ':')
	b = appendInt(b, t.Minute(), 2)
	b = append(b, ':')
	b = appendInt(b, t.Second(), 2)
	return append(b, " +0200"...)
}

func appendInt(b []byte, v, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(v), 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// ZipBytes returns a whole case as one zip archive in memory, with the
// same layout as Generate, for benchmarks that should not touch the disk.
func ZipBytes(opts Options) ([]byte, error) {
	p := newPlan(opts.Seed, max(opts.ServerBytes, opts.ClientBytes))
	out := &sliceWriter{}
	zw := zip.NewWriter(out)
	for _, k := range Kinds {
		l := layouts[k]
		total := opts.ClientBytes
		if l.server {
			total = opts.ServerBytes
		}
		size := int64(float64(total) * l.share)
		if size <= 0 {
			continue
		}
		w, err := zw.Create(l.path)
		if err != nil {
			return nil, err
		}
		if _, err := p.write(w, k, size); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.buf, nil
}
