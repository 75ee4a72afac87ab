package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
	"github.com/ogpu/ogpu/p2p/wire"
)

// serve handles /ogpu/verify/1: one request, one response. A member checks
// that the sender is the task's client (it signed the announce, or it is
// the stream session's client), that the provider signed the commitment,
// and that it is neither of them; it fetches what is not inline, checks,
// and signs an Attestation. It refuses (no signature) when it cannot
// check; it never guesses.
func (v *Verifier) serve(ctx context.Context, from peer.ID, s *p2p.Stream) {
	var req wire.VerifyRequest
	if err := s.ReadMsg(&req); err != nil {
		return
	}
	resp := v.answer(ctx, from, &req)
	s.WriteMsg(resp)
}

func refusal(req *wire.VerifyRequest, err error) *wire.VerifyResponse {
	r := &wire.VerifyResponse{Version: wire.VerifyVersion, Reason: wire.Truncate(err.Error())}
	switch {
	case req.GetStreamSample() != nil:
		r.TaskId, r.ResultHash = req.StreamSample.TaskId, ethcrypto.Keccak256(req.StreamSample.Output)
	case req.GetCommitment() != nil:
		r.TaskId, r.ResultHash = req.Commitment.TaskId, req.Commitment.ResultHash
	}
	if len(r.TaskId) != 32 {
		r.TaskId = make([]byte, 32)
	}
	if len(r.ResultHash) != 32 {
		r.ResultHash = make([]byte, 32)
	}
	return r
}

func (v *Verifier) answer(ctx context.Context, from peer.ID, req *wire.VerifyRequest) *wire.VerifyResponse {
	ctx, end, ok := v.enter(ctx)
	if !ok {
		return refusal(req, ErrClosed)
	}
	defer end()

	if err := v.checkRequest(from, req); err != nil {
		return refusal(req, err)
	}
	select {
	case v.sem <- struct{}{}:
		defer func() { <-v.sem }()
	default:
		return refusal(req, fmt.Errorf("%w: busy", ErrCannotCheck))
	}
	start := v.cfg.Now()
	job, err := v.job(ctx, req)
	if err == nil {
		err = v.cfg.Checker.Check(ctx, job)
	}
	valid := err == nil
	if err != nil && !errors.Is(err, ErrWrong) {
		r := refusal(req, err)
		v.log.Debug("cannot check", "task", common.BytesToHash(r.TaskId), "err", err)
		return r
	}
	a := typed.Attestation{TaskID: job.TaskID, ResultHash: job.ResultHash, Valid: valid}
	signed, serr := a.Sign(v.cfg.Key, v.cfg.Domain)
	if serr != nil {
		return refusal(req, serr)
	}
	resp := &wire.VerifyResponse{
		Version: wire.VerifyVersion, TaskId: a.TaskID[:], ResultHash: a.ResultHash[:], Valid: valid,
		Signature: signed.Sig, CheckUs: v.cfg.Now().Sub(start).Microseconds(),
	}
	if err != nil {
		resp.Reason = wire.Truncate(err.Error())
	}
	return resp
}

// checkRequest checks fields and signatures: the announce by the sender
// (batch) or the sender as the session's client (stream), the commitment
// by its provider in the settlement domain, and that this member is
// neither the client nor the provider.
func (v *Verifier) checkRequest(from peer.ID, req *wire.VerifyRequest) error {
	if err := req.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrBadRequest, err)
	}
	if req.StreamSample != nil {
		return v.checkSample(from, req.StreamSample)
	}
	if req.Announce.ClientID() != from {
		return fmt.Errorf("%w: the task's client is %s, not the sender", ErrBadRequest, req.Announce.ClientID())
	}
	self := v.cfg.Key.Address()
	c := req.Commitment.Typed()
	if c.Provider == self || c.Client == self {
		return fmt.Errorf("%w: a member never verifies its own task", ErrBadRequest)
	}
	if err := wire.VerifyTaskAnnounce(req.Announce); err != nil {
		return fmt.Errorf("%w: announce: %w", ErrBadRequest, err)
	}
	if err := c.Verify(v.cfg.Domain, req.Commitment.Signature); err != nil {
		return fmt.Errorf("%w: commitment: %w", ErrBadRequest, err)
	}
	return nil
}

// checkSample checks a stream sample: the sender is the session's client,
// this member is neither party, the task ID is the one of the sample's
// service, session, seq and input (recomputed, never trusted), and the
// provider signed the commitment to this output in the settlement domain.
func (v *Verifier) checkSample(from peer.ID, s *wire.StreamSample) error {
	sender, err := identity.PeerIDToAddress(from)
	if err != nil {
		return fmt.Errorf("%w: sender: %w", ErrBadRequest, err)
	}
	c := s.Typed()
	if c.Client != sender {
		return fmt.Errorf("%w: the session's client is %s, not the sender %s", ErrBadRequest, c.Client, sender)
	}
	if self := v.cfg.Key.Address(); c.Provider == self || c.Client == self {
		return fmt.Errorf("%w: a member never verifies its own session", ErrBadRequest)
	}
	want, err := s.ComputedTaskID()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadRequest, err)
	}
	if c.TaskID != want {
		return fmt.Errorf("%w: task id %s is not the sample's %s", ErrBadRequest, c.TaskID, want)
	}
	if err := c.Verify(v.cfg.Domain, s.CommitmentSig); err != nil {
		return fmt.Errorf("%w: commitment: %w", ErrBadRequest, err)
	}
	return nil
}

// job gathers what the checker needs for either kind of request.
func (v *Verifier) job(ctx context.Context, req *wire.VerifyRequest) (Job, error) {
	if req.StreamSample != nil {
		return v.streamJob(ctx, req.StreamSample)
	}
	return v.batchJob(ctx, req)
}

// streamJob builds the re-run of a stream sample: the service's model
// (fetched by CID, at most an mlp model's size) run on the sample's input
// with the parameters a provider derives (exec.MLPRequestParams), checked
// by tolerance. Streaming services are mlp inference; a sample of another
// workload cannot be checked.
func (v *Verifier) streamJob(ctx context.Context, s *wire.StreamSample) (Job, error) {
	w, err := v.cfg.Workloads.Get(s.Workload)
	if err != nil {
		return Job{}, fmt.Errorf("%w: %w", ErrCannotCheck, err)
	}
	if w.Name() != (exec.MLP{}).Name() {
		return Job{}, fmt.Errorf("%w: stream samples of workload %q (members re-run mlp)", ErrCannotCheck, s.Workload)
	}
	method, err := Method(PolicyTolerance, w)
	if err != nil {
		return Job{}, fmt.Errorf("%w: %w", ErrCannotCheck, err)
	}
	mc, err := wire.ParseCID(s.Model)
	if err != nil {
		return Job{}, fmt.Errorf("%w: model: %w", ErrCannotCheck, err)
	}
	fctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	model, err := v.cfg.Fetcher.Get(fctx, mc, exec.MLPMaxModelSize)
	cancel()
	if err != nil {
		return Job{}, fmt.Errorf("%w: model %s: %w", ErrCannotCheck, mc, err)
	}
	layers, err := exec.MLPLayers(model)
	if err != nil {
		return Job{}, fmt.Errorf("%w: model %s: %w", ErrCannotCheck, mc, err)
	}
	p, err := exec.MLPRequestParams(layers, s.Input)
	if err != nil {
		return Job{}, fmt.Errorf("%w: %w", ErrCannotCheck, err)
	}
	c := s.Typed()
	return Job{TaskID: c.TaskID, Workload: s.Workload, Params: p, Method: method,
		Inputs: [][]byte{model, s.Input}, Output: s.Output, ResultHash: c.ResultHash}, nil
}

// batchJob gathers what the checker needs for a batch task: inputs (inline
// ones checked against their CIDs) and the output (inline or fetched by
// CID).
func (v *Verifier) batchJob(ctx context.Context, req *wire.VerifyRequest) (Job, error) {
	a, rc := req.Announce, req.Commitment
	w, err := v.cfg.Workloads.Get(a.Workload)
	if err != nil {
		return Job{}, fmt.Errorf("%w: %w", ErrCannotCheck, err)
	}
	method, err := Method(a.Verification, w)
	if err != nil {
		return Job{}, fmt.Errorf("%w: %w", ErrCannotCheck, err)
	}
	j := Job{TaskID: common.BytesToHash(rc.TaskId), Workload: a.Workload, Params: exec.Params(wire.ParamMap(a.Params)),
		Method: method, ResultHash: common.BytesToHash(rc.ResultHash)}
	j.Inputs = make([][]byte, len(a.Inputs))
	for i, raw := range a.Inputs {
		want, err := wire.ParseCID(raw)
		if err != nil {
			return Job{}, fmt.Errorf("%w: input %d: %w", ErrCannotCheck, i, err)
		}
		if i < len(req.InlineInputs) && req.InlineInputs[i] != nil {
			if got, err := want.Prefix().Sum(req.InlineInputs[i]); err == nil && got.Equals(want) {
				j.Inputs[i] = req.InlineInputs[i]
				continue
			}
		}
		fctx, cancel := context.WithTimeout(ctx, fetchTimeout)
		b, err := v.cfg.Fetcher.Get(fctx, want, 0)
		cancel()
		if err != nil {
			return Job{}, fmt.Errorf("%w: input %d (%s): %w", ErrCannotCheck, i, want, err)
		}
		j.Inputs[i] = b
	}
	if len(req.InlineOutput) > 0 {
		if !bytes.Equal(ethcrypto.Keccak256(req.InlineOutput), rc.ResultHash) {
			return Job{}, fmt.Errorf("%w: inline output is not the committed one", ErrCannotCheck)
		}
		j.Output = req.InlineOutput
		return j, nil
	}
	oc, err := wire.ParseCID(rc.OutputCid)
	if err != nil {
		return Job{}, fmt.Errorf("%w: output cid: %w", ErrCannotCheck, err)
	}
	fctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	out, err := v.cfg.Fetcher.Get(fctx, oc, int64(max(rc.OutputSize, 1)))
	if err != nil {
		return Job{}, fmt.Errorf("%w: output %s: %w", ErrCannotCheck, oc, err)
	}
	j.Output = out
	return j, nil
}

// fetchTimeout bounds one fetch of an input or the output.
const fetchTimeout = 30 * time.Second
