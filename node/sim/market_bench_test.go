package sim

import (
	"context"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ogpu/ogpu/market"
)

// BenchmarkTinyTask measures one tiny task, submit to result (auction,
// award, run, delivery), on 10 in-process nodes, one task at a time.
//
//	go test ./node/sim -run '^$' -bench TinyTask -benchtime 200x
func BenchmarkTinyTask(b *testing.B) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	c, err := New(Config{Nodes: 10})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	if err := c.Start(ctx); err != nil {
		b.Fatal(err)
	}
	if err := c.WaitMarket(ctx); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	mix := []string{"hashgrind", "matmul", "render"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := mix[i%len(mix)]
		p, in, err := TinyTask(w, rng)
		if err != nil {
			b.Fatal(err)
		}
		id, err := c.Nodes[0].Submit(ctx, market.JobSpec{Workload: w, Params: p, Inputs: in, MaxPrice: big.NewInt(1_000_000)})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Nodes[0].Wait(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
}
