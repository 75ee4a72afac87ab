package verify

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"

	"github.com/ogpu/ogpu/exec"
)

// Policies a job may ask for (wire.JobSpec.Verification).
const (
	PolicyNone      = "none"      // accept without a committee
	PolicyRerun     = "rerun"     // run again, compare result hashes exactly
	PolicyFreivalds = "freivalds" // matmul: Freivalds' check in O(k·n²)
	PolicyTolerance = "tolerance" // run again, compare within the workload's bound
	PolicySample    = "sample"    // a random fraction of tasks, by the workload's method
)

// DefaultFreivaldsRounds is k for freivalds: a wrong product passes with
// probability at most 2^-k.
const DefaultFreivaldsRounds = 20

// Job is one result to check.
type Job struct {
	TaskID     common.Hash
	Workload   string
	Params     exec.Params
	Method     string // resolved: rerun, freivalds or tolerance
	Inputs     [][]byte
	Output     []byte
	ResultHash common.Hash
}

// Checker decides whether a claimed output is right. It returns nil (the
// member attests valid), an error wrapping ErrWrong (invalid), or any other
// error (the member cannot check and does not attest). It must honour ctx.
// Implementations must be safe for concurrent use.
type Checker interface {
	Check(ctx context.Context, j Job) error
}

// Runner runs a workload (an exec backend).
type Runner interface {
	Run(ctx context.Context, t exec.Task) (exec.Result, error)
}

// Workloads looks workloads up by name (the exec registry).
type Workloads interface {
	Get(name string) (exec.Workload, error)
}

// Method resolves a job's policy for its workload: "" and "sample" take
// the workload's own method; "none" needs no check; "freivalds" applies
// only to matmul.
func Method(policy string, w exec.Workload) (string, error) {
	switch policy {
	case PolicyNone:
		return PolicyNone, nil
	case "", PolicySample:
		return string(w.Verification()), nil
	case PolicyRerun, PolicyTolerance:
		return policy, nil
	case PolicyFreivalds:
		if w.Verification() != exec.VerifyFreivalds {
			return "", fmt.Errorf("%w: freivalds for %s", ErrPolicy, w.Name())
		}
		return policy, nil
	}
	return "", fmt.Errorf("%w: unknown policy %q", ErrPolicy, policy)
}

// Checks is the honest Checker: it checks by the job's method.
//
//   - rerun: run the workload again and compare keccak256 of the output
//     with the committed result hash (deterministic workloads: hashgrind).
//   - tolerance: run again and accept what the workload's Compare accepts
//     (floating outputs: render within 1 % of pixels).
//   - freivalds: for C = A×B pick random ±1 vectors r (seeded from
//     crypto/rand, so the provider cannot predict them) and compare A(Br)
//     with Cr, Rounds times: O(Rounds·n²) instead of O(n³); a wrong C
//     passes with probability ≤ 2^-Rounds.
//
// Every method first checks that the output is the committed one
// (keccak256(output) = result hash).
type Checks struct {
	Runner    Runner
	Workloads Workloads
	// Rounds of Freivalds. Default DefaultFreivaldsRounds.
	Rounds int
}

// Check implements Checker.
func (c Checks) Check(ctx context.Context, j Job) error {
	if ethcrypto.Keccak256Hash(j.Output) != j.ResultHash {
		return fmt.Errorf("%w: output does not hash to the committed result", ErrWrong)
	}
	switch j.Method {
	case PolicyFreivalds:
		if len(j.Inputs) != 2 {
			return fmt.Errorf("%w: freivalds needs 2 inputs, have %d", ErrCannotCheck, len(j.Inputs))
		}
		rounds := c.Rounds
		if rounds <= 0 {
			rounds = DefaultFreivaldsRounds
		}
		if err := exec.Freivalds(j.Inputs[0], j.Inputs[1], j.Output, rounds, randomSeed()); err != nil {
			return wrongOr(err)
		}
		return nil
	case PolicyRerun, PolicyTolerance:
		if c.Runner == nil {
			return fmt.Errorf("%w: no runner to re-execute", ErrCannotCheck)
		}
		res, err := c.Runner.Run(ctx, exec.Task{Workload: j.Workload, Params: j.Params, Inputs: j.Inputs})
		if err != nil {
			return fmt.Errorf("%w: re-run: %w", ErrCannotCheck, err)
		}
		if bytes.Equal(res.Output, j.Output) {
			return nil
		}
		if j.Method == PolicyRerun {
			return fmt.Errorf("%w: re-run output differs (%d vs %d bytes)", ErrWrong, len(res.Output), len(j.Output))
		}
		w, err := c.Workloads.Get(j.Workload)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrCannotCheck, err)
		}
		return wrongOr(w.Compare(j.Params, res.Output, j.Output))
	case PolicyNone:
		return nil
	}
	return fmt.Errorf("%w: method %q", ErrCannotCheck, j.Method)
}

// wrongOr maps exec's mismatch (which covers a malformed claimed output)
// to ErrWrong and anything else (bad inputs) to ErrCannotCheck.
func wrongOr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, exec.ErrMismatch):
		return fmt.Errorf("%w: %w", ErrWrong, err)
	}
	return fmt.Errorf("%w: %w", ErrCannotCheck, err)
}

func randomSeed() uint64 {
	var b [8]byte
	crand.Read(b[:])
	return binary.LittleEndian.Uint64(b[:])
}

// Sampled reports whether a task falls in a sample of the given rate: a
// deterministic draw from the task ID and the award block hash, so neither
// the provider (which does not know the award block before the award) nor
// the client alone chooses which tasks are checked.
func Sampled(taskID, awardBlockHash common.Hash, rate float64) bool {
	switch {
	case rate >= 1:
		return true
	case rate <= 0:
		return false
	}
	h := ethcrypto.Keccak256(taskID[:], awardBlockHash[:], []byte("sample"))
	return float64(binary.BigEndian.Uint64(h[:8]))/float64(1<<64) < rate
}
