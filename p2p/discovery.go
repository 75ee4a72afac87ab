package p2p

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/peerstore"
	"github.com/libp2p/go-libp2p/p2p/discovery/mdns"
	drouting "github.com/libp2p/go-libp2p/p2p/discovery/routing"
)

const (
	peerstoreBootstrapTTL = peerstore.PermanentAddrTTL
	scoreInspectPeriod    = time.Second
	// MDNSService is the mDNS service name ogpu nodes announce.
	MDNSService = "ogpu"

	bootstrapMinBackoff = 500 * time.Millisecond
	bootstrapMaxBackoff = 30 * time.Second
	bootstrapCheck      = 15 * time.Second // recheck period once all are connected
	dialTimeout         = 10 * time.Second
	discoveryFastPhase  = 30 * time.Second // look up every second this long after Start
	maxDiscoveredDials  = 32               // connection attempts per lookup
)

// bootstrapLoop connects to every bootstrap peer, retrying failed ones with
// exponential backoff (with jitter), and reconnects when a connection drops.
func (n *Network) bootstrapLoop(ctx context.Context) {
	if len(n.boot) == 0 {
		return
	}
	backoff := bootstrapMinBackoff
	for {
		missing := 0
		for _, b := range n.boot {
			if n.host.Network().Connectedness(b.ID) == network.Connected {
				continue
			}
			dctx, cancel := context.WithTimeout(ctx, dialTimeout)
			err := n.host.Connect(dctx, b)
			cancel()
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				missing++
				n.log.Warn("bootstrap peer unreachable, will retry", "bootstrap", b.ID, "retry_in", backoff, "err", err)
				continue
			}
			n.log.Info("connected to bootstrap peer", "bootstrap", b.ID)
			if n.kad != nil {
				// Seed the routing table now rather than at the next refresh.
				select {
				case <-n.kad.ForceRefresh():
				default:
				}
			}
		}
		wait := bootstrapCheck
		if missing > 0 {
			wait = backoff + time.Duration(rand.Int64N(int64(backoff)/4+1))
			backoff = min(2*backoff, bootstrapMaxBackoff)
		} else {
			backoff = bootstrapMinBackoff
		}
		if !sleepCtx(ctx, wait) {
			return
		}
	}
}

// discoveryLoop advertises this node under the rendezvous string in the DHT
// and connects to the other nodes found there. Right after Start it runs
// every second (so two nodes that know only a bootstrap node meet within a
// few seconds), then backs off to Config.DiscoveryInterval.
func (n *Network) discoveryLoop(ctx context.Context) {
	rd := drouting.NewRoutingDiscovery(n.kad)
	start := time.Now()
	var nextAdvertise time.Time
	interval := time.Second
	for {
		if n.kad.RoutingTable().Size() > 0 {
			if time.Now().After(nextAdvertise) {
				ttl, err := rd.Advertise(ctx, n.cfg.Rendezvous)
				if err != nil {
					n.log.Debug("rendezvous advertise failed", "err", err)
				} else {
					// Re-advertise well before the record expires, and often
					// during the fast phase in case the first provide
					// reached too few peers.
					next := min(ttl/2, 10*time.Minute)
					if time.Since(start) < discoveryFastPhase {
						next = 5 * time.Second
					}
					nextAdvertise = time.Now().Add(next)
				}
			}
			n.findPeers(ctx, rd)
		}
		if ctx.Err() != nil {
			return
		}
		if time.Since(start) >= discoveryFastPhase {
			interval = n.cfg.DiscoveryInterval
		}
		if !sleepCtx(ctx, interval) {
			return
		}
	}
}

func (n *Network) findPeers(ctx context.Context, rd *drouting.RoutingDiscovery) {
	fctx, cancel := context.WithTimeout(ctx, dialTimeout)
	defer cancel()
	ch, err := rd.FindPeers(fctx, n.cfg.Rendezvous)
	if err != nil {
		n.log.Debug("rendezvous lookup failed", "err", err)
		return
	}
	dials := 0
	for ai := range ch {
		if ai.ID == n.host.ID() || len(ai.Addrs) == 0 ||
			n.host.Network().Connectedness(ai.ID) == network.Connected || dials >= maxDiscoveredDials {
			continue
		}
		dials++
		if err := n.host.Connect(fctx, ai); err != nil {
			n.log.Debug("discovered peer unreachable", "found", ai.ID, "err", err)
			continue
		}
		n.log.Info("connected to discovered peer", "found", ai.ID)
	}
}

func (n *Network) startMDNS() error {
	svc := mdns.NewMdnsService(n.host, MDNSService, mdnsNotifee{n})
	if err := svc.Start(); err != nil {
		return wrapErr("start mdns", err)
	}
	n.closers = append(n.closers, func() error { return wrapErr("close mdns", svc.Close()) })
	return nil
}

// mdnsNotifee connects to peers found on the local network. HandlePeerFound
// is called from mDNS's own goroutine; the dial runs in a goroutine owned by
// the network.
type mdnsNotifee struct{ n *Network }

func (m mdnsNotifee) HandlePeerFound(ai peer.AddrInfo) {
	n := m.n
	if ai.ID == n.host.ID() {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed || n.ctx.Err() != nil {
		return
	}
	n.goLoop(func(ctx context.Context) {
		dctx, cancel := context.WithTimeout(ctx, dialTimeout)
		defer cancel()
		if err := n.host.Connect(dctx, ai); err != nil {
			n.log.Debug("mdns peer unreachable", "found", ai.ID, "err", err)
			return
		}
		n.log.Info("connected to mdns peer", "found", ai.ID)
	})
}

// sleepCtx waits d or until ctx ends; it reports whether ctx is still live.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
