// Package sim runs many full ogpu nodes in one process, on go-libp2p's
// mocknet (per-link latency and bandwidth, partitions) or on loopback TCP,
// for tests, benchmarks and `ogpu sim`.
//
//	cluster, _ := sim.New(sim.Config{Nodes: 20, Latency: 5 * time.Millisecond})
//	cluster.Start(ctx)            // nodes up, links dialled
//	sim.WaitFor(ctx, cond)        // poll with a deadline, never sleep
//	cluster.Close()
//
// Every node is a real node.Node with the Simulation preset: real gossipsub,
// real badger (in memory), real signatures. Only the wire is simulated.
package sim
