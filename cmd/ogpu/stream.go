package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/ogpu/ogpu/node"
)

// cmdStream sends requests to a streaming service through the running
// daemon and prints each request's latency and a summary.
func cmdStream(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("stream", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var nf nodeFlags
	nf.register(fs, false)
	var inputs listFlag
	fs.Var(&inputs, "input", "request input FILE (mlp: an f32 [rows, d0] blob); repeatable, sent in order")
	repeat := fs.Int("repeat", 1, "send the inputs this many times")
	rate := fs.Float64("rate", 0, "requests per second (default: as fast as answered)")
	maxPrice := fs.String("max-price", "", "most you pay per request, in wei (default any)")
	ordered := fs.Bool("ordered", true, "print answers in request order")
	asJSON := fs.Bool("json", false, "print JSON lines (one per request, then the summary)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: ogpu stream SERVICE --input FILE… [--repeat N] [--rate R] [--json]\n\nSERVICE is <workload>:<model CID>, as 'ogpu serve' prints.\n\n")
		fs.PrintDefaults()
	}
	// The service comes first; flags follow it.
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		if err := fs.Parse(args); err != nil {
			return err
		}
		fs.Usage()
		return exitUsage{errors.New("stream needs a SERVICE")}
	}
	service := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if len(inputs) == 0 {
		fs.Usage()
		return exitUsage{errors.New("stream needs at least one --input")}
	}
	req := node.StreamRequest{Service: service, Repeat: *repeat, Rate: *rate, MaxPrice: *maxPrice, Ordered: *ordered}
	for _, f := range inputs {
		b, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("input: %w", err)
		}
		req.Inputs = append(req.Inputs, b)
	}
	c, err := dialAPI(&nf)
	if err != nil {
		return err
	}
	body, err := json.Marshal(req)
	if err != nil {
		return err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/v1/stream", bytes.NewReader(body))
	if err != nil {
		return err
	}
	hreq.Header.Set("Content-Type", "application/json")
	resp, err := (&http.Client{}).Do(hreq) // no timeout: a stream runs as long as it has requests
	if err != nil {
		return fmt.Errorf("node API at %s not answering (is 'ogpu run' up?): %w", c.base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		var e struct{ Error string }
		json.NewDecoder(resp.Body).Decode(&e)
		if e.Error == "" {
			e.Error = resp.Status
		}
		return errors.New(e.Error)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	var sum *node.StreamSummary
	failed := 0
	for sc.Scan() {
		var line node.StreamLine
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return fmt.Errorf("bad answer from the node: %w", err)
		}
		if *asJSON {
			fmt.Fprintln(stdout, sc.Text())
		}
		if line.Summary != nil {
			sum = line.Summary
			continue
		}
		if line.Error != "" {
			failed++
		}
		if *asJSON {
			continue
		}
		if line.Error != "" {
			fmt.Fprintf(stdout, "#%d failed after %d attempts: %s\n", line.Seq, line.Attempts, line.Error)
		} else {
			fmt.Fprintf(stdout, "#%d %8.2f ms  %s\n", line.Seq, line.LatencyMS, shortPeer(line.Provider))
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading the stream: %w", err)
	}
	if sum == nil {
		return errors.New("the node ended the stream without a summary")
	}
	if !*asJSON {
		l := sum.LatencyMS
		fmt.Fprintf(stdout, "%d requests: %d answered, %d failed, %d failovers; %.1f requests/s\nlatency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; paid %s wei; %d checked, %d wrong\n",
			sum.Requests, sum.Answered, sum.Failed, sum.Failovers, sum.RequestsPerS, l.P50, l.P95, l.P99, l.Max, sum.Paid, sum.Checked, sum.Caught)
	}
	if sum.Error != "" {
		return errors.New(sum.Error)
	}
	if failed > 0 {
		return fmt.Errorf("%d requests failed", failed)
	}
	return nil
}

func shortPeer(s string) string {
	if len(s) > 12 {
		return "…" + s[len(s)-8:]
	}
	return s
}
