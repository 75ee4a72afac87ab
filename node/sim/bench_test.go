package sim

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ogpu/ogpu/node"
)

// BenchmarkCapacityGossip measures capacity-ad delivery on 200 mocknet
// nodes: each iteration one random node re-publishes its ad and the
// benchmark waits until every other node holds it. Reported: p50 and p99
// of (received − signed) over all receivers and iterations, in ms.
//
//	go test ./node/sim -run '^$' -bench CapacityGossip -benchtime 20x
func BenchmarkCapacityGossip(b *testing.B) {
	const n = 200
	c, err := New(Config{Nodes: n, Latency: 2 * time.Millisecond, Degree: 8})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		b.Fatal(err)
	}
	// Warm-up: every table full, so meshes have formed.
	if err := c.WaitCapacity(ctx); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var lat []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src := c.Nodes[rng.IntN(n)]
		before, _ := lookupSeq(c.Nodes[0], src)
		if c.Nodes[0] == src {
			before, _ = lookupSeq(c.Nodes[1], src)
		}
		src.CapacityChanged()
		if err := WaitFor(ctx, func() bool {
			for _, nd := range c.Nodes {
				if s, _ := lookupSeq(nd, src); s <= before {
					return false
				}
			}
			return true
		}); err != nil {
			b.Fatal(err)
		}
		for _, nd := range c.Nodes {
			if nd == src {
				continue
			}
			if e, ok := nd.CapacityEntry(src.ID()); ok {
				lat = append(lat, float64(e.Updated.Sub(e.Signed).Microseconds())/1000)
			}
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(lat[len(lat)/2], "p50-ms")
		b.ReportMetric(lat[len(lat)*99/100], "p99-ms")
		b.ReportMetric(lat[len(lat)-1], "max-ms")
	}
}

func lookupSeq(at, of *node.Node) (uint64, bool) {
	e, ok := at.CapacityEntry(of.ID())
	return e.Seq, ok
}
