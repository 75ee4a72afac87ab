package exec

import (
	"context"
)

// Verification names how a verifier checks a workload's output.
type Verification string

// Verification methods.
const (
	// VerifyFreivalds: matrix products checked in O(n²) with random vectors (Freivalds).
	VerifyFreivalds Verification = "freivalds"
	// VerifyRerun: run again (or check cheaply) and compare exactly.
	VerifyRerun Verification = "rerun"
	// VerifyTolerance: run again and compare within a stated tolerance (Workload.Compare).
	VerifyTolerance Verification = "tolerance"
)

// Cost estimates a task's work and memory. Ops/rate gives an ETA, where rate
// is what Selftest reports for the same Unit.
type Cost struct {
	Ops      float64 `json:"ops"`       // work, in Unit (worst case)
	Unit     string  `json:"unit"`      // "flop", "hash" or "pixel"
	InBytes  int64   `json:"in_bytes"`  // input blobs, total
	OutBytes int64   `json:"out_bytes"` // output blob (upper bound for PNG)
	MemBytes int64   `json:"mem_bytes"` // peak working memory of a run, inputs and outputs included
}

// Workload is one kind of computation. Implementations are immutable and
// safe for concurrent use.
type Workload interface {
	// Name is the registry key ("matmul").
	Name() string
	// Doc is a one-line description.
	Doc() string
	// Params declares the parameters.
	Params() []ParamSpec
	// Verification is the method verifiers use for this workload.
	Verification() Verification
	// NumInputs is how many input blobs a task carries.
	NumInputs() int
	// ValidateParams checks parameters alone (before inputs are fetched).
	ValidateParams(p Params) error
	// ValidateInputs checks input blobs against (valid) parameters.
	ValidateInputs(p Params, inputs [][]byte) error
	// Cost estimates work and memory from parameters alone.
	Cost(p Params) (Cost, error)
	// RunCPU is the pure-Go implementation used by the CPU backend. Params and
	// inputs are already validated. When out has enough capacity the output is
	// written into it. workers bounds the goroutines it uses.
	RunCPU(ctx context.Context, p Params, inputs [][]byte, out []byte, workers int) ([]byte, error)
	// Reference is an independent, simple, single-threaded implementation
	// (float64 accumulation where it applies) that tests and Selftest compare
	// backends against. It may be slow.
	Reference(ctx context.Context, p Params, inputs [][]byte) ([]byte, error)
	// Compare reports whether got is an acceptable output given the trusted
	// output want, under this workload's verification method and tolerance.
	// It returns nil or an error wrapping ErrMismatch with the detail.
	Compare(p Params, want, got []byte) error
	// RandomInputs builds valid random inputs for p (tests, selftest, demos).
	RandomInputs(p Params, seed uint64) ([][]byte, error)
	// SelftestParams are small parameters that run in well under a second.
	SelftestParams() Params
}

// Shard is one piece of a split task.
type Shard struct {
	Params Params
	Inputs [][]byte
}

// Part is a shard's params with that shard's output, for Merge.
type Part struct {
	Params Params
	Output []byte
}

// Splitter is implemented by workloads whose tasks can be sharded.
// Merge(p, parts) of the outputs of Split(p, inputs, n), given in the order
// Split returned them, equals the output of the unsplit task.
type Splitter interface {
	// Split cuts a task into at most n shards (fewer when the task is small).
	Split(p Params, inputs [][]byte, n int) ([]Shard, error)
	// Merge joins shard outputs into the unsplit task's output.
	Merge(p Params, parts []Part) ([]byte, error)
}
