package sim

import (
	"context"
	"testing"
	"time"

	"github.com/ogpu/ogpu/p2p"
)

// TestGarbageBidsCostScore: a peer that sends garbage on /ogpu/bid/1 is
// penalized by the market, its gossipsub score at the victim falls below
// the graylist threshold, and the victim keeps serving the others.
func TestGarbageBidsCostScore(t *testing.T) {
	c, err := New(Config{Nodes: 3, Degree: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	victim, attacker, honest := c.Nodes[0], c.Nodes[1], c.Nodes[2]
	if err := WaitFor(ctx, func() bool { return len(victim.Capacity()) == 3 }); err != nil {
		t.Fatal(err)
	}
	ah := attacker.Network().Host()
	garbage := [][]byte{
		{0xff, 0xff, 0xff, 0xff, 0x0f}, // frame length far over the limit
		{0x05, 1, 2, 3, 4, 5},          // a frame that is not protobuf
		{0x03, 0x0a, 0x01, 0x00},       // a bid message with nonsense fields
		{},                             // nothing at all: EOF before a frame
	}
	for i := 0; i < 16; i++ {
		s, err := ah.NewStream(ctx, victim.ID(), p2p.ProtoBid)
		if err != nil {
			t.Fatal(err)
		}
		s.Write(garbage[i%len(garbage)])
		s.CloseWrite()
		s.Close()
	}
	if err := WaitFor(ctx, func() bool {
		sc, ok := victim.Network().PeerScore(attacker.ID())
		return ok && sc < p2p.GraylistThreshold
	}); err != nil {
		sc, _ := victim.Network().PeerScore(attacker.ID())
		t.Fatalf("attacker score %.1f, want below %d: %v", sc, p2p.GraylistThreshold, err)
	}
	if sc, _ := victim.Network().PeerScore(honest.ID()); sc < 0 {
		t.Fatalf("honest peer's score fell too: %.1f", sc)
	}
	// Still serving: a fresh ad from the honest peer arrives.
	before, _ := victim.CapacityEntry(honest.ID())
	honest.CapacityChanged()
	if err := WaitFor(ctx, func() bool { e, _ := victim.CapacityEntry(honest.ID()); return e.Seq > before.Seq }); err != nil {
		t.Fatalf("victim stopped receiving ads: %v", err)
	}
}
