package sim

import (
	"context"
	"errors"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/node"
)

// offsetClock is every node's clock in a retention test: real time plus
// an offset the test moves forward instead of sleeping.
type offsetClock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *offsetClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.off)
}

func (c *offsetClock) advance(d time.Duration) {
	c.mu.Lock()
	c.off += d
	c.mu.Unlock()
}

// matmulJob is a two-shard matmul with random inputs (seeded).
func matmulJob(t *testing.T, seed uint64) market.JobSpec {
	t.Helper()
	p := exec.Params{"m": "16", "k": "8", "n": "8"}
	in, err := exec.Matmul{}.RandomInputs(p, seed)
	if err != nil {
		t.Fatal(err)
	}
	return market.JobSpec{Workload: "matmul", Params: p, Inputs: in, Shards: 2, MaxPrice: big.NewInt(1_000_000), Timeout: time.Hour}
}

// pinsOf lists owner's pins on n.
func pinsOf(t *testing.T, ctx context.Context, n *node.Node, owner string) []cid.Cid {
	t.Helper()
	cs, err := n.Content().PinsOf(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// gcAll runs two content GCs on every node: the second takes what no pin
// (and no grace) holds.
func gcAll(t *testing.T, ctx context.Context, c *Cluster) {
	t.Helper()
	for range 2 {
		for _, n := range c.Nodes {
			if _, err := n.Content().GC(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func stored(t *testing.T, ctx context.Context, n *node.Node, cs []cid.Cid) int {
	t.Helper()
	k := 0
	for _, c := range cs {
		has, err := n.Content().Has(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if has {
			k++
		}
	}
	return k
}

// TestRetentionPinsAndGC runs real nodes with content GC every 20 ms and
// a one-hour retention on a clock the test moves: a finished job's blocks
// stay (pinned) past the GC grace, on the client and on its providers,
// and after a client restart; once the retention passes, Prune and GC
// take them from every blockstore while the blocks of a job still running
// stay, and that job completes.
func TestRetentionPinsAndGC(t *testing.T) {
	for _, tc := range []struct {
		name    string
		restart bool
	}{{"in memory", false}, {"restart", true}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			clock := &offsetClock{}
			var nodeCfg func(int) node.Config
			if tc.restart {
				nodeCfg = persistent(t, -1)
			}
			const retention = time.Hour
			cfg := Config{
				Nodes: 4,
				NodeConfig: func(i int) node.Config {
					c := node.Simulation()
					if nodeCfg != nil {
						c = nodeCfg(i)
					}
					c.Content.GCInterval = node.Duration(20 * time.Millisecond)
					c.Market.Retention = node.Duration(retention)
					return c
				},
				Options: func(int) []node.Option { return []node.Option{node.WithClock(clock.Now)} },
			}
			c := startCluster(t, ctx, cfg)
			cl := c.Nodes[0]

			// Job A runs while every node collects garbage every 20 ms.
			specA := matmulJob(t, 1)
			a, err := cl.Submit(ctx, specA)
			if err != nil {
				t.Fatal(err)
			}
			resA, err := cl.Wait(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, ctx, cl, specA, resA)

			clientA := pinsOf(t, ctx, cl, market.JobPinOwner(a))
			// 2 job inputs, 2 shard-0/1 A blocks (B is shared), 2 outputs, the merged result.
			if len(clientA) < 6 {
				t.Fatalf("client pins of job A: %d (%v), want at least 6", len(clientA), clientA)
			}
			provIdx := map[market.TaskID]int{}
			for _, ti := range resA.Tasks {
				i := c.index(ti.Provider)
				if i < 0 {
					t.Fatalf("task %s provider %s not in the cluster", ti.ID.Short(), ti.Provider)
				}
				provIdx[ti.ID] = i
				out := pinsOf(t, ctx, c.Nodes[i], market.TaskOutputPinOwner(ti.ID))
				if len(out) != 1 || out[0].String() != ti.OutputCID {
					t.Fatalf("provider output pins of %s = %v, want [%s]", ti.ID.Short(), out, ti.OutputCID)
				}
				if in := pinsOf(t, ctx, c.Nodes[i], market.TaskInputPinOwner(ti.ID)); len(in) != 0 {
					t.Fatalf("provider still pins the inputs of finished task %s: %v", ti.ID.Short(), in)
				}
			}
			if tc.restart {
				// The client restarts; its pins come back from its
				// blockstore (provider pins are the same keys, see
				// p2p/content TestOwnerPinsSurviveRestart). What follows
				// needs no network: a node that comes back sometimes
				// misses its peers on the tasks topic for good (mocknet
				// and gossipsub; seen with every node restarted).
				if err := c.Kill(0); err != nil {
					t.Fatal(err)
				}
				if err := c.Restart(ctx, 0); err != nil {
					t.Fatal(err)
				}
				cl = c.Nodes[0]
			}

			// Past the GC grace, within the retention: everything stays.
			clock.advance(30 * time.Minute)
			gcAll(t, ctx, c)
			if k := stored(t, ctx, cl, clientA); k != len(clientA) {
				t.Fatalf("client lost %d of job A's %d pinned roots within the retention", len(clientA)-k, len(clientA))
			}
			for _, ti := range resA.Tasks {
				out, _ := cid.Decode(ti.OutputCID)
				if stored(t, ctx, c.Nodes[provIdx[ti.ID]], []cid.Cid{out}) != 1 {
					t.Fatalf("provider lost task %s's output within the retention", ti.ID.Short())
				}
			}
			info, err := cl.Job(a)
			if err != nil {
				t.Fatal(err)
			}
			if want := info.Finished.Add(retention); !info.Expires.Equal(want) {
				t.Fatalf("job A expires %v, want finished + retention = %v", info.Expires, want)
			}

			// Past the retention: job B starts, then the clock moves past
			// B's own GC grace while B runs (not after the restart: see
			// above).
			clock.advance(retention + time.Minute)
			withB := !tc.restart
			var (
				b       market.JobID
				specB   market.JobSpec
				clientB []cid.Cid
			)
			if withB {
				specB = matmulJob(t, 2)
				if b, err = cl.Submit(ctx, specB); err != nil {
					t.Fatal(err)
				}
				clientB = pinsOf(t, ctx, cl, market.JobPinOwner(b))
			}
			// Past content.DefaultGCGrace (1 min), within the freshness
			// window of B's signed messages in flight (2 min).
			clock.advance(90 * time.Second)
			runningB := false
			if info, err := cl.Job(b); withB && err == nil {
				runningB = info.State == market.JobRunning
			}
			pr, err := cl.Market().Prune(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if pr.Jobs != 1 || pr.ClientTasks != 2 || pr.Unpinned != len(clientA) {
				t.Fatalf("client pruned %+v, want job A: 1 job, 2 tasks, %d pins", pr, len(clientA))
			}
			for _, n := range c.Nodes[1:] {
				if _, err := n.Market().Prune(ctx); err != nil {
					t.Fatal(err)
				}
			}
			gcAll(t, ctx, c)
			if k := stored(t, ctx, cl, clientA); k != 0 {
				t.Fatalf("client kept %d of job A's %d roots after retention and GC", k, len(clientA))
			}
			if withB {
				if k := stored(t, ctx, cl, clientB); k != len(clientB) || len(clientB) < 4 {
					t.Fatalf("client kept %d of job B's %d pinned input roots (B running during GC: %v)", k, len(clientB), runningB)
				}
				t.Logf("job B was running during prune and GC: %v", runningB)
			}
			for _, ti := range resA.Tasks {
				out, _ := cid.Decode(ti.OutputCID)
				p := c.Nodes[provIdx[ti.ID]]
				if stored(t, ctx, p, []cid.Cid{out}) != 0 {
					t.Fatalf("provider kept task %s's output after retention and GC", ti.ID.Short())
				}
				if pins := pinsOf(t, ctx, p, market.TaskOutputPinOwner(ti.ID)); len(pins) != 0 {
					t.Fatalf("provider still pins pruned task %s: %v", ti.ID.Short(), pins)
				}
			}
			if _, err := cl.Job(a); !errors.Is(err, market.ErrUnknownJob) {
				t.Fatalf("job A after prune: %v, want ErrUnknownJob", err)
			}
			jobs, err := cl.Jobs()
			if err != nil {
				t.Fatal(err)
			}
			if !withB {
				if len(jobs) != 0 {
					t.Fatalf("retained jobs %v; want none", jobs)
				}
				return
			}
			resB, err := cl.Wait(ctx, b)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, ctx, cl, specB, resB)
			if jobs, err = cl.Jobs(); err != nil || len(jobs) != 1 || jobs[0].ID != b {
				t.Fatalf("retained jobs %v, %v; want only job B", jobs, err)
			}
		})
	}
}

// index is the cluster index of peer p, or -1.
func (c *Cluster) index(p peer.ID) int {
	for i, n := range c.Nodes {
		if n.ID() == p {
			return i
		}
	}
	return -1
}
