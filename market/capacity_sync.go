package market

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/wire"
)

// maxSyncServing bounds the sync responses built at once; a request
// beyond it is refused (the asker tries another peer next period).
const maxSyncServing = 4

// syncTimeout bounds one sync exchange.
const syncTimeout = 10 * time.Second

// requestSync asks syncLoop for a prompt sync from a random topic peer.
// It never blocks.
func (c *Capacity) requestSync() {
	select {
	case c.syncNow <- struct{}{}:
	default:
	}
}

// syncBack asks syncLoop for a prompt sync from p, which showed (in its
// own sync request) that it holds ads we lack. It never blocks.
func (c *Capacity) syncBack(p peer.ID) {
	select {
	case c.syncPeer <- p:
	default:
	}
}

// catchUpDelay is the pause before another sync after one that brought
// new entries: the table is behind, and a second peer likely has more.
const catchUpDelay = time.Second

// syncLoop pulls ads from one random topic peer on requestSync (first
// peers, mesh settled), again catchUpDelay after a sync that brought new
// entries, and every SyncInterval ±20%; and from a given peer on syncBack.
// Together with syncBack this is push-pull anti-entropy: an ad that only
// some nodes hold spreads both ways along every sync.
func (c *Capacity) syncLoop(ctx context.Context) {
	defer c.wg.Done()
	t := time.NewTimer(c.syncJitter())
	defer t.Stop()
	for {
		var p peer.ID
		select {
		case <-ctx.Done():
			return
		case p = <-c.syncPeer:
		case <-c.syncNow:
		case <-t.C:
			t.Reset(c.syncJitter())
		}
		if p == "" {
			peers := c.topic.Peers()
			if len(peers) == 0 {
				peers = c.cfg.Net.Peers() // see lonelySync
			}
			if len(peers) == 0 {
				continue
			}
			p = peers[rand.IntN(len(peers))]
		}
		n, err := c.syncFrom(ctx, p)
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return
			}
			c.log.Debug("capacity sync", "peer", p, "err", err)
		case n > 0:
			c.log.Debug("capacity sync", "peer", p, "new", n)
			t.Reset(catchUpDelay + randDuration(catchUpDelay/2))
		}
	}
}

func (c *Capacity) syncJitter() time.Duration {
	i := c.cfg.SyncInterval
	return i*8/10 + randDuration(i*4/10)
}

// syncFrom asks p for the ads we lack or hold older versions of, checks
// each as gossip would (wire.DecodeSyncedCapacityAd: signature by its
// author, age within TTL) and records the new ones. It returns how many
// entries were new. A response with a forged or malformed ad costs p
// PenaltyPerOffence; stale ones (clock skew) are skipped.
func (c *Capacity) syncFrom(ctx context.Context, p peer.ID) (int, error) {
	req := &wire.CapacitySyncRequest{Version: wire.CapacitySyncVersion}
	c.mu.RLock()
	for id, e := range c.table {
		if len(req.KnownKeys) == wire.MaxCapacitySyncAds {
			break
		}
		req.KnownKeys = append(req.KnownKeys, wire.SyncKey(id))
		req.KnownSeqs = append(req.KnownSeqs, e.ad.Seq)
	}
	c.mu.RUnlock()
	rctx, cancel := context.WithTimeout(ctx, syncTimeout)
	defer cancel()
	resp := new(wire.CapacitySyncResponse)
	if err := c.cfg.Net.Request(rctx, p, p2p.ProtoCapacity, req, resp); err != nil {
		return 0, err
	}
	if err := resp.Validate(); err != nil {
		c.misbehaved(p, err)
		return 0, err
	}
	self := c.cfg.Key.PeerID()
	now := c.cfg.Now()
	added := 0
	var bad error
	for _, data := range resp.Ads {
		ad, err := wire.DecodeSyncedCapacityAd(c.cfg.SigCache, data, now, c.cfg.TTL)
		if err != nil {
			if !errors.Is(err, wire.ErrStale) && bad == nil {
				bad = err
			}
			continue
		}
		if ad.PeerID() == self {
			continue
		}
		// The ad proves its author live since it signed it, no later.
		at := time.UnixMilli(ad.TimestampMs)
		if at.After(now) {
			at = now
		}
		if c.record(ad, at) {
			added++
		}
	}
	if bad != nil {
		c.misbehaved(p, bad)
		return added, fmt.Errorf("market: capacity sync from %s: %w", p, bad)
	}
	return added, nil
}

// serveSync answers a capacity sync: the live ads the asker does not hold
// in that version, freshest first, within wire.MaxCapacitySyncAds and
// wire.MaxCapacitySyncSize.
func (c *Capacity) serveSync(ctx context.Context, from peer.ID, s *p2p.Stream) {
	select {
	case c.serving <- struct{}{}:
		defer func() { <-c.serving }()
	default:
		s.Reset() // busy: the asker tries another peer
		return
	}
	req := new(wire.CapacitySyncRequest)
	if err := s.ReadMsg(req); err != nil {
		s.Reset()
		return
	}
	if err := req.Validate(); err != nil {
		c.misbehaved(from, err)
		s.Reset()
		return
	}
	known := make(map[uint64]uint64, len(req.KnownKeys))
	for i, k := range req.KnownKeys {
		known[k] = req.KnownSeqs[i]
	}
	now := c.cfg.Now()
	c.mu.RLock()
	ads := make([]*wire.CapacityAd, 0, len(c.table))
	matched := 0 // known entries we hold in the same or a newer version
	for id, e := range c.table {
		seq, ok := known[wire.SyncKey(id)]
		if ok && seq <= e.ad.Seq {
			matched++
		}
		if now.Sub(e.updated) > c.cfg.TTL || now.Sub(time.UnixMilli(e.ad.TimestampMs)) > c.cfg.TTL {
			continue
		}
		if ok && seq >= e.ad.Seq {
			continue
		}
		ads = append(ads, e.ad)
	}
	c.mu.RUnlock()
	if matched < len(known) {
		c.syncBack(from) // the asker holds ads we lack: pull them too
	}
	sort.Slice(ads, func(i, j int) bool { return ads[i].TimestampMs > ads[j].TimestampMs })
	resp := &wire.CapacitySyncResponse{Version: wire.CapacitySyncVersion}
	size := 0
	for _, ad := range ads {
		if len(resp.Ads) == wire.MaxCapacitySyncAds || ctx.Err() != nil {
			break
		}
		// The ads were decoded from their authors' bytes; re-encoding
		// gives the same bytes (no maps), so receivers hit the memo.
		b, err := proto.Marshal(ad)
		if err != nil || size+len(b) > wire.MaxCapacitySyncSize {
			break
		}
		resp.Ads = append(resp.Ads, b)
		size += len(b)
	}
	if err := s.WriteMsg(resp); err != nil {
		s.Reset()
	}
}

// misbehaved records that p sent a malformed or forged sync message.
func (c *Capacity) misbehaved(p peer.ID, err error) {
	c.log.Debug("peer misbehaved", "peer", p, "err", err)
	c.pmu.Lock()
	defer c.pmu.Unlock()
	if c.penalty == nil {
		c.penalty = map[peer.ID]int{}
	}
	if _, ok := c.penalty[p]; !ok && len(c.penalty) >= maxPenalized {
		return
	}
	c.penalty[p]++
}

// AppScore is the capacity table's contribution to a peer's gossipsub
// application score: minus PenaltyPerOffence per garbage sync message. It
// is fast and never blocks, as p2p.Config.AppScore requires.
func (c *Capacity) AppScore(p peer.ID) float64 {
	c.pmu.Lock()
	defer c.pmu.Unlock()
	return -PenaltyPerOffence * float64(c.penalty[p])
}
