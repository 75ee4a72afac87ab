package node_test

import (
	"context"
	"testing"
	"time"

	"github.com/ogpu/ogpu/node"
	"github.com/ogpu/ogpu/p2p/identity"
)

// A restart does not forgive a liar: the reputation table is persisted in
// the node's database and restored at start.
func TestReputationSurvivesRestart(t *testing.T) {
	cfg := node.Simulation()
	cfg.InMemory = false
	cfg.DataDir = t.TempDir()
	cfg.P2P.Listen = []string{"/ip4/127.0.0.1/tcp/0"}
	liar, err := identity.Generate()
	if err != nil {
		t.Fatal(err)
	}
	honest, err := identity.Generate()
	if err != nil {
		t.Fatal(err)
	}
	run := func(f func(n *node.Node)) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		n, err := node.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := n.Start(ctx); err != nil {
			t.Fatal(err)
		}
		f(n)
		if err := n.Close(); err != nil {
			t.Fatal(err)
		}
	}
	run(func(n *node.Node) {
		n.Reputation().Lie(liar.PeerID())
		n.Reputation().Success(honest.PeerID(), 40*time.Millisecond)
		n.Reputation().Success(honest.PeerID(), 40*time.Millisecond)
	})
	run(func(n *node.Node) {
		rep := n.Reputation()
		if got := rep.Get(liar.PeerID()); got.Lies != 1 {
			t.Errorf("liar after restart: %+v, want 1 lie", got)
		}
		if got := rep.Get(honest.PeerID()); got.Successes != 2 || got.Latency != 40*time.Millisecond {
			t.Errorf("honest peer after restart: %+v, want 2 successes at 40ms", got)
		}
		if rep.Score(liar.PeerID()) >= rep.Score(honest.PeerID()) {
			t.Errorf("liar scores %v ≥ honest %v after restart", rep.Score(liar.PeerID()), rep.Score(honest.PeerID()))
		}
		rep.Lie(liar.PeerID()) // a second lie, saved at Close
	})
	run(func(n *node.Node) {
		if got := n.Reputation().Get(liar.PeerID()); got.Lies != 2 {
			t.Errorf("liar after second restart: %+v, want 2 lies", got)
		}
	})
}
