package market_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	mocknet "github.com/libp2p/go-libp2p/p2p/net/mock"
	ma "github.com/multiformats/go-multiaddr"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/wire"
)

// capNode is a capacity component on its own mocknet host and network.
type capNode struct {
	key *identity.Key
	net *p2p.Network
	cap *market.Capacity
}

// newCapNodes builds n started networks on mn (not linked) with capacity
// components that re-publish only every hour, so that every ad a test sees
// after start comes from the first-peers publish or from a sync.
func newCapNodes(t *testing.T, mn mocknet.Mocknet, n int, sync time.Duration) []*capNode {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out := make([]*capNode, n)
	for i := range out {
		k, err := identity.Generate()
		if err != nil {
			t.Fatal(err)
		}
		h, err := mn.AddPeer(k.LibP2P(), ma.StringCast(fmt.Sprintf("/ip4/10.1.0.%d/tcp/4001", i+1)))
		if err != nil {
			t.Fatal(err)
		}
		nw, err := p2p.New(p2p.Config{Key: k, Host: h, DHTMode: p2p.DHTOff, Logger: quiet(),
			AppScore: func(p peer.ID) float64 { return 0 }})
		if err != nil {
			t.Fatal(err)
		}
		if err := nw.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { nw.Close() })
		c, err := market.NewCapacity(market.CapacityConfig{
			Net: nw, Key: k, Interval: time.Hour, SyncInterval: sync, Logger: quiet(),
			Resources: func() market.Resources {
				return market.Resources{CPUCores: 4, MemoryBytes: 1 << 30, Roles: []string{"provider"}}
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		out[i] = &capNode{key: k, net: nw, cap: c}
	}
	return out
}

func link(t *testing.T, mn mocknet.Mocknet, a, b *capNode) {
	t.Helper()
	if _, err := mn.LinkPeers(a.key.PeerID(), b.key.PeerID()); err != nil {
		t.Fatal(err)
	}
	if _, err := mn.ConnectPeers(a.key.PeerID(), b.key.PeerID()); err != nil {
		t.Fatal(err)
	}
}

func waitLen(t *testing.T, c *market.Capacity, want int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for c.Len() < want {
		if time.Now().After(deadline) {
			t.Fatalf("table holds %d ads after %v, want %d", c.Len(), within, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestCapacityNewcomerSync: a node joining an established network by one
// link learns every ad in one sync (the others do not re-publish for it),
// and they learn its ad from its first-peers publish.
func TestCapacityNewcomerSync(t *testing.T) {
	mn := mocknet.New()
	t.Cleanup(func() { mn.Close() })
	nodes := newCapNodes(t, mn, 5, time.Hour)
	old, newcomer := nodes[:4], nodes[4]
	for i := range old {
		for j := i + 1; j < len(old); j++ {
			link(t, mn, old[i], old[j])
		}
	}
	for _, n := range old {
		waitLen(t, n.cap, len(old), 10*time.Second)
	}
	start := time.Now()
	link(t, mn, newcomer, old[0])
	waitLen(t, newcomer.cap, len(nodes), 5*time.Second)
	for _, n := range old {
		waitLen(t, n.cap, len(nodes), 5*time.Second)
	}
	t.Logf("newcomer's table full and its ad everywhere %v after its first link", time.Since(start).Round(time.Millisecond))
	for _, e := range newcomer.cap.Table() {
		if e.CPUCores != 4 || len(e.Roles) != 1 {
			t.Fatalf("synced entry %+v", e)
		}
	}
}

// TestCapacitySyncRepairs: an ad that never reached a node by gossip (the
// node was cut off when it was published) arrives with the periodic sync.
func TestCapacitySyncRepairs(t *testing.T) {
	mn := mocknet.New()
	t.Cleanup(func() { mn.Close() })
	nodes := newCapNodes(t, mn, 3, 300*time.Millisecond)
	a, b, c := nodes[0], nodes[1], nodes[2]
	link(t, mn, a, b)
	waitLen(t, a.cap, 2, 10*time.Second)
	waitLen(t, b.cap, 2, 10*time.Second)
	// c meets b only: c's first-peers sync and the periodic ones bring
	// a's ad, which a will not re-publish within the test.
	link(t, mn, c, b)
	waitLen(t, c.cap, 3, 5*time.Second)
	if _, ok := c.cap.Lookup(a.key.PeerID()); !ok {
		t.Fatal("a's ad missing")
	}
}

// TestCapacitySyncGarbage: a peer answering a sync with a forged ad is not
// believed and loses application score.
func TestCapacitySyncGarbage(t *testing.T) {
	mn := mocknet.New()
	t.Cleanup(func() { mn.Close() })
	nodes := newCapNodes(t, mn, 1, 200*time.Millisecond)
	honest := nodes[0]
	liar, err := identity.Generate()
	if err != nil {
		t.Fatal(err)
	}
	h, err := mn.AddPeer(liar.LibP2P(), ma.StringCast("/ip4/10.1.1.1/tcp/4001"))
	if err != nil {
		t.Fatal(err)
	}
	lnet, err := p2p.New(p2p.Config{Key: liar, Host: h, DHTMode: p2p.DHTOff, Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := lnet.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lnet.Close() })
	// A victim's signed ad, altered after signing.
	victim, _ := identity.Generate()
	ad := &wire.CapacityAd{Version: wire.CapacityAdVersion, CpuCores: 1, Roles: []string{"provider"}, Seq: 1, TimestampMs: time.Now().UnixMilli()}
	if err := wire.SignCapacityAd(victim, ad); err != nil {
		t.Fatal(err)
	}
	ad.CpuCores = 4096
	forged, _ := proto.Marshal(ad)
	served := make(chan struct{}, 16)
	if err := lnet.Handle(p2p.ProtoCapacity, wire.MaxCapacitySyncRequestSize, func(ctx context.Context, from peer.ID, s *p2p.Stream) {
		var req wire.CapacitySyncRequest
		if s.ReadMsg(&req) != nil {
			return
		}
		s.WriteMsg(&wire.CapacitySyncResponse{Version: wire.CapacitySyncVersion, Ads: [][]byte{forged}})
		select {
		case served <- struct{}{}:
		default:
		}
	}); err != nil {
		t.Fatal(err)
	}
	// The liar joins the capacity topic so that it is a topic peer.
	lt, err := lnet.JoinTopic(p2p.CapacityTopic(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lt.Close() })
	lsub, err := lt.Subscribe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(lsub.Cancel)
	if _, err := mn.LinkPeers(honest.key.PeerID(), liar.PeerID()); err != nil {
		t.Fatal(err)
	}
	if _, err := mn.ConnectPeers(honest.key.PeerID(), liar.PeerID()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-served:
	case <-ctx.Done():
		t.Fatal("no sync asked of the liar")
	}
	deadline := time.Now().Add(5 * time.Second)
	for honest.cap.AppScore(liar.PeerID()) >= 0 {
		if time.Now().After(deadline) {
			t.Fatal("the liar's score never dropped")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, ok := honest.cap.Lookup(victim.PeerID()); ok {
		t.Fatal("forged ad recorded")
	}
}
