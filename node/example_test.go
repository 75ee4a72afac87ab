package node_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/node"
	"github.com/ogpu/ogpu/node/sim"
)

// Submit a job from one node of a small simulated network, wait for its
// result and read it back by CID.
func ExampleNode_Submit() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := sim.New(sim.Config{Nodes: 3})
	if err != nil {
		panic(err)
	}
	defer c.Close()
	if err := c.Start(ctx); err != nil {
		panic(err)
	}
	if err := c.WaitMarket(ctx); err != nil {
		panic(err)
	}
	var client *node.Node = c.Nodes[0]

	id, err := client.Submit(ctx, market.JobSpec{
		Workload: "hashgrind",
		Params:   map[string]string{"prefix": "6f677075", "end": "65536", "difficulty": "12"},
		MaxPrice: big.NewInt(1_000_000), // wei per task
		Shards:   4,
	})
	if err != nil {
		panic(err)
	}
	res, err := client.Wait(ctx, id)
	if err != nil {
		panic(err)
	}
	out, err := client.Content().Get(ctx, res.ResultCID, 0)
	if err != nil {
		panic(err)
	}
	found, nonce, err := exec.ParseHashgrindOutput(out)
	fmt.Println(len(res.Tasks), "tasks; found:", found, "nonce:", nonce, err)
	// Output: 4 tasks; found: true nonce: 4336 <nil>
}

// A job that no provider will take fails fast, and the error says why,
// peer by peer.
func ExampleNode_Wait_noBids() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := sim.New(sim.Config{Nodes: 2})
	if err != nil {
		panic(err)
	}
	defer c.Close()
	if err := c.Start(ctx); err != nil {
		panic(err)
	}
	if err := c.WaitMarket(ctx); err != nil {
		panic(err)
	}
	var client *node.Node = c.Nodes[0]
	id, err := client.Submit(ctx, market.JobSpec{
		Workload: "hashgrind",
		Params:   map[string]string{"end": "16", "difficulty": "1"},
		MaxPrice: big.NewInt(1), // below every provider's price floor
	})
	if err != nil {
		panic(err)
	}
	_, err = client.Wait(ctx, id)
	var nb *market.NoBidError
	if errors.As(err, &nb) {
		for _, r := range nb.Reasons {
			fmt.Println(r)
		}
	}
	// Output: price floor 1000 > max 1
}
