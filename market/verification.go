package market

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p/wire"
)

// Verifier checks a delivered result with a committee (package verify,
// adapted by the node). The market calls it between delivered and
// accepted; it must honour ctx.
type Verifier interface {
	Verify(ctx context.Context, v Verification) (Verdict, error)
}

// Verification is a delivered result to check.
type Verification struct {
	Announce   *wire.TaskAnnounce
	Commitment *wire.ResultCommitment // inline output cleared
	Provider   peer.ID
	Inputs     [][]byte // small inputs the client holds (nil: fetch by CID)
	Output     []byte   // the delivered output, already matched to result_hash
	Fee        *big.Int // per member that attests
	Latency    time.Duration
}

// Payee is someone a verdict says to pay.
type Payee struct {
	Peer peer.ID
	Addr common.Address
}

// Verdict is a committee's decision.
type Verdict struct {
	Accepted bool
	// Checked is false when the policy skipped the committee.
	Checked bool
	// Members to pay the verifier fee: those whose attestation agreed with
	// the verdict.
	Members []Payee
	// Slashed is true when slash evidence was queued.
	Slashed bool
	// Reason explains a rejection.
	Reason string
}

// ExcludeBelow: bids from providers whose Config.Reputation is at or below
// it are ignored. verify.Reputation.Score gives -10 per proven lie, so a
// client does not award work to a provider it caught lying.
const ExcludeBelow = -10

// Events of verification and payment.
const (
	EventVerified EventKind = "verified" // a committee accepted the result
	EventRejected EventKind = "rejected" // a committee rejected it; Detail says why, "slash" when evidence was queued
	EventPaid     EventKind = "paid"     // vouchers for the task were signed
)

// verify runs the committee on a delivered result (delivered → verifying
// → accepted | rejected). It returns the verdict, or rejected = true after
// the task was handed to the next bidder.
func (c *client) verify(ctx context.Context, lt *liveTask, rc *wire.ResultCommitment, out []byte) (v Verdict, rejected bool, err error) {
	m := c.m
	rec := lt.rec
	if m.cfg.Verifier == nil {
		return Verdict{Accepted: true}, false, nil
	}
	// The commitment must name this client and the award's block, or it
	// could not serve as evidence: refuse it like a wrong result.
	aw := new(wire.Award)
	if err := proto.Unmarshal(rec.Award, aw); err != nil {
		return v, true, c.reassign(ctx, lt, "stored award unreadable")
	}
	if !bytes.Equal(rc.ClientAddress, lt.ann.Address) || rc.AwardBlock != aw.BlockNumber || !bytes.Equal(rc.AwardBlockHash, aw.BlockHash) {
		m.misbehaved(rec.Provider, ErrBadResult)
		return v, true, c.reassign(ctx, lt, "commitment does not name this award")
	}
	if rec.State == StateDelivered {
		if err := step(&rec.State, StateVerifying); err != nil {
			return v, false, err
		}
		if err := m.db.putClientTask(rec); err != nil {
			return v, false, err
		}
	}
	fee, _ := m.verifierFee(rec.Job)
	req := Verification{Announce: lt.ann, Commitment: rc, Provider: rec.Provider, Inputs: lt.inputs, Output: out, Fee: fee}
	if t, ok := awardTime(aw); ok {
		req.Latency = m.cfg.Now().Sub(t)
	}
	v, err = m.cfg.Verifier.Verify(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return v, false, ctx.Err()
		}
		// No committee could be asked (no staked verifiers, chain down):
		// the task cannot be checked as asked, so it is not accepted.
		return v, false, fmt.Errorf("market: verify task %s: %w", rec.ID.Short(), err)
	}
	if v.Accepted {
		m.emit(Event{Kind: EventVerified, Job: rec.Job, Task: rec.ID, Peer: rec.Provider, Detail: fmt.Sprintf("%d members", len(v.Members))})
		return v, false, nil
	}
	detail := v.Reason
	if v.Slashed {
		detail += "; slash"
	}
	m.emit(Event{Kind: EventRejected, Job: rec.Job, Task: rec.ID, Peer: rec.Provider, Detail: detail})
	if err := step(&rec.State, StateRejected); err != nil {
		return v, false, err
	}
	return v, true, c.reassign(ctx, lt, "rejected by the committee: "+v.Reason)
}

func awardTime(aw *wire.Award) (time.Time, bool) {
	if aw.TimestampMs <= 0 {
		return time.Time{}, false
	}
	return time.UnixMilli(aw.TimestampMs), true
}

// verifierFee is the job's fee per committee member.
func (m *Market) verifierFee(id JobID) (*big.Int, error) {
	j, err := m.db.job(id)
	if err != nil {
		return new(big.Int), err
	}
	if j.VerifierFee == "" {
		return new(big.Int), nil
	}
	f, ok := new(big.Int).SetString(j.VerifierFee, 10)
	if !ok || f.Sign() < 0 {
		return new(big.Int), fmt.Errorf("%w: verifier fee %q", ErrBadJob, j.VerifierFee)
	}
	return f, nil
}

// pay signs the vouchers of an accepted task (payment.go). It reports
// false when payments are off.
func (c *client) pay(rec *clientTask, rc *wire.ResultCommitment, v Verdict) (bool, error) {
	m := c.m
	if m.pay == nil {
		return false, nil
	}
	fee, err := m.verifierFee(rec.Job)
	if err != nil {
		return false, err
	}
	if err := m.pay.pay(rec, common.BytesToHash(rc.ResultHash), v, fee); err != nil {
		return false, err
	}
	m.emit(Event{Kind: EventPaid, Job: rec.Job, Task: rec.ID, Peer: rec.Provider, Detail: rec.Price})
	return true, nil
}

// weiString prints an optional amount ("" for nil).
func weiString(x *big.Int) string {
	if x == nil || x.Sign() <= 0 {
		return ""
	}
	return x.String()
}
