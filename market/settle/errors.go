package settle

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrReverted is returned (wrapped in a *RevertError) when the contract
	// rejects a call or transaction.
	ErrReverted = errors.New("settle: contract reverted")
	// ErrNoContract is returned when the configured address holds no code.
	ErrNoContract = errors.New("settle: no Settlement contract at address (check chain.contract, or start one with 'ogpu devnet')")
	// ErrBadVoucher is returned by Enqueue for a voucher that does not
	// verify under the chain's domain.
	ErrBadVoucher = errors.New("settle: bad voucher")
	// ErrBadEvidence is returned by EnqueueEvidence for malformed evidence.
	ErrBadEvidence = errors.New("settle: bad evidence")
	// ErrGasPriceTooHigh is returned when the base fee is above the cap;
	// the Settler waits and retries.
	ErrGasPriceTooHigh = errors.New("settle: gas price above cap")
	// ErrClosed is returned after Close.
	ErrClosed = errors.New("settle: closed")
	// ErrConfig is returned by New for an unusable Config.
	ErrConfig = errors.New("settle: bad config")
	// ErrNoRoot is returned when no Settled event carries a receipts root.
	ErrNoRoot = errors.New("settle: receipts root not found in any Settled event")
	// ErrBadProof is returned when a receipt's Merkle proof does not lead
	// to the root.
	ErrBadProof = errors.New("settle: receipt proof does not match the root")
)

// RevertError is a decoded custom error of Settlement.sol.
type RevertError struct {
	Name string // e.g. "TooEarly"; "" when the data did not decode
	Args []any
	Data []byte
}

func (e *RevertError) Error() string {
	if e.Name == "" {
		return fmt.Sprintf("%v (data %x)", ErrReverted, e.Data)
	}
	args := make([]string, len(e.Args))
	for i, a := range e.Args {
		args[i] = fmt.Sprint(a)
	}
	return fmt.Sprintf("%v: %s(%s)", ErrReverted, e.Name, strings.Join(args, ", "))
}

// Is makes errors.Is(err, ErrReverted) true.
func (e *RevertError) Is(target error) bool { return target == ErrReverted }

// RevertName returns the contract error name carried by err, or "".
func RevertName(err error) string {
	var re *RevertError
	if errors.As(err, &re) {
		return re.Name
	}
	return ""
}
