package wire

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p/identity"
)

// CapacitySyncVersion is the only capacity sync version this release speaks.
const CapacitySyncVersion = 1

// Limits of the capacity sync exchange (/ogpu/capacity/1). A request
// lists at most MaxCapacitySyncAds known ads (≈ 17 bytes each); a
// response carries at most MaxCapacitySyncAds ads and MaxCapacitySyncSize
// bytes, the freshest first: a bigger network's table arrives partly and
// gossip fills in the rest.
const (
	MaxCapacitySyncAds         = 4096
	MaxCapacitySyncRequestSize = 96 << 10
	MaxCapacitySyncSize        = 4 << 20
)

// SyncKey is the key of an author in CapacitySyncRequest.known_keys: the
// last 8 bytes of its peer ID (for secp256k1 keys, of the public key). A
// collision only makes a responder leave out an ad the asker lacks.
func SyncKey(id peer.ID) uint64 {
	if len(id) < 8 {
		var b [8]byte
		copy(b[8-len(id):], id)
		return binary.BigEndian.Uint64(b[:])
	}
	return binary.BigEndian.Uint64([]byte(id[len(id)-8:]))
}

// Validate checks the version and the known lists.
func (r *CapacitySyncRequest) Validate() error {
	if r == nil {
		return fmt.Errorf("%w: nil capacity sync request", ErrInvalid)
	}
	if r.Version != CapacitySyncVersion {
		return fmt.Errorf("%w: capacity sync version %d, this node speaks %d", ErrUnknownVersion, r.Version, CapacitySyncVersion)
	}
	if len(r.KnownKeys) != len(r.KnownSeqs) {
		return fmt.Errorf("%w: %d known keys but %d seqs", ErrInvalid, len(r.KnownKeys), len(r.KnownSeqs))
	}
	if len(r.KnownKeys) > MaxCapacitySyncAds {
		return fmt.Errorf("%w: %d known ads, limit %d", ErrInvalid, len(r.KnownKeys), MaxCapacitySyncAds)
	}
	return nil
}

// DecodeCapacitySyncRequest decodes and validates a request frame.
func DecodeCapacitySyncRequest(data []byte) (*CapacitySyncRequest, error) {
	if len(data) > MaxCapacitySyncRequestSize {
		return nil, fmt.Errorf("%w: capacity sync request is %d bytes, limit %d", ErrFrameTooLarge, len(data), MaxCapacitySyncRequestSize)
	}
	r := new(CapacitySyncRequest)
	if err := proto.Unmarshal(data, r); err != nil {
		return nil, fmt.Errorf("%w capacity sync request: %w", ErrDecode, err)
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return r, nil
}

// Validate checks the version and the counts and sizes; each ad is
// checked by DecodeSyncedCapacityAd.
func (r *CapacitySyncResponse) Validate() error {
	if r == nil {
		return fmt.Errorf("%w: nil capacity sync response", ErrInvalid)
	}
	if r.Version != CapacitySyncVersion {
		return fmt.Errorf("%w: capacity sync version %d, this node speaks %d", ErrUnknownVersion, r.Version, CapacitySyncVersion)
	}
	if len(r.Ads) > MaxCapacitySyncAds {
		return fmt.Errorf("%w: %d ads, limit %d", ErrInvalid, len(r.Ads), MaxCapacitySyncAds)
	}
	total := 0
	for i, a := range r.Ads {
		if len(a) > MaxCapacityAdSize {
			return fmt.Errorf("%w: ad %d is %d bytes, limit %d", ErrFrameTooLarge, i, len(a), MaxCapacityAdSize)
		}
		total += len(a)
	}
	if total > MaxCapacitySyncSize {
		return fmt.Errorf("%w: %d bytes of ads, limit %d", ErrFrameTooLarge, total, MaxCapacitySyncSize)
	}
	return nil
}

// DecodeSyncedCapacityAd checks one ad of a CapacitySyncResponse the way
// the capacity topic checks gossip (size, decode, fields, signature by the
// author named in the ad; memoized in c like DecodeCapacityAdCached, so
// the asker shares the decoded ad with gossip receivers), except that the
// sender is not the author and the ad may be as old as maxAge: it was
// signed up to a re-publish period ago. Timestamps more than FreshFuture
// ahead of now are refused as for gossip.
func DecodeSyncedCapacityAd(c *identity.Cache, data []byte, now time.Time, maxAge time.Duration) (*CapacityAd, error) {
	if len(data) > MaxCapacityAdSize {
		return nil, fmt.Errorf("%w: capacity ad is %d bytes, limit %d", ErrFrameTooLarge, len(data), MaxCapacityAdSize)
	}
	var ad *CapacityAd
	if c != nil {
		var err error
		if ad, err = decodeCapacityAdMemo(c, data); err != nil {
			return nil, err
		}
	} else {
		ad = new(CapacityAd)
		if err := proto.Unmarshal(data, ad); err != nil {
			return nil, fmt.Errorf("%w capacity ad: %w", ErrDecode, err)
		}
		if err := VerifyCapacityAdCached(nil, ad, ""); err != nil {
			return nil, err
		}
	}
	ts := time.UnixMilli(ad.TimestampMs)
	switch {
	case ts.Before(now.Add(-maxAge)):
		return nil, fmt.Errorf("%w: synced ad signed %s ago (limit %s)", ErrStale, now.Sub(ts).Round(time.Millisecond), maxAge)
	case ts.After(now.Add(FreshFuture)):
		return nil, fmt.Errorf("%w: synced ad signed %s in the future (limit %s)", ErrStale, ts.Sub(now).Round(time.Millisecond), FreshFuture)
	}
	return ad, nil
}
