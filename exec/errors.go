package exec

import (
	"context"
	"errors"
	"fmt"
)

// Sentinel errors. Wrapped errors carry the details; test with errors.Is.
var (
	// ErrUnknownWorkload: the task names a workload the registry does not have.
	ErrUnknownWorkload = errors.New("exec: unknown workload")
	// ErrBadParam: a parameter is missing, malformed, unknown or out of range.
	ErrBadParam = errors.New("exec: bad parameter")
	// ErrBadInput: the input blobs do not match the workload or its parameters.
	ErrBadInput = errors.New("exec: bad input")
	// ErrBadBlob: a blob's header or length is malformed.
	ErrBadBlob = errors.New("exec: malformed blob")
	// ErrMemLimit: the run would need more memory than the task's cap allows.
	ErrMemLimit = errors.New("exec: memory cap exceeded")
	// ErrDeadline: the run overran its context deadline and was stopped.
	ErrDeadline = errors.New("exec: run exceeded its deadline")
	// ErrCanceled: the run's context was canceled and the run was stopped.
	ErrCanceled = errors.New("exec: run canceled")
	// ErrUnavailable: the backend cannot run anything on this machine.
	ErrUnavailable = errors.New("exec: backend unavailable")
	// ErrUnsupported: the backend does not implement this workload.
	ErrUnsupported = errors.New("exec: workload not supported by backend")
	// ErrMismatch: two outputs that should agree do not.
	ErrMismatch = errors.New("exec: outputs disagree")
	// ErrBadSplit: Split or Merge was given shards it cannot use.
	ErrBadSplit = errors.New("exec: bad split")
	// ErrClosed: the backend was closed.
	ErrClosed = errors.New("exec: backend closed")
)

// ParamError describes one bad parameter. It matches ErrBadParam.
type ParamError struct {
	Workload string // workload name
	Param    string // parameter name
	Value    string // offending value (truncated)
	Reason   string // what is wrong and what is allowed
}

func (e *ParamError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("exec: %s: parameter %q: %s", e.Workload, e.Param, e.Reason)
	}
	return fmt.Sprintf("exec: %s: parameter %q=%q: %s", e.Workload, e.Param, e.Value, e.Reason)
}

// Unwrap makes errors.Is(err, ErrBadParam) true.
func (e *ParamError) Unwrap() error { return ErrBadParam }

// CtxError converts a context error into ErrDeadline or ErrCanceled, keeping
// the context error in the chain. It returns nil for a nil error. Backends
// call it when a run stops because its context ended.
func CtxError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: %w", ErrDeadline, err)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%w: %w", ErrCanceled, err)
	default:
		return err
	}
}
