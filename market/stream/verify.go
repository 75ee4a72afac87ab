package stream

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
)

// checkTimeout bounds one sample's model fetch and re-run.
const checkTimeout = time.Minute

// Sample is one request/response pair picked for verification, with the
// provider's signed commitment to the response. It holds everything a
// verification committee needs to re-check it (the node hands it to the
// verify package's CheckStream).
type Sample struct {
	Service    Service
	Session    []byte // the session's 16-byte ID
	Seq        uint64
	Input      []byte
	Output     []byte
	Provider   peer.ID
	Commitment typed.ResultCommitment
	Sig        []byte
}

// Fraud is a sample whose output is wrong: the provider's own signed
// commitment to it is half of the slash evidence; a committee's "invalid"
// attestations (Attest) are the other half.
type Fraud struct {
	Sample
	Detail string
}

// Evidence assembles slash evidence from the fraud and the attestations.
func (f Fraud) Evidence(atts []typed.SignedAttestation) settle.Evidence {
	return settle.Evidence{Commitment: f.Commitment, CommitmentSig: f.Sig, Attestations: atts}
}

// sample builds the Sample of an answer. Called with mu held.
func (ss *Session) sample(c *conn, req *request, r interface {
	GetOutput() []byte
	GetCommitmentSig() []byte
}) *Sample {
	self := ss.s.cfg.Key.Address()
	cm := responseCommitment(ss.key, ss.id, req.seq, req.input, r.GetOutput(), c.payee, self, ss.blk, ss.hash)
	return &Sample{Service: ss.svc, Session: ss.id, Seq: req.seq, Input: req.input, Output: r.GetOutput(), Provider: c.pid, Commitment: cm, Sig: r.GetCommitmentSig()}
}

// closeChecks bounds how long a closing session spends on the sampled
// answers it has not checked yet.
const closeChecks = 5 * time.Second

// checker re-checks sampled answers, one at a time. When the session
// closes, the samples already taken are still checked (within
// closeChecks, Close waits), so a lie sampled near the end of a session
// is caught and reported like any other.
func (ss *Session) checker() {
	for {
		select {
		case <-ss.ctx.Done():
			ctx, cancel := context.WithTimeout(context.Background(), closeChecks)
			defer cancel()
			for ctx.Err() == nil {
				select {
				case sm := <-ss.checks:
					ss.check(ctx, sm)
				default:
					return
				}
			}
			return
		case sm := <-ss.checks:
			ss.check(ss.ctx, sm)
		}
	}
}

// check re-checks one sample. After Close the session has no connection
// left, so a ban only marks the provider; the fraud is reported all the
// same.
func (ss *Session) check(parent context.Context, sm Sample) {
	ctx, cancel := context.WithTimeout(parent, checkTimeout)
	defer cancel()
	// The commitment must be the provider's own: an unsigned lie is a
	// protocol violation (the provider is dropped) but cannot be slashed.
	if err := sm.Commitment.Verify(ss.s.cfg.Domain, sm.Sig); err != nil {
		ss.count(func(st *Stats) { st.Checked++ })
		ss.banProvider(sm.Provider, fmt.Errorf("%w: bad commitment signature: %w", ErrProtocol, err))
		return
	}
	model, err := ss.modelBlob(ctx)
	if err != nil {
		ss.log.Warn("sample check: model", "err", err)
		return
	}
	err = Recheck(ctx, ss.s.cfg.Checker, ss.s.cfg.Workloads, model, sm)
	if err != nil && !errors.Is(err, exec.ErrMismatch) {
		ss.log.Warn("sample check", "seq", sm.Seq, "err", err) // our failure, not the provider's
		return
	}
	ss.count(func(st *Stats) { st.Checked++ })
	if err == nil {
		return
	}
	f := Fraud{Sample: sm, Detail: err.Error()}
	ss.count(func(st *Stats) { st.Caught++ })
	ss.log.Warn("caught a wrong output", "provider", sm.Provider, "seq", sm.Seq, "detail", f.Detail)
	ss.banProvider(sm.Provider, fmt.Errorf("%w: %s", ErrMismatch, f.Detail))
	if ss.s.cfg.OnFraud != nil {
		ss.s.cfg.OnFraud(f)
	}
}

// banProvider drops a provider from the session for good.
func (ss *Session) banProvider(id peer.ID, why error) {
	ss.mu.Lock()
	if p := ss.provs[id]; p != nil {
		p.banned = true
	}
	c := ss.conns[id]
	ss.mu.Unlock()
	if c != nil {
		ss.fail(c, why, true)
	}
}

func (ss *Session) modelBlob(ctx context.Context) ([]byte, error) {
	ss.mu.Lock()
	m := ss.model
	ss.mu.Unlock()
	if m != nil {
		return m, nil
	}
	if ss.s.cfg.Content == nil {
		return nil, fmt.Errorf("%w: no content store to fetch the model", ErrConfig)
	}
	m, err := ss.s.cfg.Content.Get(ctx, ss.svc.Model, MaxModelSize)
	if err != nil {
		return nil, err
	}
	ss.mu.Lock()
	ss.model = m
	ss.mu.Unlock()
	return m, nil
}

// Recheck runs the sample's request again with runner and compares the
// claimed output within the workload's tolerance: nil when it matches, an
// error wrapping exec.ErrMismatch when it does not. It also checks that
// the commitment names this input and output.
func Recheck(ctx context.Context, runner Runner, reg *exec.Registry, model []byte, sm Sample) error {
	w, err := reg.Get(sm.Service.Workload)
	if err != nil {
		return err
	}
	if keccak(sm.Output) != sm.Commitment.ResultHash {
		return fmt.Errorf("%w: output does not match the commitment", exec.ErrMismatch)
	}
	layers, err := exec.MLPLayers(model)
	if err != nil {
		return err
	}
	p, err := exec.MLPRequestParams(layers, sm.Input)
	if err != nil {
		return err
	}
	res, err := runner.Run(ctx, exec.Task{Workload: sm.Service.Workload, Params: p, Inputs: [][]byte{model, sm.Input}})
	if err != nil {
		return err
	}
	return w.Compare(p, res.Output, sm.Output)
}

// Attest is a verifier's half of the committee check: it re-runs the
// sample itself (Recheck) and signs an attestation of the provider's
// committed result, valid or not, in domain d. The verify package's
// committee (selection, transport, quorum) calls it per member.
func Attest(ctx context.Context, runner Runner, reg *exec.Registry, model []byte, sm Sample, key *identity.Key, d identity.Domain) (typed.SignedAttestation, error) {
	if err := sm.Commitment.Verify(d, sm.Sig); err != nil {
		return typed.SignedAttestation{}, fmt.Errorf("stream: attest: commitment: %w", err)
	}
	err := Recheck(ctx, runner, reg, model, sm)
	if err != nil && !errors.Is(err, exec.ErrMismatch) {
		return typed.SignedAttestation{}, fmt.Errorf("stream: attest: %w", err)
	}
	return typed.Attestation{TaskID: sm.Commitment.TaskID, ResultHash: sm.Commitment.ResultHash, Valid: err == nil}.Sign(key, d)
}
