package p2p

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/p2p/wire"
)

func TestNewRejectsBadConfig(t *testing.T) {
	key := newKey(t)
	tests := []struct {
		name string
		cfg  Config
		want error
	}{
		{"no key", Config{}, ErrNoKey},
		{"bootstrap not a multiaddr", Config{Key: key, Bootstrap: []string{"localhost:4001"}}, ErrBadMultiaddr},
		{"bootstrap without /p2p", Config{Key: key, Bootstrap: []string{"/ip4/127.0.0.1/tcp/4001"}}, ErrBadMultiaddr},
		{"listen not a multiaddr", Config{Key: key, ListenAddrs: []string{"0.0.0.0:4001"}}, ErrBadMultiaddr},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := New(tc.cfg); !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestStartPortInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	cfg := loopback(t)
	cfg.ListenAddrs = []string{fmt.Sprintf("/ip4/127.0.0.1/tcp/%d", port)}
	n, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	err = n.Start(context.Background())
	if !errors.Is(err, ErrAddrInUse) {
		t.Fatalf("err = %v, want ErrAddrInUse", err)
	}
	if err := n.Close(); err != nil {
		t.Fatalf("close after failed start: %v", err)
	}
}

func TestLifecycle(t *testing.T) {
	n, err := New(loopback(t))
	if err != nil {
		t.Fatal(err)
	}
	if n.Host() != nil || n.Addrs() != nil {
		t.Fatal("New built a host")
	}
	if _, err := n.JoinTopic(CapacityTopic(nil, nil)); !errors.Is(err, ErrNotStarted) {
		t.Fatalf("JoinTopic before Start: %v", err)
	}
	if err := n.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := n.Start(context.Background()); !errors.Is(err, ErrAlreadyStarted) {
		t.Fatalf("second Start: %v", err)
	}
	for _, a := range n.Addrs() {
		if _, err := peer.AddrInfoFromP2pAddr(a); err != nil {
			t.Fatalf("Addrs() entry %s lacks /p2p: %v", a, err)
		}
	}
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	if err := n.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if err := n.Start(context.Background()); !errors.Is(err, ErrClosed) {
		t.Fatalf("Start after Close: %v", err)
	}
}

// TestBootstrapAndCapacityGossip: B knows only A's address; it connects,
// and a signed capacity ad from B reaches A decoded.
func TestBootstrapAndCapacityGossip(t *testing.T) {
	acfg := loopback(t)
	acfg.DHTMode = DHTServer
	acfg.RelayService = true
	a := start(t, acfg)
	bcfg := loopback(t)
	bcfg.Bootstrap = addrStrings(a)
	b := start(t, bcfg)

	waitFor(t, 5*time.Second, "B connected to A", func() bool { return slices.Contains(b.Peers(), a.ID()) })

	ta, err := a.JoinTopic(CapacityTopic(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	sub, err := ta.Subscribe()
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Cancel()
	tb, err := b.JoinTopic(CapacityTopic(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "B sees A on the topic", func() bool { return slices.Contains(tb.Peers(), a.ID()) })

	if err := tb.Publish(context.Background(), []byte("not an ad")); !errors.Is(err, wire.ErrDecode) {
		t.Fatalf("publishing garbage locally: %v, want wire.ErrDecode", err)
	}
	if err := tb.Publish(context.Background(), signedAd(t, bcfg.Key, 1)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	m, err := sub.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ad, ok := m.Value.(*wire.CapacityAd)
	if !ok || m.From != b.ID() || ad.PeerID() != b.ID() || ad.Seq != 1 || m.Local {
		t.Fatalf("got %+v (value %T), want B's ad", m, m.Value)
	}
}

// TestDHTDiscovery: B and C know only the bootstrap node; they find each
// other through the DHT rendezvous and form a gossipsub mesh.
func TestDHTDiscovery(t *testing.T) {
	bootCfg := loopback(t)
	bootCfg.DHTMode = DHTServer
	bootCfg.PeerExchange = true
	boot := start(t, bootCfg)
	var (
		nets   []*Network
		topics []*Topic
		subs   []*Subscription
	)
	for range 2 {
		cfg := loopback(t)
		cfg.Bootstrap = addrStrings(boot)
		n := start(t, cfg)
		tp, err := n.JoinTopic(CapacityTopic(nil, nil))
		if err != nil {
			t.Fatal(err)
		}
		sub, err := tp.Subscribe()
		if err != nil {
			t.Fatal(err)
		}
		defer sub.Cancel()
		nets, topics, subs = append(nets, n), append(topics, tp), append(subs, sub)
	}
	b, c := nets[0], nets[1]
	t0 := time.Now()
	waitFor(t, 15*time.Second, "B and C connected", func() bool { return slices.Contains(b.Peers(), c.ID()) })
	waitFor(t, 5*time.Second, "C in B's topic peers", func() bool { return slices.Contains(topics[0].Peers(), c.ID()) })
	t.Logf("B and C met on the topic after %s", time.Since(t0).Round(time.Millisecond))

	sub := subs[0]
	if err := topics[1].Publish(context.Background(), signedAd(t, c.cfg.Key, 1)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for {
		m, err := sub.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if m.From == c.ID() {
			break
		}
	}
}
