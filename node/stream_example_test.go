package node_test

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market/stream"
	"github.com/ogpu/ogpu/node/sim"
)

// Serve an MLP on two providers of a small simulated network and stream
// requests to it from a third node: Do for one request, Send/Results for
// many.
func ExampleNode_OpenStream() {
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
	layers := []int{8, 16, 4}
	model, _ := exec.MLPModel(layers, 1)
	modelCID, err := c.Nodes[1].Content().AddBytes(ctx, model)
	if err != nil {
		panic(err)
	}
	var svc stream.Service
	for _, p := range c.Nodes[1:] {
		sv, err := p.Serve(ctx, stream.ServiceSpec{Workload: "mlp", Model: modelCID, Price: big.NewInt(100)})
		if err != nil {
			panic(err)
		}
		svc = sv.Service()
	}

	client := c.Nodes[0]
	ss, err := client.OpenStream(ctx, svc.ID(), stream.SessionOptions{Ordered: true})
	if err != nil {
		panic(err)
	}
	defer ss.Close()
	x, _ := exec.F32Blob([]int{1, 8}, []float32{1, 2, 3, 4, 5, 6, 7, 8})
	y, err := ss.Do(ctx, x)
	if err != nil {
		panic(err)
	}
	_, shape, _ := exec.DecodeF32(y, nil)
	fmt.Println("one request:", shape)

	go func() {
		for range 100 {
			if _, err := ss.Send(ctx, x); err != nil {
				return
			}
		}
	}()
	inOrder := true
	for i := range 100 {
		r := <-ss.Results()
		inOrder = inOrder && r.Err == nil && r.Seq == uint64(i+2)
	}
	fmt.Println("100 more, answered in order:", inOrder)
	// Output:
	// one request: [1 4]
	// 100 more, answered in order: true
}
