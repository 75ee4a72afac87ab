package exec

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"sync/atomic"
	"time"
)

// CPUConfig configures the CPU backend. The zero value is usable.
type CPUConfig struct {
	// Registry of workloads; nil means DefaultRegistry().
	Registry *Registry
	// Workers bounds the goroutines one run uses; 0 means GOMAXPROCS.
	Workers int
	// Logger receives debug records of runs; nil discards them.
	Logger *slog.Logger
}

// CPU is the pure-Go backend and the reference for every workload. It starts
// no goroutines outside Run calls.
type CPU struct {
	reg     *Registry
	workers int
	log     *slog.Logger
	closed  atomic.Bool
}

// NewCPU builds a CPU backend.
func NewCPU(cfg CPUConfig) *CPU {
	c := &CPU{reg: cfg.Registry, workers: cfg.Workers, log: cfg.Logger}
	if c.reg == nil {
		c.reg = DefaultRegistry()
	}
	if c.workers <= 0 {
		c.workers = runtime.GOMAXPROCS(0)
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.log = c.log.With("backend", "cpu")
	return c
}

func (c *CPU) Name() string { return "cpu" }

func (c *CPU) Device() string {
	return fmt.Sprintf("cpu: %d workers, %s/%s, matmul kernel %s", c.workers, runtime.GOOS, runtime.GOARCH, SgemmKernel())
}

func (c *CPU) Available() error {
	if c.closed.Load() {
		return ErrClosed
	}
	return nil
}

func (c *CPU) Supports(workload string) bool { _, err := c.reg.Get(workload); return err == nil }

// Run validates the task, checks its memory cap and runs it on the CPU.
func (c *CPU) Run(ctx context.Context, t Task) (Result, error) {
	if c.closed.Load() {
		return Result{}, ErrClosed
	}
	w, cost, err := c.reg.Check(t)
	if err != nil {
		return Result{}, err
	}
	if err := ctx.Err(); err != nil {
		return Result{}, CtxError(err)
	}
	start := time.Now()
	out, err := w.RunCPU(ctx, t.Params, t.Inputs, t.Output, c.workers)
	el := time.Since(start)
	if err == nil && ctx.Err() != nil {
		// Finished, but past the deadline: the caller no longer wants it.
		err = CtxError(ctx.Err())
	}
	if err != nil {
		c.log.Debug("run failed", "workload", t.Workload, "elapsed", el, "err", err)
		return Result{}, err
	}
	c.log.Debug("run done", "workload", t.Workload, "elapsed", el, "ops", cost.Ops)
	return Result{Output: out, Backend: c.Name(), Device: c.Device(), Elapsed: el, Cost: cost}, nil
}

// Close marks the backend closed; later runs fail with ErrClosed.
func (c *CPU) Close() error {
	c.closed.Store(true)
	return nil
}
