package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/node"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// post sends body (JSON-encoded unless it is []byte) and decodes the reply into v.
func (c *apiClient) post(ctx context.Context, path string, body any, v any) error {
	var rd io.Reader
	ctype := "application/json"
	if b, ok := body.([]byte); ok {
		rd, ctype = bytes.NewReader(b), "application/octet-stream"
	} else {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", ctype)
	return c.do(req, v)
}

func cmdSubmit(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("submit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var nf nodeFlags
	nf.register(fs, false)
	var params, inputs listFlag
	workload := fs.String("workload", "", "workload to run: matmul, hashgrind, render, mlp (required)")
	fs.Var(&params, "param", "workload parameter k=v (repeatable)")
	fs.Var(&inputs, "input", "input blob file, in the workload's order (repeatable)")
	maxPrice := fs.String("max-price", "", "most you pay per task, in wei (required)")
	shards := fs.Int("shards", 1, "split the job into at most this many tasks")
	timeout := fs.Duration("timeout", 10*time.Minute, "the job's deadline, from now")
	verification := fs.String("verification", "", "none, rerun, freivalds, tolerance or sample (default none)")
	minVRAM := fs.Uint64("min-vram", 0, "free GPU memory a provider needs, in bytes")
	gpu := fs.Bool("gpu", false, "run only on a GPU")
	wait := fs.Bool("wait", false, "wait for the result, showing progress")
	asJSON := fs.Bool("json", false, "print JSON")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: ogpu submit --workload W [--param k=v]… [--input FILE]… --max-price WEI [--shards N] [--wait] [--json]\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *workload == "" || *maxPrice == "" {
		fs.Usage()
		return exitUsage{errors.New("submit needs --workload and --max-price")}
	}
	ps, err := exec.ParseParams(params)
	if err != nil {
		return exitUsage{err}
	}
	c, err := dialAPI(&nf)
	if err != nil {
		return err
	}
	req := node.SubmitRequest{
		Workload: *workload, Params: ps, MaxPrice: *maxPrice, Shards: *shards, Timeout: node.Duration(*timeout),
		Verification: *verification, Requirements: market.Requirements{MinVRAM: *minVRAM, GPU: *gpu},
	}
	for _, f := range inputs {
		b, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("input: %w", err)
		}
		var add node.AddResponse
		if err := c.post(ctx, "/v1/content", b, &add); err != nil {
			return fmt.Errorf("add %s: %w", f, err)
		}
		req.InputCIDs = append(req.InputCIDs, add.CID)
	}
	var resp node.SubmitResponse
	if err := c.post(ctx, "/v1/jobs", req, &resp); err != nil {
		return err
	}
	if !*wait {
		if *asJSON {
			return printJSON(stdout, resp)
		}
		fmt.Fprintf(stdout, "job %s submitted; follow it with 'ogpu job %s'\n", resp.ID, resp.ID)
		return nil
	}
	info, err := waitJob(ctx, c, resp.ID, stderr, !*asJSON)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(stdout, info)
	}
	if info.State == market.JobFailed {
		return jobError(info)
	}
	fmt.Fprintf(stdout, "job %s done in %s\nresult %s\nfetch it with 'ogpu get %s -o FILE'\n",
		info.ID, info.Finished.Sub(info.Created).Round(time.Millisecond), info.ResultCID, info.ResultCID)
	return nil
}

// waitJob polls the job until it is final, drawing a progress line.
func waitJob(ctx context.Context, c *apiClient, id market.JobID, w io.Writer, progress bool) (market.JobInfo, error) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		var info market.JobInfo
		if err := c.get(ctx, "/v1/jobs/"+id.String(), &info); err != nil {
			return info, err
		}
		if progress {
			fmt.Fprintf(w, "\r%s", progressLine(info))
		}
		if info.State != market.JobRunning {
			if progress {
				fmt.Fprintln(w)
			}
			return info, nil
		}
		select {
		case <-ctx.Done():
			return info, ctx.Err()
		case <-tick.C:
		}
	}
}

// progressLine renders "[#####-----] 5/10 done · 2 bidding · 3 running".
func progressLine(info market.JobInfo) string {
	total := len(info.Tasks)
	var done, bidding, running, failed int
	for _, t := range info.Tasks {
		switch {
		case t.State.Done():
			done++
		case t.State == market.StateFailed:
			failed++
		case t.State == market.StateAnnounced || t.State == market.StateBidding:
			bidding++
		default:
			running++
		}
	}
	const width = 20
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	bar := strings.Repeat("#", filled) + strings.Repeat("-", width-filled)
	s := fmt.Sprintf("[%s] %d/%d done · %d bidding · %d running", bar, done, total, bidding, running)
	if failed > 0 {
		s += fmt.Sprintf(" · %d failed", failed)
	}
	return s + "   "
}

func jobError(info market.JobInfo) error {
	msg := "job " + info.ID.Short() + " failed: " + info.Error
	return errors.New(msg)
}
