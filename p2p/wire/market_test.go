package wire

import (
	"errors"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/multiformats/go-multihash"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p/identity"
)

var fixedNow = time.UnixMilli(1_800_000_000_000)

func marketKey(t testing.TB) *identity.Key {
	t.Helper()
	k, err := identity.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func testCID(t testing.TB, data string) []byte {
	t.Helper()
	h, err := multihash.Sum([]byte(data), multihash.SHA2_256, -1)
	if err != nil {
		t.Fatal(err)
	}
	return cid.NewCidV1(cid.Raw, h).Bytes()
}

// marketFixture builds a consistent, signed set of market messages.
type marketFixture struct {
	client, provider *identity.Key
	job              *JobSpec
	ann              *TaskAnnounce
	bid              *Bid
	nobid            *NoBid
	award            *Award
	result           *ResultCommitment
}

func newMarketFixture(t testing.TB) *marketFixture {
	t.Helper()
	f := &marketFixture{client: marketKey(t), provider: marketKey(t)}
	f.job = &JobSpec{
		Workload: "matmul", Params: SortParams(map[string]string{"m": "4", "k": "4", "n": "4"}),
		Inputs: [][]byte{testCID(t, "a"), testCID(t, "b")}, Requirements: &Requirements{MinVramBytes: 1 << 30},
		MaxPrice: "2000", DeadlineMs: fixedNow.Add(time.Minute).UnixMilli(), Verification: "freivalds",
		Shards: 2, CreatedMs: fixedNow.UnixMilli(), Nonce: []byte("0123456789abcdef"),
	}
	if err := SignJobSpec(f.client, f.job); err != nil {
		t.Fatal(err)
	}
	jd, err := JobSpecDigest(f.job)
	if err != nil {
		t.Fatal(err)
	}
	tid := TaskID(jd, 1)
	f.ann = &TaskAnnounce{
		TaskId: tid[:], JobDigest: jd[:], Shard: 1, Shards: 2, Workload: "matmul",
		Params: f.job.Params, Inputs: f.job.Inputs, Requirements: f.job.Requirements, MaxPrice: "2000",
		DeadlineMs: f.job.DeadlineMs, Verification: "freivalds", TimestampMs: fixedNow.UnixMilli(),
	}
	if err := SignTaskAnnounce(f.client, f.ann); err != nil {
		t.Fatal(err)
	}
	f.bid = &Bid{TaskId: tid[:], Price: "1500", EtaMs: 20, TimestampMs: fixedNow.UnixMilli()}
	if err := SignBid(f.provider, f.bid); err != nil {
		t.Fatal(err)
	}
	f.nobid = &NoBid{Version: BidVersion, TaskId: tid[:], Code: NoBidCode_NO_BID_VRAM, Reason: "VRAM 8 GiB < 12 GiB required"}
	f.award = &Award{
		TaskId: tid[:], Provider: f.bid.Provider, Price: f.bid.Price, DeadlineMs: f.job.DeadlineMs,
		Announce: f.ann, Bid: f.bid, TimestampMs: fixedNow.UnixMilli(), BlockHash: make([]byte, 32),
	}
	if err := SignAward(f.client, f.award); err != nil {
		t.Fatal(err)
	}
	f.result = &ResultCommitment{TaskId: tid[:], OutputCid: testCID(t, "out"), ResultHash: make([]byte, 32), OutputSize: 3, TimestampMs: fixedNow.UnixMilli()}
	if err := SignResult(f.provider, OffChain, f.result); err != nil {
		t.Fatal(err)
	}
	return f
}

func enc(t testing.TB, m proto.Message) []byte {
	t.Helper()
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMarketMessagesRoundTrip(t *testing.T) {
	f := newMarketFixture(t)
	cl, pr := f.client.PeerID(), f.provider.PeerID()
	if err := VerifyJobSpec(f.job); err != nil {
		t.Fatalf("job: %v", err)
	}
	if _, err := DecodeTaskAnnounce(enc(t, f.ann), cl, fixedNow); err != nil {
		t.Fatalf("announce: %v", err)
	}
	if err := VerifyTaskAnnounce(f.ann); err != nil {
		t.Fatalf("announce signature: %v", err)
	}
	if _, err := DecodeBidMessage(enc(t, &BidMessage{Body: &BidMessage_Bid{Bid: f.bid}}), pr); err != nil {
		t.Fatalf("bid: %v", err)
	}
	if _, err := DecodeBidMessage(enc(t, &BidMessage{Body: &BidMessage_NoBid{NoBid: f.nobid}}), pr); err != nil {
		t.Fatalf("no-bid: %v", err)
	}
	if _, err := DecodeAward(enc(t, f.award), cl, pr); err != nil {
		t.Fatalf("award: %v", err)
	}
	if _, err := DecodeResult(enc(t, f.result), pr); err != nil {
		t.Fatalf("result: %v", err)
	}
}

func TestMarketMessagesRejected(t *testing.T) {
	f := newMarketFixture(t)
	cl, pr := f.client.PeerID(), f.provider.PeerID()
	tests := []struct {
		name string
		run  func() error
		want error
	}{
		{"announce from another peer", func() error { _, err := DecodeTaskAnnounce(enc(t, f.ann), pr, fixedNow); return err }, ErrWrongSigner},
		{"announce stale", func() error {
			_, err := DecodeTaskAnnounce(enc(t, f.ann), cl, fixedNow.Add(time.Hour))
			return err
		}, ErrStale},
		{"announce wrong task id", func() error {
			a := proto.CloneOf(f.ann)
			a.Shard = 0
			_, err := DecodeTaskAnnounce(enc(t, a), cl, fixedNow)
			return err
		}, ErrInvalid},
		{"announce unknown version", func() error {
			a := proto.CloneOf(f.ann)
			a.Version = 9
			_, err := DecodeTaskAnnounce(enc(t, a), cl, fixedNow)
			return err
		}, ErrUnknownVersion},
		{"announce tampered", func() error {
			a := proto.CloneOf(f.ann)
			a.MaxPrice = "9999"
			return VerifyTaskAnnounce(a)
		}, ErrWrongSigner},
		{"announce unsorted params", func() error {
			a := proto.CloneOf(f.ann)
			a.Params[0], a.Params[1] = a.Params[1], a.Params[0]
			return a.Validate()
		}, ErrInvalid},
		{"bid from another peer", func() error {
			_, err := DecodeBidMessage(enc(t, &BidMessage{Body: &BidMessage_Bid{Bid: f.bid}}), cl)
			return err
		}, ErrWrongSigner},
		{"bid bad price", func() error {
			b := proto.CloneOf(f.bid)
			b.Price = "01"
			return b.Validate()
		}, ErrInvalid},
		{"bid forged", func() error {
			b := proto.CloneOf(f.bid)
			b.Price = "1"
			return VerifyBid(b)
		}, ErrWrongSigner},
		{"empty bid message", func() error { _, err := DecodeBidMessage(nil, pr); return err }, ErrInvalid},
		{"bid too large", func() error { _, err := DecodeBidMessage(make([]byte, MaxBidSize+1), pr); return err }, ErrFrameTooLarge},
		{"no-bid unknown code", func() error {
			n := proto.CloneOf(f.nobid)
			n.Code = 99
			return n.Validate()
		}, ErrInvalid},
		{"award to another provider", func() error { _, err := DecodeAward(enc(t, f.award), cl, cl); return err }, ErrInvalid},
		{"award from another client", func() error { _, err := DecodeAward(enc(t, f.award), pr, pr); return err }, ErrWrongSigner},
		{"award price changed", func() error {
			a := proto.CloneOf(f.award)
			a.Price = "1"
			_, err := DecodeAward(enc(t, a), cl, pr)
			return err
		}, ErrInvalid},
		{"announce address of another key", func() error {
			a := proto.CloneOf(f.ann)
			a.Address = f.job.Address[:19]
			a.Address = append(a.Address, 0)
			return VerifyTaskAnnounce(a)
		}, ErrInvalid},
		{"result from another peer", func() error { _, err := DecodeResult(enc(t, f.result), cl); return err }, ErrWrongSigner},
		{"result forged", func() error {
			r := proto.CloneOf(f.result)
			r.ResultHash = make([]byte, 32)
			r.ResultHash[0] = 1
			_, err := DecodeResult(enc(t, r), pr)
			return err
		}, ErrWrongSigner},
		{"result garbage", func() error { _, err := DecodeResult([]byte{0xff, 0xff}, pr); return err }, ErrDecode},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestTaskIDStable(t *testing.T) {
	var d [32]byte
	d[0] = 1
	a, b := TaskID(d, 3), TaskID(d, 3)
	if a != b || a == TaskID(d, 4) {
		t.Fatal("task id not a function of (digest, shard)")
	}
}

// Fuzz targets: every market decoder must return an error, never panic,
// on any input, and must not accept what it cannot re-encode.

func FuzzDecodeTaskAnnounce(f *testing.F) {
	fx := newMarketFixture(f)
	f.Add(enc(f, fx.ann))
	f.Add([]byte{})
	f.Add([]byte{0x0a, 0x01})
	from := fx.client.PeerID()
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := DecodeTaskAnnounce(data, from, fixedNow)
		if err == nil {
			if err := a.Validate(); err != nil {
				t.Fatalf("accepted an invalid announce: %v", err)
			}
		}
	})
}

func FuzzDecodeBidMessage(f *testing.F) {
	fx := newMarketFixture(f)
	f.Add(enc(f, &BidMessage{Body: &BidMessage_Bid{Bid: fx.bid}}))
	f.Add(enc(f, &BidMessage{Body: &BidMessage_NoBid{NoBid: fx.nobid}}))
	f.Add([]byte{0x12, 0x00})
	from := fx.provider.PeerID()
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeBidMessage(data, from)
		if err == nil && m.GetBid() == nil && m.GetNoBid() == nil {
			t.Fatal("accepted an empty bid message")
		}
	})
}

func FuzzDecodeAward(f *testing.F) {
	fx := newMarketFixture(f)
	f.Add(enc(f, fx.award))
	f.Add([]byte{0x42, 0x00})
	cl, pr := fx.client.PeerID(), fx.provider.PeerID()
	f.Fuzz(func(t *testing.T, data []byte) {
		if a, err := DecodeAward(data, cl, pr); err == nil && a.Bid.ProviderID() != pr {
			t.Fatal("accepted an award for another provider")
		}
	})
}

func FuzzDecodeResult(f *testing.F) {
	fx := newMarketFixture(f)
	f.Add(enc(f, fx.result))
	f.Add([]byte{0x2a, 0x01, 0x00})
	pr := fx.provider.PeerID()
	f.Fuzz(func(t *testing.T, data []byte) {
		if r, err := DecodeResult(data, pr); err == nil && r.ProviderID() != pr {
			t.Fatal("accepted a result from another provider")
		}
	})
}

func FuzzJobSpecValidate(f *testing.F) {
	fx := newMarketFixture(f)
	f.Add(enc(f, fx.job))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > MaxJobSpecSize {
			return
		}
		j := new(JobSpec)
		if proto.Unmarshal(data, j) != nil {
			return
		}
		if j.Validate() == nil && j.ClientID() == peer.ID("") {
			t.Fatal("valid job spec without a client")
		}
	})
}
