package p2p

import (
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/wire"
)

// CapacityRate is the per-author rate on TopicCapacity: one ad a second on
// average, bursts of five (start-up, several quick changes). Providers
// re-publish every few seconds at most, so honest peers never hit it.
var CapacityRate = Rate{PerSecond: 1, Burst: 5}

// CapacityTopic is the TopicSpec of TopicCapacity. Its validator runs
// wire.DecodeCapacityAd (size, decode, field checks, freshness, signature
// by the author) and hands subscribers a *wire.CapacityAd. now is the
// clock (time.Now if nil); cache memoizes signature checks (nil: none).
func CapacityTopic(now func() time.Time, cache *identity.Cache) TopicSpec {
	if now == nil {
		now = time.Now
	}
	return TopicSpec{
		Name:        TopicCapacity,
		MaxSize:     wire.MaxCapacityAdSize,
		RatePerPeer: CapacityRate,
		Validate: func(from peer.ID, data []byte) (any, error) {
			return wire.DecodeCapacityAdCached(cache, data, from, now())
		},
		Author: func(v any) peer.ID { return v.(*wire.CapacityAd).PeerID() },
	}
}
