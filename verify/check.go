package verify

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/typed"
	"github.com/ogpu/ogpu/p2p/wire"
)

// Request is a delivered result the client wants checked.
type Request struct {
	// Announce is the task as the client announced it (signed).
	Announce *wire.TaskAnnounce
	// Commitment is the provider's signed commitment (inline output
	// cleared or not: Check clears it).
	Commitment *wire.ResultCommitment
	// Provider delivered the result.
	Provider peer.ID
	// Inputs are the task's inputs when the client has them at hand (sent
	// inline when small); nil: members fetch them by CID.
	Inputs [][]byte
	// Output is the delivered output (already checked against the
	// commitment's result hash); sent inline when small.
	Output []byte
	// Fee is what the client pays each member that attests (wei).
	Fee *big.Int
	// Latency is award → delivery, for the reputation table.
	Latency time.Duration
}

// Vote is one member's answer.
type Vote struct {
	Member
	Valid    bool
	Signed   bool // false: refused or silent
	Reason   string
	Sig      []byte
	Duration time.Duration
}

// Verdict is the committee's decision on a result.
type Verdict struct {
	// Accepted: a quorum found the result right (or the policy checks
	// nothing).
	Accepted bool
	// Checked is false when the policy skipped the committee (none, or a
	// task outside the sample).
	Checked bool
	// Method is the resolved check (rerun, freivalds, tolerance, none).
	Method string
	// Votes are the members' answers.
	Votes []Vote
	// Evidence is set when the result was rejected and the rejecting
	// attestations of eligible members reach the contract's quorum: it
	// went to the EvidenceSink.
	Evidence *Evidence
	// Reason explains a rejection.
	Reason string
}

// Agreeing returns the members whose signed vote matches the verdict:
// the ones the client pays.
func (v Verdict) Agreeing() []Member {
	var out []Member
	for _, x := range v.Votes {
		if x.Signed && x.Valid == v.Accepted {
			out = append(out, x.Member)
		}
	}
	return out
}

// Check asks the task's committee to check a delivered result and decides:
//
//   - the policy "none", or "sample" for a task outside the sample: accepted
//     unchecked;
//   - otherwise every member of the committee (drawn by sortition over the
//     award block, extended by the fallback to the quorum) is asked at
//     once; the answers are counted as they come. The result is accepted
//     when at least min(quorum, members) members attest valid and they
//     outnumber the invalid ones even if every silent member said
//     invalid; rejected when the invalid attestations are the majority of
//     the answers. Ties and silence reject without evidence (the task is
//     re-awarded; an honest provider is never slashed for it).
//   - a rejection backed by quorum "invalid" attestations from eligible
//     members becomes Evidence, handed to the EvidenceSink.
//
// Members' votes and the provider's outcome go into the reputation table.
func (v *Verifier) Check(ctx context.Context, req Request) (Verdict, error) {
	ctx, end, ok := v.enter(ctx)
	if !ok {
		return Verdict{}, ErrClosed
	}
	defer end()

	a, rc := req.Announce, proto.CloneOf(req.Commitment)
	rc.InlineOutput = nil
	w, err := v.cfg.Workloads.Get(a.Workload)
	if err != nil {
		return Verdict{}, err
	}
	method, err := Method(a.Verification, w)
	if err != nil {
		return Verdict{}, err
	}
	if method == PolicyNone {
		v.cfg.Reputation.Success(req.Provider, req.Latency)
		return Verdict{Accepted: true, Method: method}, nil
	}
	c := rc.Typed()
	if a.Verification == PolicySample && !Sampled(c.TaskID, c.AwardBlockHash, v.cfg.SampleRate) {
		v.cfg.Reputation.Success(req.Provider, req.Latency)
		return Verdict{Accepted: true, Method: method}, nil
	}
	if v.cfg.Chain == nil {
		return Verdict{}, fmt.Errorf("%w: Chain is required to draw committees", ErrConfig)
	}
	draw, err := v.sel.draw(ctx, c.TaskID, c.AwardBlockHash, c.Provider, c.Client)
	if err != nil {
		return Verdict{}, err
	}
	fee := req.Fee
	if fee == nil {
		fee = new(big.Int)
	}
	vr := &wire.VerifyRequest{
		Version: wire.VerifyVersion, Announce: a, Commitment: rc, Fee: fee.String(),
		Committee: uint32(min(len(draw.Members), wire.MaxCommittee)), TimestampMs: v.cfg.Now().UnixMilli(),
	}
	inline := len(req.Output)
	if inline <= wire.MaxVerifyInline {
		vr.InlineOutput = req.Output
	}
	for _, in := range req.Inputs {
		if inline += len(in); inline > wire.MaxVerifyInline {
			break
		}
		vr.InlineInputs = append(vr.InlineInputs, in)
	}
	if len(vr.InlineInputs) != len(req.Inputs) {
		vr.InlineInputs = nil
	}
	verdict := v.round(ctx, vr, draw, c, rc.Signature)
	verdict.Method = method
	switch {
	case verdict.Accepted:
		v.cfg.Reputation.Success(req.Provider, req.Latency)
	case verdict.Reason == ReasonWrong:
		v.cfg.Reputation.Lie(req.Provider)
	}
	return verdict, nil
}

// round asks the drawn committee about the commitment c (signed sig by
// its provider), decides, records the members' votes in the reputation
// table, and hands a proven lie to the EvidenceSink (Check, CheckStream).
func (v *Verifier) round(ctx context.Context, req *wire.VerifyRequest, draw Draw, c typed.ResultCommitment, sig []byte) Verdict {
	members := draw.Members[:min(len(draw.Members), wire.MaxCommittee)]
	votes := v.ask(ctx, req, members, c, draw.Quorum)
	verdict := decide(votes, draw.Quorum)
	verdict.Checked = true
	for _, x := range verdict.Votes {
		if x.Signed {
			v.cfg.Reputation.Attested(x.Peer, x.Valid == verdict.Accepted)
		}
	}
	if verdict.Accepted || verdict.Reason != ReasonWrong {
		return verdict
	}
	var invalid []typed.SignedAttestation
	for _, x := range verdict.Votes {
		if x.Signed && !x.Valid && x.Eligible {
			invalid = append(invalid, typed.SignedAttestation{
				Attestation: typed.Attestation{TaskID: c.TaskID, ResultHash: c.ResultHash}, Signer: x.Addr, Sig: x.Sig})
		}
	}
	if len(invalid) >= draw.Quorum && draw.Quorum > 0 {
		ev := Evidence{Commitment: c, CommitmentSig: sig, Attestations: invalid}
		if v.cfg.Evidence != nil {
			if err := v.cfg.Evidence(ev); err != nil {
				v.log.Error("queue slash evidence", "task", c.TaskID, "provider", c.Provider, "err", err)
			} else {
				verdict.Evidence = &ev
			}
		}
	}
	return verdict
}

// Reasons of a rejection (Verdict.Reason): ReasonWrong is a decision (a
// quorum found the result wrong), ReasonInconclusive is none.
const (
	ReasonWrong        = "committee found the result wrong"
	ReasonInconclusive = "committee inconclusive (too few answers or a tie)"
)

// ask sends the request to every member at once and collects answers
// until the outcome cannot change or the round's timeout.
func (v *Verifier) ask(ctx context.Context, req *wire.VerifyRequest, members []Member, c typed.ResultCommitment, quorum int) []Vote {
	ctx, cancel := context.WithTimeout(ctx, v.cfg.Timeout)
	defer cancel()
	type answer struct {
		i int
		v Vote
	}
	ch := make(chan answer, len(members))
	for i, m := range members {
		v.wg.Add(1)
		go func() {
			defer v.wg.Done()
			start := v.cfg.Now()
			var resp wire.VerifyResponse
			vote := Vote{Member: m}
			err := v.cfg.Net.Request(ctx, m.Peer, p2p.ProtoVerify, req, &resp)
			vote.Duration = v.cfg.Now().Sub(start)
			switch {
			case err != nil:
				vote.Reason = err.Error()
			case resp.Validate() != nil:
				vote.Reason = "malformed response"
			case len(resp.Signature) == 0:
				vote.Reason = resp.Reason
			case common.BytesToHash(resp.TaskId) != c.TaskID || common.BytesToHash(resp.ResultHash) != c.ResultHash:
				vote.Reason = "attestation for another result"
			default:
				if err := resp.Attestation().Verify(v.cfg.Domain, resp.Signature, m.Addr); err != nil {
					vote.Reason = "attestation not signed by the member: " + err.Error()
					break
				}
				vote.Signed, vote.Valid, vote.Sig, vote.Reason = true, resp.Valid, resp.Signature, resp.Reason
			}
			ch <- answer{i, vote}
		}()
	}
	votes := make([]Vote, len(members))
	for i, m := range members {
		votes[i] = Vote{Member: m, Reason: "no answer"}
	}
	for n := 0; n < len(members); n++ {
		select {
		case a := <-ch:
			votes[a.i] = a.v
			if settledAccept(votes, len(members)-n-1, quorum) {
				return votes
			}
		case <-ctx.Done():
			return votes
		}
	}
	return votes
}

// settledAccept reports whether the answers so far accept whatever the
// remaining members say (rejections wait for every answer, so evidence
// carries as many attestations as there are).
func settledAccept(votes []Vote, remaining, quorum int) bool {
	valid, invalid := count(votes)
	return valid > invalid+remaining && valid >= needValid(len(votes), quorum)
}

func count(votes []Vote) (valid, invalid int) {
	for _, x := range votes {
		if x.Signed {
			if x.Valid {
				valid++
			} else {
				invalid++
			}
		}
	}
	return
}

// needValid is the least number of valid attestations that may accept:
// the quorum (at least 1), or every member when the committee is smaller.
func needValid(members, quorum int) int { return min(max(quorum, 1), members) }

// decide turns the votes into a verdict (see Check).
func decide(votes []Vote, quorum int) Verdict {
	valid, invalid := count(votes)
	v := Verdict{Votes: votes}
	switch {
	case valid > invalid && valid >= needValid(len(votes), quorum):
		v.Accepted = true
	case invalid > valid:
		v.Reason = ReasonWrong
	default:
		v.Reason = ReasonInconclusive
	}
	return v
}
