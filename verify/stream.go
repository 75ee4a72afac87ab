package verify

import (
	"bytes"
	"context"
	"fmt"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
	"github.com/ogpu/ogpu/p2p/wire"
)

// StreamSample is one request/response pair of a streaming session that
// the session's client (this node) asks a committee to check, typically
// because its own re-check found the answer wrong (DESIGN.md §6). The
// node fills it from the session's stream.Fraud.
type StreamSample struct {
	// Workload and Model name the service.
	Workload string
	Model    cid.Cid
	// Session is the session's 16-byte ID and Seq the request's number.
	Session []byte
	Seq     uint64
	// Input is the request and Output the provider's answer. Together at
	// most wire.MaxVerifyInline bytes: they ride in the request.
	Input, Output []byte
	// Provider answered.
	Provider peer.ID
	// Commitment is the provider's claim as the session rebuilt it from the
	// request and answer, and Sig the provider's signature of it in the
	// settlement domain.
	Commitment typed.ResultCommitment
	Sig        []byte
}

// request builds the sample's wire form and checks that it is the
// commitment the provider signed: the task ID of this service, session,
// seq and input, the result hash of this output, and a signature by the
// provider. A sample that fails would be refused by every member.
func (s StreamSample) request(d identity.Domain) (*wire.StreamSample, error) {
	if !s.Model.Defined() {
		return nil, fmt.Errorf("%w: stream sample without a model", ErrBadRequest)
	}
	c := s.Commitment
	ws := &wire.StreamSample{
		Workload: s.Workload, Model: s.Model.Bytes(), Session: bytes.Clone(s.Session), Seq: s.Seq,
		Input: s.Input, Output: s.Output, TaskId: c.TaskID.Bytes(), Provider: []byte(s.Provider),
		Address: c.Provider.Bytes(), ClientAddress: c.Client.Bytes(), AwardBlock: c.AwardBlock,
		AwardBlockHash: c.AwardBlockHash.Bytes(), CommitmentSig: bytes.Clone(s.Sig),
	}
	if err := ws.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadRequest, err)
	}
	want, err := ws.ComputedTaskID()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadRequest, err)
	}
	if ws.Typed() != c || c.TaskID != want {
		return nil, fmt.Errorf("%w: the commitment is not the sample's (task %s, want %s)", ErrBadRequest, c.TaskID, want)
	}
	if err := c.Verify(d, s.Sig); err != nil {
		return nil, fmt.Errorf("%w: commitment: %w", ErrBadRequest, err)
	}
	return ws, nil
}

// CheckStream asks the committee of a stream sample to re-run it and
// decides as Check does: the committee is drawn by sortition over the
// commitment's task ID and the session's block hash among the staked
// verifiers other than the client and the provider, every member is asked
// at once with the sample inline, and a quorum of "invalid" attestations
// from eligible members becomes Evidence, handed to Config.Evidence (the
// settler slashes the provider). Members check by tolerance and are not
// paid per sample (Verdict.Agreeing lists them for the caller that wants
// to); the slash rewards one of them on-chain.
//
// It records the members' votes in the reputation table; the provider's
// outcome is the caller's to record (the session that caught the sample
// already has).
func (v *Verifier) CheckStream(ctx context.Context, s StreamSample) (Verdict, error) {
	ctx, end, ok := v.enter(ctx)
	if !ok {
		return Verdict{}, ErrClosed
	}
	defer end()

	if v.cfg.Chain == nil {
		return Verdict{}, fmt.Errorf("%w: Chain is required to draw committees", ErrConfig)
	}
	ws, err := s.request(v.cfg.Domain)
	if err != nil {
		return Verdict{}, err
	}
	c := s.Commitment
	draw, err := v.sel.draw(ctx, c.TaskID, c.AwardBlockHash, c.Provider, c.Client)
	if err != nil {
		return Verdict{}, err
	}
	req := &wire.VerifyRequest{
		Version: wire.VerifyVersion, StreamSample: ws, Fee: "0",
		Committee: uint32(min(len(draw.Members), wire.MaxCommittee)), TimestampMs: v.cfg.Now().UnixMilli(),
	}
	verdict := v.round(ctx, req, draw, c, s.Sig)
	verdict.Method = PolicyTolerance
	return verdict, nil
}
