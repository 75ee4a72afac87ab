package wire

import (
	"fmt"
	"math"
	"time"

	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p/identity"
)

// CapacityAdVersion is the only CapacityAd version this release speaks.
const CapacityAdVersion = 1

// Limits on a CapacityAd. An encoded ad is at most MaxCapacityAdSize bytes;
// the capacity topic rejects bigger messages before decoding.
const (
	MaxCapacityAdSize = 16 << 10
	MaxGPUs           = 64
	MaxPrices         = 64
	MaxRoles          = 8
	MaxNameLen        = 128 // GPU name
	MaxUUIDLen        = 96  // GPU UUID
	MaxWorkloadLen    = 64  // workload name
	MaxRoleLen        = 32
	MaxWeiDigits      = 78 // a uint256 has at most 78 decimal digits
	MaxTemperatureC   = 200
	MaxPowerMW        = 10_000_000 // 10 kW per device
	MaxCPUCores       = 1 << 16
)

// Freshness window of signed gossip: a message is accepted when its
// timestamp lies in [now-FreshPast, now+FreshFuture]. The past side covers
// gossip propagation and the re-publish period; the future side tolerates
// modest clock skew. Outside the window, see ErrStale.
const (
	FreshPast   = 2 * time.Minute
	FreshFuture = 30 * time.Second
)

// Validate checks every field of the ad without I/O and without the
// signature or the clock: version, sizes, counts, ranges and the binding of
// address to peer ID. It does not check freshness or the signature; see
// VerifyCapacityAd and DecodeCapacityAd.
func (ad *CapacityAd) Validate() error { return ad.validate(nil) }

func (ad *CapacityAd) validate(c *identity.Cache) error {
	if ad == nil {
		return fmt.Errorf("%w: nil capacity ad", ErrInvalid)
	}
	if ad.Version != CapacityAdVersion {
		return fmt.Errorf("%w: capacity ad version %d, this node speaks %d", ErrUnknownVersion, ad.Version, CapacityAdVersion)
	}
	id, err := peer.IDFromBytes(ad.PeerId)
	if err != nil {
		return fmt.Errorf("%w: capacity ad peer id: %w", ErrInvalid, err)
	}
	if len(ad.Address) != 20 {
		return fmt.Errorf("%w: capacity ad address is %d bytes, want 20", ErrInvalid, len(ad.Address))
	}
	if err := checkAddressOfCached(c, id, ad.Address); err != nil {
		return err
	}
	if len(ad.Gpus) > MaxGPUs {
		return fmt.Errorf("%w: %d GPUs, limit %d", ErrInvalid, len(ad.Gpus), MaxGPUs)
	}
	for i, g := range ad.Gpus {
		if err := g.Validate(); err != nil {
			return fmt.Errorf("gpu %d: %w", i, err)
		}
	}
	if ad.CpuCores > MaxCPUCores {
		return fmt.Errorf("%w: cpu_cores %d, limit %d", ErrInvalid, ad.CpuCores, MaxCPUCores)
	}
	if len(ad.Prices) > MaxPrices {
		return fmt.Errorf("%w: %d prices, limit %d", ErrInvalid, len(ad.Prices), MaxPrices)
	}
	seen := make(map[string]bool, len(ad.Prices))
	for i, p := range ad.Prices {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("price %d: %w", i, err)
		}
		if seen[p.Workload] {
			return fmt.Errorf("%w: two prices for workload %q", ErrInvalid, p.Workload)
		}
		seen[p.Workload] = true
	}
	if len(ad.Roles) > MaxRoles {
		return fmt.Errorf("%w: %d roles, limit %d", ErrInvalid, len(ad.Roles), MaxRoles)
	}
	for _, r := range ad.Roles {
		if !isName(r, MaxRoleLen) {
			return fmt.Errorf("%w: role %.40q is not a short lower-case name", ErrInvalid, r)
		}
	}
	if math.IsNaN(ad.Load) || ad.Load < 0 || ad.Load > 1 {
		return fmt.Errorf("%w: load %v not in [0,1]", ErrInvalid, ad.Load)
	}
	if ad.TimestampMs <= 0 {
		return fmt.Errorf("%w: missing timestamp", ErrInvalid)
	}
	if len(ad.Signature) != 65 {
		return fmt.Errorf("%w: signature is %d bytes, want 65", ErrInvalid, len(ad.Signature))
	}
	return nil
}

// Validate checks a GPU entry's strings and ranges.
func (g *GPU) Validate() error {
	if g == nil {
		return fmt.Errorf("%w: nil gpu", ErrInvalid)
	}
	if g.Name == "" || len(g.Name) > MaxNameLen || !printable(g.Name) {
		return fmt.Errorf("%w: gpu name must be 1..%d printable bytes", ErrInvalid, MaxNameLen)
	}
	if len(g.Uuid) > MaxUUIDLen || !printable(g.Uuid) {
		return fmt.Errorf("%w: gpu uuid must be at most %d printable bytes", ErrInvalid, MaxUUIDLen)
	}
	if g.MemoryFree > g.MemoryTotal {
		return fmt.Errorf("%w: gpu memory_free %d > memory_total %d", ErrInvalid, g.MemoryFree, g.MemoryTotal)
	}
	if g.CcMajor > 99 || g.CcMinor > 99 {
		return fmt.Errorf("%w: compute capability %d.%d", ErrInvalid, g.CcMajor, g.CcMinor)
	}
	if g.UtilizationPct > 100 {
		return fmt.Errorf("%w: utilization %d%% > 100%%", ErrInvalid, g.UtilizationPct)
	}
	if g.TemperatureC > MaxTemperatureC {
		return fmt.Errorf("%w: temperature %d C > %d", ErrInvalid, g.TemperatureC, MaxTemperatureC)
	}
	if g.PowerMw > MaxPowerMW {
		return fmt.Errorf("%w: power %d mW > %d", ErrInvalid, g.PowerMw, MaxPowerMW)
	}
	return nil
}

// Validate checks a price entry: a workload name and a decimal wei amount
// without sign, leading zeros or more than 78 digits.
func (p *Price) Validate() error {
	if p == nil {
		return fmt.Errorf("%w: nil price", ErrInvalid)
	}
	if !isName(p.Workload, MaxWorkloadLen) {
		return fmt.Errorf("%w: workload %.70q is not a short lower-case name", ErrInvalid, p.Workload)
	}
	w := p.Wei
	if w == "" || len(w) > MaxWeiDigits || (len(w) > 1 && w[0] == '0') {
		return fmt.Errorf("%w: price %.80q is not a decimal wei amount", ErrInvalid, w)
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return fmt.Errorf("%w: price %.80q is not a decimal wei amount", ErrInvalid, w)
		}
	}
	return nil
}

// CheckFresh checks the ad's timestamp against the freshness window.
func (ad *CapacityAd) CheckFresh(now time.Time) error {
	return checkFresh(ad.TimestampMs, now)
}

// PeerID returns the author's peer ID (empty if the field is malformed).
func (ad *CapacityAd) PeerID() peer.ID {
	id, err := peer.IDFromBytes(ad.PeerId)
	if err != nil {
		return ""
	}
	return id
}

// DecodeCapacityAd is the full check a receiver runs on gossip: size,
// decode, Validate, freshness at now, and the signature, which must recover
// to the Ethereum address of from (the pubsub author of the message).
func DecodeCapacityAd(data []byte, from peer.ID, now time.Time) (*CapacityAd, error) {
	return DecodeCapacityAdCached(nil, data, from, now)
}

// DecodeCapacityAdCached is DecodeCapacityAd with the decode and the
// signature check memoized in c by the bytes (nil: no memo): receivers of
// the same ad share one decoded *CapacityAd, which they must not modify.
// Freshness and from are checked on every call.
func DecodeCapacityAdCached(c *identity.Cache, data []byte, from peer.ID, now time.Time) (*CapacityAd, error) {
	if len(data) > MaxCapacityAdSize {
		return nil, fmt.Errorf("%w: capacity ad is %d bytes, limit %d", ErrFrameTooLarge, len(data), MaxCapacityAdSize)
	}
	if c == nil {
		return decodeCapacityAd(nil, data, from, now)
	}
	ad, err := decodeCapacityAdMemo(c, data)
	if err != nil {
		return nil, err
	}
	if id := ad.PeerID(); from != "" && id != from {
		return nil, fmt.Errorf("%w: ad names peer %s, sent by %s", ErrWrongSigner, id, from)
	}
	if err := ad.CheckFresh(now); err != nil {
		return nil, err
	}
	return ad, nil
}

// decodeCapacityAdMemo decodes and verifies data (signature by the
// author the ad names) once per distinct bytes in c; freshness and sender
// are the caller's. c must not be nil.
func decodeCapacityAdMemo(c *identity.Cache, data []byte) (*CapacityAd, error) {
	v, err := c.Memo(ethcrypto.Keccak256Hash(capacityMemoTag, data), func() (any, error) {
		ad := new(CapacityAd)
		if err := proto.Unmarshal(data, ad); err != nil {
			return nil, fmt.Errorf("%w capacity ad: %w", ErrDecode, err)
		}
		if err := VerifyCapacityAdCached(c, ad, ""); err != nil {
			return nil, err
		}
		return ad, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*CapacityAd), nil
}

// capacityMemoTag keeps memo keys of capacity ads apart from other memoized
// messages.
var capacityMemoTag = []byte("ogpu/capacity-ad/memo")

func decodeCapacityAd(c *identity.Cache, data []byte, from peer.ID, now time.Time) (*CapacityAd, error) {
	ad := new(CapacityAd)
	if err := proto.Unmarshal(data, ad); err != nil {
		return nil, fmt.Errorf("%w capacity ad: %w", ErrDecode, err)
	}
	if err := ad.CheckFresh(now); err != nil {
		if verr := ad.validate(c); verr != nil {
			return nil, verr // report the structural problem first
		}
		return nil, err
	}
	if err := VerifyCapacityAdCached(c, ad, from); err != nil {
		return nil, err
	}
	return ad, nil
}

func checkFresh(tsMs int64, now time.Time) error {
	ts := time.UnixMilli(tsMs)
	switch {
	case ts.Before(now.Add(-FreshPast)):
		return fmt.Errorf("%w: timestamp %s is %s old (limit %s)", ErrStale, ts.UTC().Format(time.RFC3339), now.Sub(ts).Round(time.Millisecond), FreshPast)
	case ts.After(now.Add(FreshFuture)):
		return fmt.Errorf("%w: timestamp %s is %s in the future (limit %s; check the clock)", ErrStale, ts.UTC().Format(time.RFC3339), ts.Sub(now).Round(time.Millisecond), FreshFuture)
	}
	return nil
}

// isName reports whether s is 1..max bytes of [a-z0-9._-].
func isName(s string, max int) bool {
	if s == "" || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// printable reports whether s is printable ASCII.
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
