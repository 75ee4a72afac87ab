package verify

import "errors"

var (
	// ErrConfig is returned for an invalid configuration.
	ErrConfig = errors.New("verify: config")
	// ErrClosed is returned by calls on a closed Verifier.
	ErrClosed = errors.New("verify: closed")
	// ErrWrong wraps a checker's finding that a result is wrong: the member
	// attests "invalid".
	ErrWrong = errors.New("verify: result is wrong")
	// ErrCannotCheck is returned when a member cannot check a result
	// (inputs unavailable, unknown workload, busy): it refuses to attest
	// rather than guess.
	ErrCannotCheck = errors.New("verify: cannot check this result")
	// ErrPolicy is returned for a verification policy that does not apply
	// to the workload (e.g. freivalds for a non-matmul workload).
	ErrPolicy = errors.New("verify: policy does not apply to the workload")
	// ErrNoCommittee is returned when no staked verifier other than the
	// client and the provider is known (stake some, or use policy none).
	ErrNoCommittee = errors.New("verify: no staked verifiers besides the client and the provider (stake, or submit with verification none)")
	// ErrBadRequest is returned to a client whose verify request is
	// malformed or wrongly signed.
	ErrBadRequest = errors.New("verify: bad request")
)
