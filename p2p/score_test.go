package p2p

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/p2p/wire"
)

// TestGarbageGraylisted: an attacker runs a raw gossipsub (no validator) on
// its own host and publishes garbage on the capacity topic. The victim
// rejects every message, the attacker's score falls below the graylist
// threshold, and the victim keeps serving: it still receives valid ads from
// an honest peer and answers its requests.
func TestGarbageGraylisted(t *testing.T) {
	victim := start(t, loopback(t))
	honestCfg := loopback(t)
	honestCfg.Bootstrap = addrStrings(victim)
	honest := start(t, honestCfg)

	vt, err := victim.JoinTopic(CapacityTopic(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	vsub, err := vt.Subscribe()
	if err != nil {
		t.Fatal(err)
	}
	defer vsub.Cancel()
	ht, err := honest.JoinTopic(CapacityTopic(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := victim.Handle("/ogpu/test/echo/1", 0, func(ctx context.Context, from peer.ID, s *Stream) {
		var req wire.Price
		if err := s.ReadMsg(&req); err == nil {
			s.WriteMsg(&req)
		}
	}); err != nil {
		t.Fatal(err)
	}

	// The attacker: a plain libp2p host and gossipsub without validators.
	ah, err := libp2p.New(libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"), libp2p.DisableRelay(), libp2p.DisableMetrics())
	if err != nil {
		t.Fatal(err)
	}
	actx, acancel := context.WithCancel(context.Background())
	defer func() { acancel(); ah.Close() }()
	aps, err := pubsub.NewGossipSub(actx, ah)
	if err != nil {
		t.Fatal(err)
	}
	atopic, err := aps.Join(TopicCapacity)
	if err != nil {
		t.Fatal(err)
	}
	if err := ah.Connect(actx, peer.AddrInfo{ID: victim.ID(), Addrs: victim.Host().Addrs()}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "attacker sees the victim on the topic", func() bool { return slices.Contains(atopic.ListPeers(), victim.ID()) })
	waitFor(t, 5*time.Second, "honest sees the victim on the topic", func() bool { return slices.Contains(ht.Peers(), victim.ID()) })

	sent := 0
	waitFor(t, 10*time.Second, "attacker graylisted", func() bool {
		if s, ok := victim.PeerScore(ah.ID()); ok && s < GraylistThreshold {
			t.Logf("attacker score %.1f after %d garbage messages", s, sent)
			return true
		}
		sent++
		atopic.Publish(actx, []byte(fmt.Sprintf("garbage %d", sent)))
		return false
	})

	// The victim still works: a valid ad from the honest peer arrives ...
	if err := ht.Publish(context.Background(), signedAd(t, honestCfg.Key, 1)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	m, err := vsub.Next(ctx)
	if err != nil {
		t.Fatalf("victim stopped receiving: %v", err)
	}
	if m.From != honest.ID() {
		t.Fatalf("victim delivered a message from %s, want only the honest peer's", m.From)
	}
	// ... and it answers requests.
	var resp wire.Price
	if err := honest.Request(ctx, victim.ID(), "/ogpu/test/echo/1", &wire.Price{Workload: "ping", Wei: "1"}, &resp); err != nil || resp.Workload != "ping" {
		t.Fatalf("victim request: %v, %v", resp.Workload, err)
	}
	if s, _ := victim.PeerScore(honest.ID()); s < 0 {
		t.Fatalf("honest peer score %.1f < 0", s)
	}
}

func TestLimiter(t *testing.T) {
	l := newLimiter(Rate{PerSecond: 2, Burst: 3})
	t0 := time.Unix(0, 0)
	var got []bool
	for i := range 5 {
		got = append(got, l.allow("a", t0.Add(time.Duration(i)*time.Millisecond)))
	}
	if want := []bool{true, true, true, false, false}; !slices.Equal(got, want) {
		t.Fatalf("burst: %v, want %v", got, want)
	}
	if !l.allow("b", t0) {
		t.Fatal("other peer limited")
	}
	if !l.allow("a", t0.Add(600*time.Millisecond)) {
		t.Fatal("no refill after 600 ms at 2/s")
	}
	for i := range maxBuckets + 10 {
		l.allow(peer.ID(fmt.Sprint(i)), t0.Add(time.Hour))
	}
	if len(l.m) > maxBuckets {
		t.Fatalf("table grew to %d", len(l.m))
	}
	if newLimiter(Rate{}) != nil || !(*limiter)(nil).allow("x", t0) {
		t.Fatal("zero rate must be unlimited")
	}
}
