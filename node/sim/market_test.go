package sim

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/node"
)

// TestMarket200MixedTasks is the batch market's must-show: 10 nodes, 200
// tasks of mixed workloads, every one done, none lost, every result equal
// to the CPU reference.
func TestMarket200MixedTasks(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	rep, err := Run(ctx, Scenario{Nodes: 10, Clients: 2, Tasks: 200, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.TasksDone != 200 || rep.TasksLost != 0 || rep.TasksFailed != 0 || rep.ResultsChecked != 200 || rep.ResultsWrong != 0 {
		t.Fatalf("report %+v", rep)
	}
	t.Logf("p50 %.1f ms, p99 %.1f ms, %.0f tasks/s", rep.Latency.P50, rep.Latency.P99, rep.ThroughputTasksPerS)
}

// persistent runs nodes on data directories, so they survive Restart, and
// makes node cheap the lowest bidder for every workload.
func persistent(t *testing.T, cheap int) func(int) node.Config {
	dirs := map[int]string{}
	return func(i int) node.Config {
		c := node.Simulation()
		if dirs[i] == "" {
			dirs[i] = t.TempDir()
		}
		c.InMemory, c.DataDir = false, dirs[i]
		c.Market.PriceFloor = node.DefaultPriceFloor()
		if i == cheap {
			for w := range c.Market.PriceFloor {
				c.Market.PriceFloor[w] = "1"
			}
		}
		return c
	}
}

func startCluster(t *testing.T, ctx context.Context, cfg Config) *Cluster {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitMarket(ctx); err != nil {
		t.Fatal(err)
	}
	return c
}

// slowTask scans 2^21 hashes for an impossible target: long enough to be
// killed mid-run, short enough for a test.
var slowTask = market.JobSpec{Workload: "hashgrind", Params: map[string]string{"prefix": "aa", "end": "2097152", "difficulty": "255"}, MaxPrice: big.NewInt(1_000_000)}

// waitEvent waits for the first event on ch that matches.
func waitEvent(t *testing.T, ctx context.Context, ch <-chan market.Event, match func(market.Event) bool) market.Event {
	t.Helper()
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatal("event channel closed")
			}
			if match(e) {
				return e
			}
		case <-ctx.Done():
			t.Fatalf("event not seen: %v", ctx.Err())
		}
	}
}

func TestKilledProviderTaskDoneElsewhere(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	const cheap = 1
	c := startCluster(t, ctx, Config{Nodes: 5, NodeConfig: persistent(t, cheap)})
	cl := c.Nodes[0]
	victim := c.Nodes[cheap]
	running := victim.Events()
	id, err := cl.Submit(ctx, slowTask)
	if err != nil {
		t.Fatal(err)
	}
	waitEvent(t, ctx, running, func(e market.Event) bool { return e.Kind == market.EventRunning })
	killed := time.Now()
	if err := c.Kill(cheap); err != nil {
		t.Fatal(err)
	}
	res, err := cl.Wait(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(killed)
	if p := res.Tasks[0].Provider; p == victim.ID() || p == "" {
		t.Fatalf("task provider %s, want another than the killed one", p)
	}
	if res.Tasks[0].Attempt < 1 {
		t.Fatalf("task not reassigned: %+v", res.Tasks[0])
	}
	t.Logf("killed provider's task done elsewhere %s after the kill", took.Round(time.Millisecond))
	checkResult(t, ctx, cl, slowTask, res)
}

// checkResult compares a job's merged result with the workload's CPU reference.
func checkResult(t *testing.T, ctx context.Context, n *node.Node, spec market.JobSpec, res market.JobResult) {
	t.Helper()
	got, err := n.Content().Get(ctx, res.ResultCID, 0)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := exec.DefaultRegistry().Get(spec.Workload)
	want, err := w.Reference(ctx, spec.Params, spec.Inputs)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Compare(spec.Params, want, got); err != nil {
		t.Fatal(err)
	}
}

func TestClientRestartMidJob(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c := startCluster(t, ctx, Config{Nodes: 4, NodeConfig: persistent(t, -1)})
	spec := slowTask
	spec.Shards = 3
	ev := c.Nodes[0].Events()
	id, err := c.Nodes[0].Submit(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	waitEvent(t, ctx, ev, func(e market.Event) bool { return e.Kind == market.EventAwarded })
	if err := c.Kill(0); err != nil {
		t.Fatal(err)
	}
	if err := c.Restart(ctx, 0); err != nil {
		t.Fatal(err)
	}
	res, err := c.Nodes[0].Wait(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Tasks) != 3 {
		t.Fatalf("%d tasks, want 3", len(res.Tasks))
	}
	checkResult(t, ctx, c.Nodes[0], spec, res)
}

func TestProviderRestartNoDoubleResult(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	const cheap = 1
	c := startCluster(t, ctx, Config{Nodes: 4, NodeConfig: persistent(t, cheap)})
	cl := c.Nodes[0]
	events := cl.Events()
	running := c.Nodes[cheap].Events()
	id, err := cl.Submit(ctx, slowTask)
	if err != nil {
		t.Fatal(err)
	}
	waitEvent(t, ctx, running, func(e market.Event) bool { return e.Kind == market.EventRunning })
	if err := c.Kill(cheap); err != nil {
		t.Fatal(err)
	}
	if err := c.Restart(ctx, cheap); err != nil {
		t.Fatal(err)
	}
	res, err := cl.Wait(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, ctx, cl, slowTask, res)
	// The restarted provider resumes its task and delivers; the client has
	// moved the award on, so exactly one result is accepted, never two.
	accepted := 0
	drain := time.After(500 * time.Millisecond)
loop:
	for {
		select {
		case e := <-events:
			if e.Kind == market.EventAccepted && e.Job == id {
				accepted++
			}
		case <-drain:
			break loop
		}
	}
	if accepted != 1 {
		t.Fatalf("%d results accepted, want exactly 1", accepted)
	}
	info, err := cl.Job(id)
	if err != nil || info.Counts[market.StateAccepted] != 1 {
		t.Fatalf("job %+v, %v", info, err)
	}
}

func TestUnservableJobFailsFastWithReasons(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := startCluster(t, ctx, Config{Nodes: 4})
	start := time.Now()
	id, err := c.Nodes[0].Submit(ctx, market.JobSpec{
		Workload: "hashgrind", Params: map[string]string{"end": "16", "difficulty": "1"}, MaxPrice: big.NewInt(2),
		Requirements: market.Requirements{MinVRAM: 12 << 30},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Nodes[0].Wait(ctx, id)
	var nb *market.NoBidError
	if !errors.As(err, &nb) || len(nb.Reasons) != 3 {
		t.Fatalf("got %v, want a NoBidError with 3 reasons", err)
	}
	for _, l := range nb.Lines() {
		if !strings.Contains(l, "no GPU") {
			t.Errorf("reason %q", l)
		}
	}
	t.Logf("failed after %s: %v", time.Since(start).Round(time.Millisecond), err)
}

// TestShardedEqualsUnsharded: a matmul and a render split into shards and
// merged equal the same job run whole.
func TestShardedEqualsUnsharded(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c := startCluster(t, ctx, Config{Nodes: 5})
	mm := exec.Params{"m": "48", "k": "32", "n": "40"}
	in, err := exec.Matmul{}.RandomInputs(mm, 3)
	if err != nil {
		t.Fatal(err)
	}
	jobs := []market.JobSpec{
		{Workload: "matmul", Params: mm, Inputs: in},
		{Workload: "render", Params: map[string]string{"width": "96", "height": "64", "max_iter": "64"}},
	}
	for _, spec := range jobs {
		spec.MaxPrice = big.NewInt(1_000_000)
		var outs [][]byte
		for _, shards := range []int{1, 4} {
			spec.Shards = shards
			id, err := c.Nodes[0].Submit(ctx, spec)
			if err != nil {
				t.Fatal(err)
			}
			res, err := c.Nodes[0].Wait(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Tasks) != shards {
				t.Fatalf("%s: %d tasks, want %d", spec.Workload, len(res.Tasks), shards)
			}
			b, err := c.Nodes[0].Content().Get(ctx, res.ResultCID, 0)
			if err != nil {
				t.Fatal(err)
			}
			outs = append(outs, b)
		}
		w, _ := exec.DefaultRegistry().Get(spec.Workload)
		if err := w.Compare(spec.Params, outs[0], outs[1]); err != nil {
			t.Fatalf("%s: sharded result differs from unsharded: %v", spec.Workload, err)
		}
	}
}
