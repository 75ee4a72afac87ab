package exec

import (
	"context"
	"time"
)

// Task is one unit of work for a backend.
type Task struct {
	Workload string
	Params   Params
	Inputs   [][]byte // blobs, NumInputs() of them
	// MemLimit caps the run's working memory in bytes; 0 means DefaultMemLimit.
	// A task whose estimate exceeds it is refused with ErrMemLimit.
	MemLimit int64
	// Output, when it has enough capacity, receives the output blob (so
	// callers can reuse buffers; tests poison it to catch unwritten elements).
	Output []byte
}

// Result is a finished run.
type Result struct {
	Output  []byte        // output blob
	Backend string        // backend name, "cpu" or "cuda"
	Device  string        // device description
	Elapsed time.Duration // wall time of the run, validation excluded
	Cost    Cost          // the task's cost estimate
}

// Backend runs tasks on one device (or the CPU). Implementations are safe for
// concurrent use; Run honours ctx (deadline and cancellation) and returns
// ErrDeadline or ErrCanceled when it stops a run, after which the backend
// serves later runs normally.
type Backend interface {
	// Name is "cpu" or "cuda".
	Name() string
	// Device describes the device, e.g. "cuda:0 NVIDIA H100 80GB HBM3".
	Device() string
	// Available returns nil when the backend can run tasks, else the reason
	// (wrapping ErrUnavailable).
	Available() error
	// Supports reports whether the backend implements the workload.
	Supports(workload string) bool
	// Run validates and runs one task.
	Run(ctx context.Context, t Task) (Result, error)
	// Close releases the backend's resources; it is idempotent.
	Close() error
}
