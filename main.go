// Command wxlog is a desktop log viewer for Webex for BroadWorks
// troubleshooting. "wxlog PATH..." opens the window; "wxlog report PATH..."
// prints a report without a display.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/wxlog/wxlog/app"
	"github.com/wxlog/wxlog/assets"
	"github.com/wxlog/wxlog/parsers"
	"github.com/wxlog/wxlog/views"
	// Sets LANGUAGE=en under the C locale before Fyne's lang package
	// reads the locale in its init, which would log a parse error.
	_ "github.com/wxlog/wxlog/views/localeenv"
	"github.com/wxlog/wxlog/views/macopen"
	"github.com/wxlog/wxlog/views/nativedialog"
	"github.com/wxlog/wxlog/views/uilang"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "report" {
		return runReport(args[1:], stdout, stderr)
	}
	// "wxlog help" prints the usage, unless a file of that name exists.
	if len(args) == 1 && args[0] == "help" {
		if _, err := os.Stat("help"); err != nil {
			return runWindow([]string{"--help"}, stdout, stderr)
		}
	}
	return runWindow(args, stdout, stderr)
}

// parseFlags parses args into fs, whose Usage prints to the writer it is
// given. A help request (-h, --help) prints the usage on stdout and
// returns exit status 0. Invalid flags print the error and the usage on
// stderr and return 2. Otherwise parseFlags returns -1 and the command
// goes on.
func parseFlags(fs *flag.FlagSet, args []string, usage func(io.Writer), stdout, stderr io.Writer) int {
	fs.SetOutput(stderr)
	fs.Usage = func() {}
	err := parseInterspersed(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		usage(stdout)
		return 0
	case err != nil:
		usage(stderr)
		return 2
	}
	return -1
}

// printFlags lists the flags of fs as flag.PrintDefaults does, but with
// two dashes, as the README writes them.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		kind, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if kind != "" {
			line += " " + kind
		}
		line += "\n    \t" + strings.ReplaceAll(usage, "\n", "\n    \t")
		if def := f.DefValue; def != "" && def != "false" && def != "0" {
			if kind == "string" {
				def = strconv.Quote(def)
			}
			line += " (default " + def + ")"
		}
		fmt.Fprintln(w, line)
	})
}

// invokedAs returns the command that started wxlog as the user typed it,
// such as "./wxlog", so that a suggested command line works when wxlog is
// not on the PATH. It returns "wxlog" for any other program name.
func invokedAs() string {
	if p := os.Args[0]; filepath.Base(p) == "wxlog" {
		return p
	}
	return "wxlog"
}

// parseInterspersed parses flags that come before, between or after the
// paths, as in "wxlog report case/ --json". After it, fs.Args() returns
// the paths in order. A path that starts with "-" goes after "--".
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		// The flag package stops at "--" and drops it, and all that
		// follows is paths.
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			paths = append(paths, rest...)
			break
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
	// A parse of "--" and the paths alone leaves them in fs.Args().
	return fs.Parse(append([]string{"--"}, paths...))
}

// setupLanguage loads the translations, in language choice or, for "",
// in the system's language, and routes app's text through them. The
// window passes the saved preference assets.LanguagePreference.
func setupLanguage(choice string) error {
	if err := uilang.Load(choice); err != nil {
		return err
	}
	app.SetTranslator(uilang.Translate)
	app.SetPluralTranslator(uilang.TranslatePlural)
	app.SetLanguage(uilang.Current())
	return nil
}

// caseFlags are the flags that the report and the window share: how to
// load a case and how to analyse it.
type caseFlags struct {
	signatures *string
	attempt    *string
	config     app.Config
}

func addCaseFlags(fs *flag.FlagSet) *caseFlags {
	cf := &caseFlags{}
	cf.signatures = fs.String("signatures", "", "`FILE`: also scan for the signatures of this catalogue file (JSON); one with a built-in id replaces it")
	cf.attempt = fs.String("attempt", "", "tracking `ID` of the sign-in attempt to show, such as CLIENT_<uuid>; the newest by default")
	fs.Var(settingList{settings: &cf.config.Settings}, "tz", "`SOURCE=ZONE`: read the times of matching sources in an IANA zone (repeatable)")
	fs.Var(settingList{skew: true, settings: &cf.config.Settings}, "skew", "`SOURCE=DURATION`: matching sources' clocks run this far ahead, such as +2.4s (repeatable)")
	addLimitFlags(fs, &cf.config.Limits)
	return cf
}

// analyzeOptions loads the user catalogue, printing its problems.
func (cf *caseFlags) analyzeOptions(stderr io.Writer) app.AnalyzeOptions {
	return app.AnalyzeOptions{Attempt: *cf.attempt, Catalogue: loadSignatures(*cf.signatures, stderr)}
}

// settingList collects repeated SOURCE=VALUE flags.
type settingList struct {
	skew     bool
	settings *[]app.SourceSetting
}

func (l settingList) String() string { return "" }

func (l settingList) Set(v string) error {
	s, err := app.ParseSourceSetting(v, l.skew)
	if err != nil {
		return err
	}
	*l.settings = append(*l.settings, s)
	return nil
}

// byteSize is a flag for a size in bytes, written as 512K, 64M, 2G or a
// plain number of bytes.
type byteSize struct{ n *int64 }

func (b byteSize) String() string {
	if b.n == nil || *b.n == 0 {
		return ""
	}
	return strconv.FormatInt(*b.n, 10)
}

func (b byteSize) Set(v string) error {
	mult := int64(1)
	num := strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(v)), "B")
	if num != "" {
		switch num[len(num)-1] {
		case 'K':
			mult = 1 << 10
		case 'M':
			mult = 1 << 20
		case 'G':
			mult = 1 << 30
		case 'T':
			mult = 1 << 40
		}
		if mult > 1 {
			num = num[:len(num)-1]
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64/mult {
		return fmt.Errorf("invalid size %q: expected a positive number of bytes such as 512M or 2G", v)
	}
	*b.n = n * mult
	return nil
}

// addLimitFlags maps the parsers.Limits of a load to flags; 0 keeps the
// default.
func addLimitFlags(fs *flag.FlagSet, l *parsers.Limits) {
	d := parsers.DefaultLimits
	fs.Var(byteSize{&l.MaxFileBytes}, "max-file-size", fmt.Sprintf("largest file to load, such as 512M (default %dM)", d.MaxFileBytes>>20))
	fs.Var(byteSize{&l.MaxArchiveBytes}, "max-archive-size", fmt.Sprintf("most bytes to decompress from all archives, against zip bombs (default %dM)", d.MaxArchiveBytes>>20))
	fs.Int64Var(&l.MaxRatio, "max-ratio", 0, fmt.Sprintf("largest compression ratio of an archive member, against zip bombs (default %d)", d.MaxRatio))
	fs.IntVar(&l.MaxArchiveEntries, "max-entries", 0, fmt.Sprintf("most members to read from one archive (default %d)", d.MaxArchiveEntries))
	fs.IntVar(&l.MaxDepth, "max-depth", 0, fmt.Sprintf("most archives nested in archives (default %d)", d.MaxDepth))
	fs.IntVar(&l.MaxFiles, "max-files", 0, fmt.Sprintf("most files to load (default %d)", d.MaxFiles))
}

func runReport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wxlog report", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	mask := fs.Bool("mask", false, "replace personal data (emails, phone numbers, addresses, user ids, secrets) with pseudonyms")
	language := fs.String("lang", "en", "language of the report text: en or da")
	cf := addCaseFlags(fs)

	usage := func(w io.Writer) {
		fmt.Fprint(w, "usage: wxlog report [flags] PATH...\n\n")
		fmt.Fprint(w, "Prints the findings, sources, sign-in ladder and summary of the logs in each PATH:\n")
		fmt.Fprint(w, "a file, a folder or an archive (.zip, .gz, .tar.gz).\n\n")
		fmt.Fprint(w, "Exit status:\n"+reportExitStatus+"\n")
		fmt.Fprint(w, "Flags:\n")
		printFlags(w, fs)
	}
	if code := parseFlags(fs, args, usage, stdout, stderr); code >= 0 {
		return code
	}
	if err := setupLanguage(*language); err != nil {
		fmt.Fprintf(stderr, "wxlog: --lang: %v\n", err)
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "wxlog report: %s\n\n", app.T("missing PATH: name at least one log file, folder or archive to report on"))
		usage(stderr)
		return 2
	}

	// A path that cannot be opened stays in the load, so that the report
	// lists it with its problem, unless no path can be opened at all.
	paths := fs.Args()
	missing := reportMissingPaths(paths, stderr)
	if missing == len(paths) {
		return 1
	}
	ws := &app.Workspace{}
	var skipped []string
	err := ws.AddWith(context.Background(), paths, cf.config, app.LoadEvents{Skipped: func(p []string) {
		skipped = p
		for _, note := range ws.SkippedNotes(p) {
			fmt.Fprintf(stderr, "wxlog: %s\n", note)
		}
	}})
	if err != nil {
		fmt.Fprintf(stderr, "wxlog: %v\n", err)
		return 1
	}
	empty := slices.DeleteFunc(emptyFolders(paths, ws.Snapshot()), func(p string) bool {
		// A folder whose files were all loaded through another path is
		// not empty.
		return slices.Contains(skipped, p)
	})
	for _, p := range empty {
		fmt.Fprintf(stderr, "wxlog: %s\n", app.T("no log files found in {{.Path}}", map[string]any{"Path": p}))
	}
	if len(ws.Snapshot()) == 0 {
		return 1
	}
	for _, set := range app.UnmatchedSettings(cf.config.Settings, ws.Snapshot()) {
		fmt.Fprintf(stderr, "wxlog: %s\n", app.T("the pattern {{.Pattern}} of --tz or --skew matches no loaded source, such as {{.Example}}",
			map[string]any{"Pattern": strconv.Quote(set.Pattern), "Example": strconv.Quote(ws.Snapshot()[0].Name)}))
	}
	for _, o := range app.ZoneOverrides(cf.config.Settings, ws.Snapshot()) {
		fmt.Fprintf(stderr, "wxlog: %s\n", app.T("--tz reads the times of {{.Source}} in {{.Zone}}, although it prints them with the zone {{.Printed}}",
			map[string]any{"Source": o.Source, "Zone": o.Zone, "Printed": o.Printed}))
	}
	analysis := app.Analyze(ws, cf.analyzeOptions(stderr))
	if err := analysis.CheckAttempt(); err != nil {
		fmt.Fprintf(stderr, "wxlog: %v\n", err)
		return 2
	}

	report := app.BuildReport(analysis)
	if *mask {
		if report, err = app.MaskReport(report, app.NewWorkspaceMasker(analysis)); err != nil {
			fmt.Fprintf(stderr, "wxlog: masking the report failed: %v\n", err)
			return 1
		}
	}

	if *asJSON {
		err = report.WriteJSON(stdout)
	} else {
		err = report.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "wxlog: %v\n", err)
		return 1
	}
	if !report.Readable() {
		searched := slices.DeleteFunc(slices.Clone(paths), func(p string) bool {
			_, err := os.Stat(p)
			return err != nil || slices.Contains(empty, p)
		})
		fmt.Fprintf(stderr, "wxlog: %s\n", app.T("no readable log found in {{.Paths}}", map[string]any{"Paths": strings.Join(searched, ", ")}))
		return 1
	}
	if missing > 0 || len(empty) > 0 {
		return 1
	}
	return 0
}

// reportExitStatus documents the exit codes of "wxlog report", one per
// indented line, for the help of both commands.
const reportExitStatus = `  0  the report was printed, even if some files have problems (they are listed in it)
  1  a PATH cannot be opened, a folder holds no files, or no readable log was found;
     stderr names each, and the report of the other paths is still printed
  2  invalid flags or no PATH
`

// reportMissingPaths names each path that does not exist, or cannot be
// read, on stderr, and returns how many there are.
func reportMissingPaths(paths []string, stderr io.Writer) int {
	missing := 0
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(stderr, "wxlog: %s\n", app.T("cannot open {{.Path}}: {{.Err}}",
				map[string]any{"Path": p, "Err": app.DescribePathError(err)}))
			missing++
		}
	}
	return missing
}

// emptyFolders returns the folders among paths that gave no source: no
// file was found in them.
func emptyFolders(paths []string, sources []*parsers.Source) []string {
	var out []string
	for _, p := range paths {
		if info, err := os.Stat(p); err != nil || !info.IsDir() {
			continue
		}
		dir, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		found := false
		for _, src := range sources {
			path, err := filepath.Abs(src.Path)
			if err == nil && (path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))) {
				found = true
				break
			}
		}
		if !found {
			out = append(out, p)
		}
	}
	return out
}

// loadSignatures returns the built-in catalogue merged with the user's
// catalogue file, or nil (the built-in one) when there is none. Problems
// in the file go to stderr, naming the file and the signature, and the
// bad signatures are left out so that the report still runs.
func loadSignatures(file string, stderr io.Writer) *app.Catalogue {
	if file == "" {
		return nil
	}
	user, errs := app.LoadCatalogue(file)
	for _, err := range errs {
		fmt.Fprintf(stderr, "wxlog: %v\n", err)
	}
	return app.MergeCatalogue(app.BuiltinCatalogue(), user)
}

// displayMissing reports whether the window cannot open because goos
// draws windows through X11 or Wayland and getenv names neither display.
// macOS and Windows always have a display.
func displayMissing(goos string, getenv func(string) string) bool {
	switch goos {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		return getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == ""
	}
	return false
}

// openFirstWindow creates the first main window. Fyne starts GLFW with the
// first window and panics when GLFW cannot open the display, as when DISPLAY
// names an X server that is not running. That panic becomes an error here.
// A panic of a later window is a bug and is not caught.
func openFirstWindow(a fyne.App, opts views.Options) (w *views.MainWindow, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return views.NewMainWindow(a, opts), nil
}

// runWindow opens the main window with the paths of args loaded, or the
// built-in demo case with --demo.
func runWindow(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wxlog", flag.ContinueOnError)
	demo := fs.Bool("demo", false, "open the built-in demo case: a failed sign-in with client and server logs")
	cf := addCaseFlags(fs)
	usage := func(w io.Writer) {
		fmt.Fprint(w, "usage: wxlog [flags] [PATH...]\n       wxlog report [flags] PATH...\n\n")
		fmt.Fprint(w, "The first form opens the window, which needs a display: without one, run it as\n")
		fmt.Fprint(w, "\"xvfb-run wxlog PATH...\", or print a text report with \"wxlog report\".\n")
		fmt.Fprint(w, "\"wxlog report --help\" lists the report's flags.\n\n")
		fmt.Fprint(w, "Exit status of \"wxlog report\":\n"+reportExitStatus+"\n")
		fmt.Fprint(w, "Flags:\n")
		printFlags(w, fs)
	}
	if code := parseFlags(fs, args, usage, stdout, stderr); code >= 0 {
		return code
	}

	// A later launch with paths (a double-click on a bundle) hands them to
	// the wxlog already running and exits.
	instanceDir, err := app.InstanceDir()
	var paths []string
	for _, p := range fs.Args() {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		paths = append(paths, p)
	}
	var handoff func([]string)
	var inst *app.Instance
	if err == nil && !*demo {
		var handedOff bool
		inst, handedOff, err = app.StartInstance(instanceDir, paths, func(p []string) {
			fyne.Do(func() { handoff(p) })
		})
		if handedOff {
			return 0
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "wxlog: single instance off: %v\n", err)
	}
	if inst != nil {
		defer inst.Close()
	}

	// Fyne panics with a stack trace when GLFW finds no display.
	if displayMissing(runtime.GOOS, os.Getenv) {
		if err := setupLanguage(""); err != nil {
			fmt.Fprintf(stderr, "wxlog: %v\n", err)
		}
		fmt.Fprintf(stderr, "wxlog: %s\n", app.T("no display found (DISPLAY and WAYLAND_DISPLAY are not set): for a text report run \"{{.Program}} report PATH...\", or open the window under Xvfb with \"xvfb-run -s '-screen 0 1600x1000x24' {{.Program}} PATH...\"",
			map[string]any{"Program": invokedAs()}))
		return 1
	}

	a := fyneapp.NewWithID("io.github.wxlog")
	if err := setupLanguage(a.Preferences().String(assets.LanguagePreference)); err != nil {
		fmt.Fprintf(stderr, "wxlog: %v\n", err)
	}
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	windowOpts := views.Options{Config: cf.config, Analyze: cf.analyzeOptions(stderr), Picker: nativedialog.Picker{}}
	w, err := openFirstWindow(a, windowOpts)
	if err != nil {
		fmt.Fprintf(stderr, "wxlog: %s\n", app.T("cannot open the display {{.Display}} ({{.Err}}): for a text report run \"{{.Program}} report PATH...\", or open the window under Xvfb with \"xvfb-run -s '-screen 0 1600x1000x24' {{.Program}} PATH...\"",
			map[string]any{"Display": os.Getenv("DISPLAY"), "Err": err, "Program": invokedAs()}))
		return 1
	}
	newWindow := func(p []string) {
		nw := views.NewMainWindow(a, windowOpts)
		nw.Open(p)
		nw.Window.Show()
	}
	handoff = func(p []string) { w.OfferPaths(p, newWindow) }
	// macOS sends Finder double-clicks as an open-documents event, not as
	// arguments.
	macopen.Start(func(p []string) { fyne.Do(func() { handoff(p) }) })
	if *demo {
		name, data, err := assets.DemoZip()
		if err != nil {
			fmt.Fprintf(stderr, "wxlog: %v\n", err)
			return 1
		}
		w.OpenData(name, data)
	}
	if len(paths) > 0 {
		w.Open(paths)
	}
	w.ShowAndRun()
	return 0
}
