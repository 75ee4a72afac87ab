package wire

import (
	"errors"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p/identity"
)

func TestCapacitySyncRequestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		req  *CapacitySyncRequest
		want error
	}{
		{"empty", &CapacitySyncRequest{Version: CapacitySyncVersion}, nil},
		{"known", &CapacitySyncRequest{Version: CapacitySyncVersion, KnownKeys: []uint64{1, 2}, KnownSeqs: []uint64{3, 4}}, nil},
		{"version", &CapacitySyncRequest{Version: 2}, ErrUnknownVersion},
		{"lengths", &CapacitySyncRequest{Version: CapacitySyncVersion, KnownKeys: []uint64{1}}, ErrInvalid},
		{"too many", &CapacitySyncRequest{Version: CapacitySyncVersion, KnownKeys: make([]uint64, MaxCapacitySyncAds+1), KnownSeqs: make([]uint64, MaxCapacitySyncAds+1)}, ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.req.Validate(); !errors.Is(err, tc.want) {
				t.Fatalf("Validate = %v, want %v", err, tc.want)
			}
		})
	}
	// The largest valid request fits the request frame.
	full := &CapacitySyncRequest{Version: CapacitySyncVersion, KnownKeys: make([]uint64, MaxCapacitySyncAds), KnownSeqs: make([]uint64, MaxCapacitySyncAds)}
	for i := range full.KnownKeys {
		full.KnownKeys[i], full.KnownSeqs[i] = ^uint64(0), ^uint64(0)
	}
	if b, _ := proto.Marshal(full); len(b) > MaxCapacitySyncRequestSize {
		t.Fatalf("largest request is %d bytes, frame limit %d", len(b), MaxCapacitySyncRequestSize)
	}
}

func TestCapacitySyncResponseValidate(t *testing.T) {
	big := make([]byte, MaxCapacityAdSize)
	many := make([][]byte, MaxCapacitySyncSize/MaxCapacityAdSize+1)
	for i := range many {
		many[i] = big
	}
	for _, tc := range []struct {
		name string
		resp *CapacitySyncResponse
		want error
	}{
		{"empty", &CapacitySyncResponse{Version: CapacitySyncVersion}, nil},
		{"version", &CapacitySyncResponse{}, ErrUnknownVersion},
		{"ad too big", &CapacitySyncResponse{Version: CapacitySyncVersion, Ads: [][]byte{make([]byte, MaxCapacityAdSize+1)}}, ErrFrameTooLarge},
		{"too many bytes", &CapacitySyncResponse{Version: CapacitySyncVersion, Ads: many}, ErrFrameTooLarge},
		{"too many ads", &CapacitySyncResponse{Version: CapacitySyncVersion, Ads: make([][]byte, MaxCapacitySyncAds+1)}, ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.resp.Validate(); !errors.Is(err, tc.want) {
				t.Fatalf("Validate = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestDecodeSyncedCapacityAd(t *testing.T) {
	k := testKey(t, 1)
	good := signed(t, k, nil)
	forged := signed(t, k, nil)
	forged[len(forged)-5] ^= 1 // inside the signature
	for _, tc := range []struct {
		name string
		data []byte
		now  time.Time
		want error
	}{
		{"fresh", good, now, nil},
		{"older than gossip accepts, within maxAge", good, now.Add(5 * time.Minute), nil},
		{"older than maxAge", good, now.Add(7 * time.Minute), ErrStale},
		{"future", good, now.Add(-time.Minute), ErrStale},
		{"forged", forged, now, ErrWrongSigner},
		{"garbage", []byte{0xff, 0xff}, now, ErrDecode},
		{"too big", make([]byte, MaxCapacityAdSize+1), now, ErrFrameTooLarge},
	} {
		for _, cache := range []*identity.Cache{nil, identity.NewCache(16)} {
			t.Run(tc.name, func(t *testing.T) {
				ad, err := DecodeSyncedCapacityAd(cache, tc.data, tc.now, 6*time.Minute)
				if !errors.Is(err, tc.want) {
					t.Fatalf("err = %v, want %v", err, tc.want)
				}
				if err == nil && ad.PeerID() != k.PeerID() {
					t.Fatalf("author %s, want %s", ad.PeerID(), k.PeerID())
				}
			})
		}
	}
}

func FuzzCapacitySync(f *testing.F) {
	k := testKey(f, 1)
	resp := &CapacitySyncResponse{Version: CapacitySyncVersion, Ads: [][]byte{signed(f, k, nil), {0x08}}}
	f.Add(enc(f, resp))
	f.Add(enc(f, &CapacitySyncRequest{Version: CapacitySyncVersion, KnownKeys: []uint64{SyncKey(k.PeerID())}, KnownSeqs: []uint64{7}}))
	f.Add([]byte{})
	cache := identity.NewCache(64)
	f.Fuzz(func(t *testing.T, data []byte) {
		if r, err := DecodeCapacitySyncRequest(data); err == nil && len(r.KnownKeys) != len(r.KnownSeqs) {
			t.Fatal("accepted a request with unequal known lists")
		}
		if len(data) > MaxCapacitySyncSize {
			return
		}
		r := new(CapacitySyncResponse)
		if proto.Unmarshal(data, r) != nil || r.Validate() != nil {
			return
		}
		for _, a := range r.Ads {
			ad, err := DecodeSyncedCapacityAd(cache, a, now, 6*time.Minute)
			if err != nil {
				continue
			}
			if err := VerifyCapacityAd(ad, ""); err != nil {
				t.Fatalf("accepted synced ad fails re-verification: %v", err)
			}
		}
	})
}
