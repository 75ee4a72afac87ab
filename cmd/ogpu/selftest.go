package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/exec/cuda"
)

// cmdSelftest runs every workload on every available backend at a small size,
// checks it against the reference and prints a table (or JSON with --json).
func cmdSelftest(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("selftest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print a JSON list of {workload, backend, device, ok, seconds, rate, unit}")
	which := fs.String("backend", "all", "backends to test: all, cpu or cuda")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ogpu selftest [--json] [--backend all|cpu|cuda]")
		fmt.Fprintln(stderr, "Runs every workload at a small size on each available backend and checks it against the reference.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return exitUsage{err}
	}
	if fs.NArg() > 0 {
		return exitUsage{fmt.Errorf("selftest takes no arguments, got %q", fs.Args())}
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))

	var backends []exec.Backend
	if *which == "all" || *which == "cpu" {
		backends = append(backends, exec.NewCPU(exec.CPUConfig{Logger: log}))
	}
	if *which == "all" || *which == "cuda" {
		gpus, err := cuda.OpenAll(cuda.Config{Logger: log})
		switch {
		case err != nil && *which == "cuda":
			return fmt.Errorf("no CUDA backend: %w", err)
		case err != nil:
			fmt.Fprintf(stderr, "CUDA: %v; testing the CPU only\n", err)
		}
		for _, g := range gpus {
			backends = append(backends, g)
		}
	}
	if len(backends) == 0 {
		return exitUsage{fmt.Errorf("--backend %q: want all, cpu or cuda", *which)}
	}
	defer func() {
		for _, b := range backends {
			_ = b.Close()
		}
	}()

	rows := exec.Selftest(ctx, backends...)
	if err := ctx.Err(); err != nil {
		return err
	}
	failed := 0
	for _, r := range rows {
		if !r.OK {
			failed++
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return err
		}
	} else {
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "WORKLOAD\tBACKEND\tDEVICE\tOK\tSECONDS\tRATE\tUNIT")
		for _, r := range rows {
			ok := "yes"
			if !r.OK {
				ok = "NO: " + r.Error
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.4f\t%.2f\t%s\n", r.Workload, r.Backend, r.Device, ok, r.Seconds, r.Rate, r.Unit)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("selftest: %d of %d checks failed", failed, len(rows))
	}
	return nil
}
