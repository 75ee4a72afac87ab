package wire

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
)

// verifyFixture adds a verify request, response and payment to the market
// fixture.
func verifyFixture(t testing.TB) (*marketFixture, *VerifyRequest, *VerifyResponse, *Payment) {
	t.Helper()
	f := newMarketFixture(t)
	rc := &ResultCommitment{
		TaskId: f.ann.TaskId, OutputCid: testCID(t, "out"), ResultHash: make([]byte, 32), OutputSize: 3,
		TimestampMs: fixedNow.UnixMilli(), ClientAddress: f.ann.Address, AwardBlock: 7, AwardBlockHash: make([]byte, 32),
	}
	if err := SignResult(f.provider, OffChain, rc); err != nil {
		t.Fatal(err)
	}
	req := &VerifyRequest{Version: VerifyVersion, Announce: f.ann, Commitment: rc, Fee: "10", Committee: 3,
		InlineOutput: []byte("out"), TimestampMs: fixedNow.UnixMilli()}
	verifier := marketKey(t)
	att, err := typed.Attestation{TaskID: common.BytesToHash(rc.TaskId), ResultHash: common.BytesToHash(rc.ResultHash)}.Sign(verifier, OffChain)
	if err != nil {
		t.Fatal(err)
	}
	resp := &VerifyResponse{Version: VerifyVersion, TaskId: rc.TaskId, ResultHash: rc.ResultHash, Signature: att.Sig, Reason: "re-run differs"}
	v, err := typed.Voucher{Client: f.client.Address(), Payee: f.provider.Address(), CumulativeAmount: big.NewInt(1500)}.Sign(f.client, OffChain)
	if err != nil {
		t.Fatal(err)
	}
	pay := &Payment{Version: PayVersion, Voucher: VoucherOf(v), Tasks: []*PaidTask{{TaskId: rc.TaskId, Amount: "1500", ResultHash: rc.ResultHash}}}
	return f, req, resp, pay
}

// streamSampleFixture is a verify request of the stream kind: a sampled
// request of a session of the fixture's client, answered and signed by its
// provider.
func streamSampleFixture(t testing.TB) (*marketFixture, *VerifyRequest) {
	t.Helper()
	f := newMarketFixture(t)
	sm := &StreamSample{
		Workload: "mlp", Model: testCID(t, "model"), Session: []byte("0123456789abcdef"), Seq: 3,
		Input: []byte("input"), Output: []byte("output"), Provider: []byte(f.provider.PeerID()),
		Address: f.provider.Address().Bytes(), ClientAddress: f.client.Address().Bytes(), AwardBlock: 7, AwardBlockHash: make([]byte, 32),
	}
	tid, err := sm.ComputedTaskID()
	if err != nil {
		t.Fatal(err)
	}
	sm.TaskId = tid[:]
	if sm.CommitmentSig, err = sm.Typed().Sign(f.provider, OffChain); err != nil {
		t.Fatal(err)
	}
	return f, &VerifyRequest{Version: VerifyVersion, StreamSample: sm, Fee: "0", Committee: 3, TimestampMs: fixedNow.UnixMilli()}
}

// TestStreamSampleRequest: a stream sample round-trips; its commitment is
// the one the provider signs for a stream response (the task ID of the
// service, session, seq and input; output and result hash both the
// output's keccak); requests carrying both kinds, neither, or a malformed
// sample are refused.
func TestStreamSampleRequest(t *testing.T) {
	f, req := streamSampleFixture(t)
	got, err := DecodeVerifyRequest(enc(t, req))
	if err != nil {
		t.Fatal(err)
	}
	sm := got.StreamSample
	c := sm.Typed()
	if err := c.Verify(OffChain, sm.CommitmentSig); err != nil {
		t.Fatalf("sample commitment: %v", err)
	}
	model, _ := ParseCID(sm.Model)
	want := StreamTaskID(ServiceCID("mlp", model).Bytes(), sm.Session, 3, keccak([]byte("input")))
	if c.TaskID != want || c.ResultHash != keccak([]byte("output")) || c.OutputHash != c.ResultHash {
		t.Fatalf("commitment %+v: want task %s and result keccak(output)", c, want)
	}
	if c.Client != f.client.Address() || c.Provider != f.provider.Address() || sm.ProviderID() != f.provider.PeerID() {
		t.Fatal("commitment lost its parties")
	}
	// A different seq names a different task.
	sm.Seq = 4
	if other, _ := sm.ComputedTaskID(); other == want {
		t.Fatal("task ID does not depend on seq")
	}

	_, batch, _, _ := verifyFixture(t)
	bad := []struct {
		name string
		mod  func(r *VerifyRequest)
	}{
		{"both kinds", func(r *VerifyRequest) { r.Announce, r.Commitment = batch.Announce, batch.Commitment }},
		{"announce too", func(r *VerifyRequest) { r.Announce = batch.Announce }},
		{"inline output", func(r *VerifyRequest) { r.InlineOutput = []byte("output") }},
		{"neither kind", func(r *VerifyRequest) { r.StreamSample = nil }},
		{"workload", func(r *VerifyRequest) { r.StreamSample.Workload = "MLP!" }},
		{"model", func(r *VerifyRequest) { r.StreamSample.Model = []byte("nope") }},
		{"session", func(r *VerifyRequest) { r.StreamSample.Session = []byte("short") }},
		{"seq 0", func(r *VerifyRequest) { r.StreamSample.Seq = 0 }},
		{"no input", func(r *VerifyRequest) { r.StreamSample.Input = nil }},
		{"too large", func(r *VerifyRequest) { r.StreamSample.Output = make([]byte, MaxVerifyInline) }},
		{"task id", func(r *VerifyRequest) { r.StreamSample.TaskId = r.StreamSample.TaskId[:31] }},
		{"provider", func(r *VerifyRequest) { r.StreamSample.Provider = []byte("x") }},
		{"address not the provider's", func(r *VerifyRequest) { r.StreamSample.Address = r.StreamSample.ClientAddress }},
		{"client", func(r *VerifyRequest) { r.StreamSample.ClientAddress = nil }},
		{"block hash", func(r *VerifyRequest) { r.StreamSample.AwardBlockHash = nil }},
		{"signature", func(r *VerifyRequest) { r.StreamSample.CommitmentSig = nil }},
		{"committee", func(r *VerifyRequest) { r.Committee = 0 }},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, r := streamSampleFixture(t)
			tc.mod(r)
			if _, err := DecodeVerifyRequest(enc(t, r)); !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrUnknownVersion) {
				t.Fatalf("err = %v, want invalid", err)
			}
		})
	}
}

func TestVerifyMessages(t *testing.T) {
	f, req, resp, pay := verifyFixture(t)
	got, err := DecodeVerifyRequest(enc(t, req))
	if err != nil {
		t.Fatal(err)
	}
	// The commitment's signature is the contract's ResultCommitment.
	if err := got.Commitment.Typed().Verify(OffChain, got.Commitment.Signature); err != nil {
		t.Fatalf("typed commitment: %v", err)
	}
	if got.Commitment.Typed().Client != f.client.Address() {
		t.Fatal("commitment lost its client")
	}
	if err := resp.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := identity.Recover(OffChain.Digest(resp.Attestation().StructHash()), resp.Signature); err != nil {
		t.Fatal(err)
	}
	p, err := DecodePayment(enc(t, pay))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Voucher.Typed().Verify(OffChain); err != nil {
		t.Fatalf("voucher round trip: %v", err)
	}

	bad := []struct {
		name string
		mod  func(r *VerifyRequest)
	}{
		{"version", func(r *VerifyRequest) { r.Version = 9 }},
		{"other task", func(r *VerifyRequest) { r.Commitment.TaskId = make([]byte, 32) }},
		{"no client in commitment", func(r *VerifyRequest) { r.Commitment.ClientAddress = nil }},
		{"no award block hash", func(r *VerifyRequest) { r.Commitment.AwardBlockHash = nil }},
		{"size mismatch", func(r *VerifyRequest) { r.InlineOutput = []byte("toolong") }},
		{"fee", func(r *VerifyRequest) { r.Fee = "-1" }},
		{"committee", func(r *VerifyRequest) { r.Committee = MaxCommittee + 1 }},
		{"inline inputs", func(r *VerifyRequest) { r.InlineInputs = make([][]byte, 3) }},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, r, _, _ := verifyFixture(t)
			tc.mod(r)
			if _, err := DecodeVerifyRequest(enc(t, r)); !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrUnknownVersion) {
				t.Fatalf("err = %v, want invalid", err)
			}
		})
	}
	pay.Voucher.CumulativeAmount = new(big.Int).Lsh(big.NewInt(1), 128).String()
	if _, err := DecodePayment(enc(t, pay)); !errors.Is(err, ErrInvalid) {
		t.Fatalf("amount over 2^128: err = %v", err)
	}
}

func FuzzDecodeVerifyRequest(f *testing.F) {
	_, req, _, _ := verifyFixture(f)
	f.Add(enc(f, req))
	_, sample := streamSampleFixture(f)
	f.Add(enc(f, sample))
	f.Add([]byte{})
	f.Add([]byte{0x12, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		if r, err := DecodeVerifyRequest(data); err == nil {
			if err := r.Validate(); err != nil {
				t.Fatalf("accepted an invalid request: %v", err)
			}
			if (r.StreamSample == nil) == (r.Announce == nil) {
				t.Fatal("accepted a request that is not exactly one kind")
			}
			if s := r.StreamSample; s != nil {
				if _, err := s.ComputedTaskID(); err != nil {
					t.Fatalf("accepted a sample whose task ID cannot be computed: %v", err)
				}
				_ = s.Typed()
			}
		}
	})
}

func FuzzVerifyResponse(f *testing.F) {
	_, _, resp, _ := verifyFixture(f)
	f.Add(enc(f, resp))
	f.Add([]byte{0x08, 0x01})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > MaxVerifyResponseSize {
			return
		}
		r := new(VerifyResponse)
		if proto.Unmarshal(data, r) != nil {
			return
		}
		if r.Validate() == nil && (len(r.TaskId) != 32 || (len(r.Signature) != 0 && len(r.Signature) != 65)) {
			t.Fatal("valid response with bad fields")
		}
	})
}

func FuzzDecodePayment(f *testing.F) {
	_, _, _, pay := verifyFixture(f)
	f.Add(enc(f, pay))
	f.Add([]byte{0x12, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		if p, err := DecodePayment(data); err == nil {
			if a := p.Voucher.Typed().CumulativeAmount; a.Cmp(typed.MaxAmount) > 0 {
				t.Fatal("accepted an amount over 2^128-1")
			}
		}
	})
}
