package wire

import (
	"errors"
	"testing"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
	mh "github.com/multiformats/go-multihash"
	"google.golang.org/protobuf/proto"
)

func testService(t testing.TB) []byte {
	t.Helper()
	h, err := mh.Sum([]byte("mlp service"), mh.SHA2_256, -1)
	if err != nil {
		t.Fatal(err)
	}
	return cid.NewCidV1(cid.Raw, h).Bytes()
}

func sampleHeartbeat(t testing.TB) *ServiceHeartbeat {
	return &ServiceHeartbeat{Service: testService(t), Price: "100", Load: 0.25, LatencyUs: 900, Slots: 4, Seq: 7, TimestampMs: now.UnixMilli()}
}

func signedHeartbeat(t testing.TB, mod func(*ServiceHeartbeat)) []byte {
	t.Helper()
	h := sampleHeartbeat(t)
	if mod != nil {
		mod(h)
	}
	if err := SignServiceHeartbeat(testKey(t, 1), h); err != nil {
		t.Fatal(err)
	}
	b, err := proto.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestServiceHeartbeat(t *testing.T) {
	svc := testService(t)
	k := testKey(t, 1)
	tests := []struct {
		name string
		data func() []byte
		from string
		want error
	}{
		{"valid from network", func() []byte { return signedHeartbeat(t, nil) }, "", nil},
		{"valid own", func() []byte { return signedHeartbeat(t, nil) }, string(k.PeerID()), nil},
		{"own with wrong author", func() []byte { return signedHeartbeat(t, nil) }, string(testKey(t, 2).PeerID()), ErrWrongSigner},
		{"load over 1", func() []byte { return signedHeartbeat(t, func(h *ServiceHeartbeat) { h.Load = 1.5 }) }, "", ErrInvalid},
		{"no slots", func() []byte { return signedHeartbeat(t, func(h *ServiceHeartbeat) { h.Slots = 0 }) }, "", ErrInvalid},
		{"bad price", func() []byte { return signedHeartbeat(t, func(h *ServiceHeartbeat) { h.Price = "01" }) }, "", ErrInvalid},
		{"stale", func() []byte {
			return signedHeartbeat(t, func(h *ServiceHeartbeat) { h.TimestampMs = now.Add(-FreshPast).UnixMilli() - 1 })
		}, "", ErrStale},
		{"other service", func() []byte {
			return signedHeartbeat(t, func(h *ServiceHeartbeat) { h.Service = cid.NewCidV1(cid.Raw, mustHash(t)).Bytes() })
		}, "", ErrInvalid},
		{"version", func() []byte { return signedHeartbeat(t, func(h *ServiceHeartbeat) { h.Version = 2 }) }, "", ErrUnknownVersion},
		{"forged", func() []byte {
			h := sampleHeartbeat(t)
			if err := SignServiceHeartbeat(k, h); err != nil {
				t.Fatal(err)
			}
			h.Price = "1" // changed after signing
			b, _ := proto.Marshal(h)
			return b
		}, "", ErrWrongSigner},
		{"garbage", func() []byte { return []byte{0xff, 0xff} }, "", ErrDecode},
		{"too large", func() []byte { return make([]byte, MaxServiceHeartbeatSize+1) }, "", ErrFrameTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeServiceHeartbeat(nil, tc.data(), svc, peer.ID(tc.from), now)
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func signedDemand(t testing.TB, mod func(*ServiceDemand)) []byte {
	t.Helper()
	d := &ServiceDemand{Service: testService(t), Waiting: 12, MaxPrice: "100", Seq: 3, TimestampMs: now.UnixMilli()}
	if mod != nil {
		mod(d)
	}
	if err := SignServiceDemand(testKey(t, 1), d); err != nil {
		t.Fatal(err)
	}
	b, err := proto.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestServiceDemand(t *testing.T) {
	svc := testService(t)
	k := testKey(t, 1)
	tests := []struct {
		name string
		data func() []byte
		from string
		want error
	}{
		{"valid from network", func() []byte { return signedDemand(t, nil) }, "", nil},
		{"valid any price", func() []byte { return signedDemand(t, func(d *ServiceDemand) { d.MaxPrice = "" }) }, "", nil},
		{"valid own", func() []byte { return signedDemand(t, nil) }, string(k.PeerID()), nil},
		{"own with wrong author", func() []byte { return signedDemand(t, nil) }, string(testKey(t, 2).PeerID()), ErrWrongSigner},
		{"bad max price", func() []byte { return signedDemand(t, func(d *ServiceDemand) { d.MaxPrice = "-1" }) }, "", ErrInvalid},
		{"no timestamp", func() []byte { return signedDemand(t, func(d *ServiceDemand) { d.TimestampMs = 0 }) }, "", ErrInvalid},
		{"stale", func() []byte {
			return signedDemand(t, func(d *ServiceDemand) { d.TimestampMs = now.Add(-FreshPast).UnixMilli() - 1 })
		}, "", ErrStale},
		{"other service", func() []byte {
			return signedDemand(t, func(d *ServiceDemand) { d.Service = cid.NewCidV1(cid.Raw, mustHash(t)).Bytes() })
		}, "", ErrInvalid},
		{"version", func() []byte { return signedDemand(t, func(d *ServiceDemand) { d.Version = 2 }) }, "", ErrUnknownVersion},
		{"forged", func() []byte {
			d := &ServiceDemand{Service: svc, Waiting: 1, TimestampMs: now.UnixMilli()}
			if err := SignServiceDemand(k, d); err != nil {
				t.Fatal(err)
			}
			d.Waiting = 1000 // changed after signing
			b, _ := proto.Marshal(d)
			return b
		}, "", ErrWrongSigner},
		{"garbage", func() []byte { return []byte{0xff, 0xff} }, "", ErrDecode},
		{"too large", func() []byte { return make([]byte, MaxServiceDemandSize+1) }, "", ErrFrameTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeServiceDemand(nil, tc.data(), svc, peer.ID(tc.from), now)
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func FuzzDecodeServiceDemand(f *testing.F) {
	svc := testService(f)
	f.Add(signedDemand(f, nil))
	f.Add(signedDemand(f, func(d *ServiceDemand) { d.MaxPrice = ""; d.Waiting = 0 }))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := DecodeServiceDemand(nil, data, svc, "", now)
		if err != nil {
			return
		}
		if err := VerifyServiceDemand(nil, d); err != nil {
			t.Fatalf("accepted demand fails re-verification: %v", err)
		}
	})
}

func mustHash(t testing.TB) mh.Multihash {
	h, err := mh.Sum([]byte("other"), mh.SHA2_256, -1)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestStreamMessages(t *testing.T) {
	svc := testService(t)
	open := &StreamOpen{Version: StreamVersion, Service: svc, Session: make([]byte, 16), MaxPrice: "10", PaidBase: "0"}
	sig := make([]byte, 65)
	tests := []struct {
		name string
		msg  interface{ Validate() error }
		want error
	}{
		{"open", open, nil},
		{"open short session", &StreamOpen{Version: 1, Service: svc, Session: []byte{1}, MaxPrice: "1", PaidBase: "0"}, ErrInvalid},
		{"open version", &StreamOpen{Version: 9, Service: svc, Session: make([]byte, 16), MaxPrice: "1", PaidBase: "0"}, ErrUnknownVersion},
		{"request", &StreamClientMsg{Body: &StreamClientMsg_Request{Request: &StreamRequest{Seq: 1, Input: []byte{1}}}}, nil},
		{"request seq 0", &StreamClientMsg{Body: &StreamClientMsg_Request{Request: &StreamRequest{Input: []byte{1}}}}, ErrInvalid},
		{"request empty", &StreamClientMsg{Body: &StreamClientMsg_Request{Request: &StreamRequest{Seq: 1}}}, ErrInvalid},
		{"voucher", &StreamClientMsg{Body: &StreamClientMsg_Voucher{Voucher: &StreamVoucher{Client: make([]byte, 20), Payee: make([]byte, 20), CumulativeAmount: "5", Signature: sig}}}, nil},
		{"voucher short sig", &StreamClientMsg{Body: &StreamClientMsg_Voucher{Voucher: &StreamVoucher{Client: make([]byte, 20), Payee: make([]byte, 20), CumulativeAmount: "5"}}}, ErrInvalid},
		{"empty client frame", &StreamClientMsg{}, ErrInvalid},
		{"accept", &StreamProviderMsg{Body: &StreamProviderMsg_Accept{Accept: &StreamAccept{Version: 1, Accepted: true, Price: "1", CreditLimit: "100", Window: 8}}}, nil},
		{"accept no window", &StreamProviderMsg{Body: &StreamProviderMsg_Accept{Accept: &StreamAccept{Version: 1, Accepted: true, Price: "1", CreditLimit: "100"}}}, ErrInvalid},
		{"refusal", &StreamProviderMsg{Body: &StreamProviderMsg_Accept{Accept: &StreamAccept{Version: 1, Reason: "price"}}}, nil},
		{"response", &StreamProviderMsg{Body: &StreamProviderMsg_Response{Response: &StreamResponse{Seq: 3, Output: []byte{1}, CommitmentSig: sig}}}, nil},
		{"response unsigned", &StreamProviderMsg{Body: &StreamProviderMsg_Response{Response: &StreamResponse{Seq: 3, Output: []byte{1}}}}, ErrInvalid},
		{"error response", &StreamProviderMsg{Body: &StreamProviderMsg_Response{Response: &StreamResponse{Seq: 3, Error: StreamErrorCode_STREAM_BAD_INPUT, Reason: "shape"}}}, nil},
		{"unknown code", &StreamProviderMsg{Body: &StreamProviderMsg_Stop{Stop: &StreamStop{Code: 99}}}, ErrInvalid},
		{"stop", &StreamProviderMsg{Body: &StreamProviderMsg_Stop{Stop: &StreamStop{Code: StreamErrorCode_STREAM_CREDIT}}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.msg.Validate()
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestStreamTaskID(t *testing.T) {
	svc := testService(t)
	a := StreamTaskID(svc, make([]byte, 16), 1, [32]byte{1})
	if a == StreamTaskID(svc, make([]byte, 16), 2, [32]byte{1}) || a == StreamTaskID(svc, make([]byte, 16), 1, [32]byte{2}) {
		t.Fatal("task IDs of different requests collide")
	}
	if a != StreamTaskID(svc, make([]byte, 16), 1, [32]byte{1}) {
		t.Fatal("task ID is not deterministic")
	}
}

func FuzzDecodeServiceHeartbeat(f *testing.F) {
	svc := testService(f)
	f.Add(signedHeartbeat(f, nil))
	f.Add(signedHeartbeat(f, func(h *ServiceHeartbeat) { h.Leaving = true; h.Load = 1 }))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := DecodeServiceHeartbeat(nil, data, svc, "", now)
		if err != nil {
			return
		}
		if err := VerifyServiceHeartbeat(nil, h); err != nil {
			t.Fatalf("accepted heartbeat fails re-verification: %v", err)
		}
	})
}

func FuzzDecodeStreamFrames(f *testing.F) {
	svc := testService(f)
	for _, m := range []proto.Message{
		&StreamOpen{Version: StreamVersion, Service: svc, Session: make([]byte, 16), MaxPrice: "10", PaidBase: "0"},
		&StreamClientMsg{Body: &StreamClientMsg_Request{Request: &StreamRequest{Seq: 1, Input: []byte("x")}}},
		&StreamClientMsg{Body: &StreamClientMsg_Voucher{Voucher: &StreamVoucher{Client: make([]byte, 20), Payee: make([]byte, 20), CumulativeAmount: "5", Signature: make([]byte, 65)}}},
		&StreamProviderMsg{Body: &StreamProviderMsg_Response{Response: &StreamResponse{Seq: 1, Output: []byte("y"), CommitmentSig: make([]byte, 65)}}},
		&StreamProviderMsg{Body: &StreamProviderMsg_Accept{Accept: &StreamAccept{Version: 1, Accepted: true, Price: "1", CreditLimit: "9", Window: 4}}},
	} {
		b, err := proto.Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		if o, err := DecodeStreamOpen(data); err == nil && o.Validate() != nil {
			t.Fatal("accepted open fails re-validation")
		}
		if m, err := DecodeStreamClientMsg(data); err == nil {
			b, err := proto.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := DecodeStreamClientMsg(b); err != nil {
				t.Fatalf("re-encoded client frame rejected: %v", err)
			}
		}
		if m, err := DecodeStreamProviderMsg(data); err == nil {
			b, err := proto.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := DecodeStreamProviderMsg(b); err != nil {
				t.Fatalf("re-encoded provider frame rejected: %v", err)
			}
		}
	})
}
