package exec

import (
	"context"
	"fmt"
	"time"
)

// SelftestResult is one row of a self-test: a workload on a backend. The JSON
// keys are exactly workload, backend, device, ok, seconds, rate and unit,
// plus error when ok is false.
type SelftestResult struct {
	Workload string  `json:"workload"`
	Backend  string  `json:"backend"`
	Device   string  `json:"device"`
	OK       bool    `json:"ok"`
	Seconds  float64 `json:"seconds"` // wall time of the timed run
	Rate     float64 `json:"rate"`    // in Unit
	Unit     string  `json:"unit"`    // GFLOP/s, MH/s or Mpixel/s
	Error    string  `json:"error,omitempty"`
}

// SelftestTimeout bounds each self-test run.
const SelftestTimeout = time.Minute

// Selftest runs every built-in workload at a small size on every backend,
// checks each output against the workload's Reference, and measures a rate.
// An unavailable backend yields failed rows carrying its reason; it never
// panics or stops early unless ctx ends.
func Selftest(ctx context.Context, backends ...Backend) []SelftestResult {
	reg := DefaultRegistry()
	var out []SelftestResult
	for _, b := range backends {
		avail := b.Available()
		for _, w := range reg.Workloads() {
			r := SelftestResult{Workload: w.Name(), Backend: b.Name(), Device: b.Device(), Unit: selftestUnit(w.Name())}
			switch {
			case avail != nil:
				r.Error = avail.Error()
			case !b.Supports(w.Name()):
				r.Error = ErrUnsupported.Error()
			default:
				if err := selftestOne(ctx, b, w, &r); err != nil {
					r.Error = err.Error()
				} else {
					r.OK = true
				}
			}
			out = append(out, r)
		}
	}
	return out
}

func selftestUnit(workload string) string {
	switch workload {
	case "hashgrind":
		return "MH/s"
	case "render":
		return "Mpixel/s"
	}
	return "GFLOP/s"
}

func selftestOne(ctx context.Context, b Backend, w Workload, r *SelftestResult) error {
	ctx, cancel := context.WithTimeout(ctx, SelftestTimeout)
	defer cancel()
	p := w.SelftestParams()
	inputs, err := w.RandomInputs(p, 0x5e1f7e57)
	if err != nil {
		return err
	}
	t := Task{Workload: w.Name(), Params: p, Inputs: inputs}
	// Two runs: the first warms caches and JIT-compiles kernels; the second
	// is timed.
	if _, err := b.Run(ctx, t); err != nil {
		return err
	}
	res, err := b.Run(ctx, t)
	if err != nil {
		return err
	}
	want, err := w.Reference(ctx, p, inputs)
	if err != nil {
		return fmt.Errorf("reference: %w", err)
	}
	if err := w.Compare(p, want, res.Output); err != nil {
		return err
	}
	secs := res.Elapsed.Seconds()
	r.Seconds = secs
	if secs <= 0 {
		return nil
	}
	switch w.Name() {
	case "hashgrind":
		r.Rate = res.Cost.Ops / secs / 1e6
	case "render":
		j, _ := DecodeRender(p)
		r.Rate = float64(j.TileW*j.TileH) / secs / 1e6
	default:
		r.Rate = res.Cost.Ops / secs / 1e9
	}
	return nil
}
