package wire

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p/identity"
)

var now = time.UnixMilli(1_800_000_000_000)

func testKey(t testing.TB, b byte) *identity.Key {
	t.Helper()
	k, err := identity.FromBytes(bytes.Repeat([]byte{b}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func sampleAd() *CapacityAd {
	return &CapacityAd{
		Gpus: []*GPU{{Name: "NVIDIA H100 80GB HBM3", Uuid: "GPU-1234", MemoryTotal: 80 << 30, MemoryFree: 79 << 30,
			CcMajor: 9, CcMinor: 0, UtilizationPct: 3, TemperatureC: 41, PowerMw: 70_000}},
		CpuCores:    16,
		MemoryBytes: 128 << 30,
		Prices:      []*Price{{Workload: "matmul", Wei: "1000"}, {Workload: "hashgrind", Wei: "5"}},
		Roles:       []string{"provider", "verifier"},
		Load:        0.25,
		Seq:         7,
		TimestampMs: now.UnixMilli(),
	}
}

func signed(t testing.TB, k *identity.Key, mod func(*CapacityAd)) []byte {
	t.Helper()
	ad := sampleAd()
	if mod != nil {
		mod(ad)
	}
	if err := SignCapacityAd(k, ad); err != nil {
		t.Fatal(err)
	}
	b, err := proto.Marshal(ad)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCapacityAdSignVerify(t *testing.T) {
	k, other := testKey(t, 1), testKey(t, 2)
	good := signed(t, k, nil)
	ad, err := DecodeCapacityAd(good, k.PeerID(), now)
	if err != nil {
		t.Fatal(err)
	}
	if ad.PeerID() != k.PeerID() || !bytes.Equal(ad.Address, k.Address().Bytes()) || ad.Version != CapacityAdVersion {
		t.Fatalf("decoded ad has wrong identity: %v", ad)
	}

	resign := func(mod func(*CapacityAd)) []byte { return signed(t, k, mod) }
	tamper := func(mod func(*CapacityAd)) []byte {
		ad := new(CapacityAd)
		proto.Unmarshal(good, ad)
		mod(ad)
		b, _ := proto.Marshal(ad)
		return b
	}
	tests := []struct {
		name string
		data []byte
		from peer.ID
		at   time.Time
		want error
	}{
		{"wrong sender", good, other.PeerID(), now, ErrWrongSigner},
		{"tampered price", tamper(func(a *CapacityAd) { a.Prices[0].Wei = "1" }), k.PeerID(), now, ErrWrongSigner},
		{"signed by other key", tamper(func(a *CapacityAd) {
			a.Signature = nil
			d, _ := CapacityAdDigest(a)
			a.Signature, _ = other.Sign(d)
		}), k.PeerID(), now, ErrWrongSigner},
		{"address of other key", tamper(func(a *CapacityAd) { a.Address = other.Address().Bytes() }), k.PeerID(), now, ErrInvalid},
		{"unknown version", resign(func(a *CapacityAd) { a.Version = 2 }), k.PeerID(), now, ErrUnknownVersion},
		{"stale", good, k.PeerID(), now.Add(FreshPast + time.Second), ErrStale},
		{"future", good, k.PeerID(), now.Add(-FreshFuture - time.Second), ErrStale},
		{"load > 1", resign(func(a *CapacityAd) { a.Load = 1.5 }), k.PeerID(), now, ErrInvalid},
		{"utilization > 100", resign(func(a *CapacityAd) { a.Gpus[0].UtilizationPct = 101 }), k.PeerID(), now, ErrInvalid},
		{"free > total", resign(func(a *CapacityAd) { a.Gpus[0].MemoryFree = a.Gpus[0].MemoryTotal + 1 }), k.PeerID(), now, ErrInvalid},
		{"too many gpus", resign(func(a *CapacityAd) {
			for len(a.Gpus) <= MaxGPUs {
				a.Gpus = append(a.Gpus, a.Gpus[0])
			}
		}), k.PeerID(), now, ErrInvalid},
		{"price not decimal", resign(func(a *CapacityAd) { a.Prices[0].Wei = "-1" }), k.PeerID(), now, ErrInvalid},
		{"price leading zero", resign(func(a *CapacityAd) { a.Prices[0].Wei = "01" }), k.PeerID(), now, ErrInvalid},
		{"duplicate workload", resign(func(a *CapacityAd) { a.Prices[1].Workload = "matmul" }), k.PeerID(), now, ErrInvalid},
		{"bad role", resign(func(a *CapacityAd) { a.Roles = []string{"Provider!"} }), k.PeerID(), now, ErrInvalid},
		{"gpu name control chars", resign(func(a *CapacityAd) { a.Gpus[0].Name = "x\x00y" }), k.PeerID(), now, ErrInvalid},
		{"no signature", tamper(func(a *CapacityAd) { a.Signature = nil }), k.PeerID(), now, ErrInvalid},
		{"oversize", append(good, bytes.Repeat([]byte{0}, MaxCapacityAdSize)...), k.PeerID(), now, ErrFrameTooLarge},
		{"garbage", []byte("\xff\xff\xffnot a protobuf"), k.PeerID(), now, ErrDecode},
	}
	// Without a cache, and twice through one shared cache (the second
	// round answers from the memo): the same verdicts.
	cache := identity.NewCache(64)
	for _, c := range []*identity.Cache{nil, cache, cache} {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := DecodeCapacityAdCached(c, tc.data, tc.from, tc.at)
				if !errors.Is(err, tc.want) {
					t.Fatalf("err = %v, want %v", err, tc.want)
				}
			})
		}
	}
	// Receivers of the same bytes share one decoded ad.
	a1, err1 := DecodeCapacityAdCached(cache, good, "", now)
	a2, err2 := DecodeCapacityAdCached(cache, good, k.PeerID(), now)
	if err1 != nil || err2 != nil || a1 != a2 {
		t.Fatalf("memoized decode: %p %v, %p %v; want one shared ad", a1, err1, a2, err2)
	}
}

func TestUnknownVersionErrorIsClear(t *testing.T) {
	k := testKey(t, 1)
	_, err := DecodeCapacityAd(signed(t, k, func(a *CapacityAd) { a.Version = 9 }), k.PeerID(), now)
	if err == nil || !strings.Contains(err.Error(), "version 9") {
		t.Fatalf("err = %v, want it to name version 9", err)
	}
}

// FuzzDecodeCapacityAd checks the receiver path on arbitrary bytes: no
// panics, and anything accepted re-validates and re-verifies.
func FuzzDecodeCapacityAd(f *testing.F) {
	k := testKey(f, 1)
	f.Add(signed(f, k, nil))
	f.Add(signed(f, k, func(a *CapacityAd) { a.Gpus = nil; a.Prices = nil }))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		ad, err := DecodeCapacityAd(data, k.PeerID(), now)
		if err != nil {
			return
		}
		if err := VerifyCapacityAd(ad, k.PeerID()); err != nil {
			t.Fatalf("accepted ad fails re-verification: %v", err)
		}
	})
}

func BenchmarkDecodeCapacityAd(b *testing.B) {
	k := testKey(b, 1)
	data := signed(b, k, nil)
	for b.Loop() {
		if _, err := DecodeCapacityAd(data, k.PeerID(), now); err != nil {
			b.Fatal(err)
		}
	}
}
