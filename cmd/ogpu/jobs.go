package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/ogpu/ogpu/market"
)

func cmdJob(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("job", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var nf nodeFlags
	nf.register(fs, false)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return exitUsage{errors.New("usage: ogpu job ID [--json]")}
	}
	id, err := market.ParseJobID(pos[0])
	if err != nil {
		return exitUsage{err}
	}
	c, err := dialAPI(&nf)
	if err != nil {
		return err
	}
	var info market.JobInfo
	if done, err := c.read(ctx, "/v1/jobs/"+id.String(), *asJSON, stdout, &info); done || err != nil {
		return err
	}
	fmt.Fprintf(stdout, "job       %s\nstate     %s\nworkload  %s %v\nmax price %s wei/task\ncreated   %s\n",
		info.ID, info.State, info.Workload, info.Params, info.MaxPrice, info.Created.Format(time.RFC3339))
	if !info.Finished.IsZero() {
		fmt.Fprintf(stdout, "finished  %s (%s)\n", info.Finished.Format(time.RFC3339), info.Finished.Sub(info.Created).Round(time.Millisecond))
	}
	if info.ResultCID != "" {
		fmt.Fprintf(stdout, "result    %s\n", info.ResultCID)
	}
	if info.Error != "" {
		fmt.Fprintf(stdout, "error     %s\n", info.Error)
	}
	for _, r := range info.Reasons {
		fmt.Fprintf(stdout, "  %s\n", r)
	}
	fmt.Fprintf(stdout, "\n%s\n\n", progressLine(info))
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SHARD\tTASK\tSTATE\tPROVIDER\tPRICE\tROUND\tREASSIGNED\tOUTPUT")
	for _, t := range info.Tasks {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", t.Shard, t.ID.Short(), t.State, short(t.Provider.String()), t.Price, t.Round, t.Attempt, t.OutputCID)
	}
	return tw.Flush()
}

func cmdJobs(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("jobs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var nf nodeFlags
	nf.register(fs, false)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := dialAPI(&nf)
	if err != nil {
		return err
	}
	var jobs []market.JobInfo
	if done, err := c.read(ctx, "/v1/jobs", *asJSON, stdout, &jobs); done || err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "JOB\tSTATE\tWORKLOAD\tTASKS\tCREATED\tRESULT")
	for _, j := range jobs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", j.ID.Short(), j.State, j.Workload, j.Counts["tasks"], j.Created.Format(time.DateTime), j.ResultCID)
	}
	return tw.Flush()
}

func short(s string) string {
	if len(s) > 12 {
		return "…" + s[len(s)-12:]
	}
	return s
}
