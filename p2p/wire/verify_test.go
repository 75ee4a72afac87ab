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
	f.Add([]byte{})
	f.Add([]byte{0x12, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		if r, err := DecodeVerifyRequest(data); err == nil {
			if err := r.Validate(); err != nil {
				t.Fatalf("accepted an invalid request: %v", err)
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
