package market

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

var (
	// ErrConfig is returned for an invalid component configuration.
	ErrConfig = errors.New("market: config")
	// ErrClosed is returned by calls on a closed market.
	ErrClosed = errors.New("market: closed")
	// ErrNotStarted is returned by calls that need a started market.
	ErrNotStarted = errors.New("market: not started")
	// ErrNotClient is returned by Submit on a node without the client role.
	ErrNotClient = errors.New("market: this node is not a client (add the client role)")
	// ErrUnknownJob is returned for a job ID this node never submitted.
	ErrUnknownJob = errors.New("market: unknown job (list jobs with 'ogpu jobs')")
	// ErrBadJob is returned for a job spec that cannot be submitted; the
	// wrapped error says which field to fix.
	ErrBadJob = errors.New("market: bad job")
	// ErrJobFailed is returned by Wait for a job that failed; the wrapped
	// error says why.
	ErrJobFailed = errors.New("market: job failed")
	// ErrDeadline is returned when a job's deadline passes before it is done.
	ErrDeadline = errors.New("market: job deadline passed (raise --deadline or --max-price)")
	// ErrBadResult is returned when a provider's output does not match its
	// own commitment (hash or CID).
	ErrBadResult = errors.New("market: result does not match its commitment")
	// ErrBadPayment is returned for a voucher that is not the sender's, not
	// for this node, or wrongly signed.
	ErrBadPayment = errors.New("market: bad payment")
	// ErrState is returned for a state transition the task state machine
	// does not allow.
	ErrState = errors.New("market: invalid state transition")
)

// NoBidError is returned when no provider bid on a task. Reasons maps each
// provider that answered to why it did not bid; an empty map means no
// provider saw the task.
type NoBidError struct {
	Task    TaskID
	Reasons map[string]string // peer ID → reason
}

// NoProviderSaw is the reason given when no provider answered at all.
const NoProviderSaw = "no provider saw the task"

func (e *NoBidError) Error() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "market: no bids for task %s: ", e.Task.Short())
	if len(e.Reasons) == 0 {
		sb.WriteString(NoProviderSaw + " (are providers connected? check 'ogpu status')")
		return sb.String()
	}
	for i, l := range e.Lines() {
		if i > 0 {
			sb.WriteString("; ")
		}
		sb.WriteString(l)
	}
	sb.WriteString(" (relax the requirements or raise --max-price)")
	return sb.String()
}

// Lines returns one "peer X: reason" line per provider, sorted.
func (e *NoBidError) Lines() []string {
	if len(e.Reasons) == 0 {
		return []string{NoProviderSaw}
	}
	out := make([]string, 0, len(e.Reasons))
	for p, r := range e.Reasons {
		out = append(out, "peer "+shortPeer(p)+": "+r)
	}
	sort.Strings(out)
	return out
}
