// Command wxlog is a desktop log viewer for Webex for BroadWorks
// troubleshooting. "wxlog PATH..." opens the window; "wxlog report PATH..."
// prints a report without a display.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/wxlog/wxlog/app"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "report" {
		return runReport(args[1:], stdout, stderr)
	}
	fmt.Fprintln(stderr, "wxlog: the window is not built yet")
	return 2
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

func runReport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wxlog report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	var cfg app.Config
	fs.Var(settingList{settings: &cfg.Settings}, "tz", "`SOURCE=ZONE`: read the times of matching sources in an IANA zone (repeatable)")
	fs.Var(settingList{skew: true, settings: &cfg.Settings}, "skew", "`SOURCE=DURATION`: matching sources' clocks run this far ahead, such as +2.4s (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: wxlog report [flags] PATH...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	ws, err := app.Load(context.Background(), fs.Args(), cfg, nil)
	if err != nil {
		fmt.Fprintf(stderr, "wxlog: %v\n", err)
		return 1
	}
	report := app.BuildReport(app.Analyze(ws, app.AnalyzeOptions{}))
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
		return 1
	}
	return 0
}
