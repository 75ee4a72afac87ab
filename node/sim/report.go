package sim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"math/rand/v2"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/node"
)

// Scenario is one run of the batch market: Clients of the Nodes submit
// Tasks single-task jobs of a tiny workload mix and wait for them.
type Scenario struct {
	// Nodes in the cluster (all providers). Default 10.
	Nodes int
	// Clients are the first Clients nodes, which submit. Default 1.
	Clients int
	// Tasks submitted in all. Default 200.
	Tasks int
	// Latency of every mocknet link (one way).
	Latency time.Duration
	// Seed for keys, topology and inputs. Default 1.
	Seed uint64
	// HeapProfile, when set, receives a heap profile at the end of the run
	// (after a GC, with the cluster still up: what it retains).
	HeapProfile io.Writer
	// InFlight is how many jobs each client keeps outstanding. Default 16.
	InFlight int
	// Mix lists the workloads drawn from (see TinyTask). Default
	// hashgrind, matmul, render.
	Mix []string
	// Check compares every result with the workload's CPU reference.
	Check bool
	// Timeout bounds the whole run. Default 5 minutes.
	Timeout time.Duration
	// NodeConfig overrides the node config (default node.Simulation()).
	NodeConfig func(i int) node.Config
	// OnStart, when set, is called with the running cluster before the
	// first submit (fault injection in tests).
	OnStart func(c *Cluster)
	// Churn is the fraction of providers (non-client nodes) killed and
	// restarted during the run (see churn.go).
	Churn float64
	// Bandwidth of every mocknet link in bytes/s; 0 is unlimited.
	Bandwidth float64
	// Progress, when set, is called about every 100 ms and once at the end
	// with the tasks finished so far. It must not block.
	Progress func(done, failed, total int)
	// Stream is the streaming part, run after the tasks (stream.go);
	// Stream.Sessions 0 skips it.
	Stream StreamScenario
	// Byzantine is the fraction of lying providers; > 0 runs with a
	// simulated chain, committees and vouchers (byzantine.go).
	Byzantine float64
	// Adversary sets up the chain and other faults (byzantine.go); nil
	// with Byzantine 0: no chain.
	Adversary *Adversary
}

// Report is what a scenario measured. The JSON keys are a public interface
// (ogpu sim --json); add keys, never rename them.
type Report struct {
	Nodes          int `json:"nodes"`
	Clients        int `json:"clients"`
	TasksSubmitted int `json:"tasks_submitted"`
	TasksDone      int `json:"tasks_done"`
	TasksFailed    int `json:"tasks_failed"`
	// TasksLost were submitted but neither done nor failed when the run ended.
	TasksLost int `json:"tasks_lost"`
	// Latency is submit → result (auction, run, delivery, fetch), per task.
	Latency             Percentiles    `json:"latency_ms"`
	ThroughputTasksPerS float64        `json:"throughput_tasks_per_s"`
	ElapsedS            float64        `json:"elapsed_s"`
	Reassigned          int            `json:"tasks_reassigned"`
	ResultsChecked      int            `json:"results_checked"`
	ResultsWrong        int            `json:"results_wrong"`
	Workloads           map[string]int `json:"workloads"`
	LatencyMS           float64        `json:"link_latency_ms"`
	Seed                uint64         `json:"seed"`
	GoMaxProcs          int            `json:"gomaxprocs"`
	HeapMiB             float64        `json:"heap_mib"`
	// HeapLiveMiB is the heap in use after a forced GC at the end, with
	// the cluster still running: what it retains.
	HeapLiveMiB float64 `json:"heap_live_mib"`
	// RSSBytes is the process's peak resident set size at the end.
	RSSBytes int64 `json:"rss_bytes"`
	// WallSeconds is the whole run: cluster start-up, the tasks, shutdown
	// excluded.
	WallSeconds float64 `json:"wall_seconds"`
	// Churned counts provider kill+restart cycles (Scenario.Churn).
	Churned int      `json:"churned"`
	Errors  []string `json:"errors,omitempty"`
	// Timeline samples tasks finished over time, for the chart.
	Timeline []TimePoint `json:"timeline,omitempty"`
	// Stream is the streaming part (stream.go), when it ran.
	Stream *StreamReport `json:"stream,omitempty"`
	// latencies are the raw per-task latencies (ms), for the histogram.
	latencies []float64
	// ChainReport: lies, slashes, settlement and money (byzantine.go).
	*ChainReport
}

// TimePoint is one sample of the run's progress.
type TimePoint struct {
	T      float64 `json:"t_s"`
	Done   int     `json:"done"`
	Failed int     `json:"failed"`
}

// Percentiles of a latency distribution, in milliseconds.
type Percentiles struct {
	P50  float64 `json:"p50"`
	P95  float64 `json:"p95"`
	P99  float64 `json:"p99"`
	Mean float64 `json:"mean"`
	Max  float64 `json:"max"`
}

func percentiles(ms []float64) Percentiles {
	if len(ms) == 0 {
		return Percentiles{}
	}
	s := slices.Clone(ms)
	sort.Float64s(s)
	at := func(q float64) float64 { return s[min(len(s)-1, int(math.Ceil(q*float64(len(s))))-1)] }
	sum := 0.0
	for _, v := range s {
		sum += v
	}
	r := func(v float64) float64 { return math.Round(v*100) / 100 }
	return Percentiles{P50: r(at(0.50)), P95: r(at(0.95)), P99: r(at(0.99)), Mean: r(sum / float64(len(s))), Max: r(s[len(s)-1])}
}

func (s *Scenario) defaults() {
	if s.Nodes <= 0 {
		s.Nodes = 10
	}
	if s.Clients <= 0 {
		s.Clients = 1
	}
	s.Clients = min(s.Clients, s.Nodes)
	if s.Tasks <= 0 {
		s.Tasks = 200
	}
	if s.Seed == 0 {
		s.Seed = 1
	}
	if s.InFlight <= 0 {
		s.InFlight = 16
	}
	if len(s.Mix) == 0 {
		s.Mix = []string{"hashgrind", "matmul", "render"}
	}
	if s.Timeout <= 0 {
		s.Timeout = 5 * time.Minute
	}
	if s.Stream.Sessions > 0 {
		s.Stream.defaults(s.Nodes)
		if s.Byzantine > 0 && s.Stream.Liars == 0 {
			s.Stream.Liars = min(max(1, int(math.Round(s.Byzantine*float64(s.Stream.Providers)))), s.Stream.Providers-1)
		}
	}
}

// TinyTask returns a small task of the workload: parameters and inputs
// drawn from rng, running in well under a millisecond on one core.
func TinyTask(workload string, rng *rand.Rand) (exec.Params, [][]byte, error) {
	switch workload {
	case "hashgrind":
		return exec.Params{"prefix": fmt.Sprintf("%016x", rng.Uint64()), "end": "512", "difficulty": "4"}, nil, nil
	case "matmul":
		p := exec.Params{"m": "8", "k": "8", "n": "8"}
		in, err := exec.Matmul{}.RandomInputs(p, rng.Uint64())
		return p, in, err
	case "render":
		return exec.Params{"width": "16", "height": "16", "max_iter": "32", "x0": fmt.Sprintf("%.3f", -2.5+rng.Float64())}, nil, nil
	}
	return nil, nil, fmt.Errorf("sim: no tiny task for workload %q", workload)
}

type simTask struct {
	workload string
	params   exec.Params
	inputs   [][]byte
}

// Run builds the cluster, runs the scenario and reports.
func Run(ctx context.Context, sc Scenario) (Report, error) {
	sc.defaults()
	ctx, cancel := context.WithTimeout(ctx, sc.Timeout)
	defer cancel()
	wall := time.Now()
	cfg := Config{Nodes: sc.Nodes, Latency: sc.Latency, Bandwidth: sc.Bandwidth, Seed: sc.Seed, NodeConfig: sc.NodeConfig}
	var (
		rep Report
		err error
	)
	if adv := sc.adversary(); adv != nil {
		rep, err = runMoney(ctx, sc, adv, cfg) // byzantine.go
	} else {
		rep, err = runPlain(ctx, sc, cfg)
	}
	rep.WallSeconds = math.Round(time.Since(wall).Seconds()*1000) / 1000
	return rep, err
}

func runPlain(ctx context.Context, sc Scenario, cfg Config) (Report, error) {
	if sc.Stream.Liars > 0 {
		return Report{}, errors.New("sim: lying stream providers need a chain (--chain or --byzantine)")
	}
	c, err := launch(ctx, cfg, sc)
	if err != nil {
		return Report{}, err
	}
	defer c.Close()
	return c.runWork(ctx, sc)
}

// launch builds and starts a scenario's cluster, waits for its market and
// runs the OnStart hook. On error nothing is left running.
func launch(ctx context.Context, cfg Config, sc Scenario) (*Cluster, error) {
	c, err := New(cfg)
	if err != nil {
		return nil, err
	}
	if err := c.Start(ctx); err != nil {
		c.Close()
		return nil, err
	}
	if err := c.WaitMarket(ctx); err != nil {
		c.Close()
		return nil, err
	}
	if sc.OnStart != nil {
		sc.OnStart(c)
	}
	return c, nil
}

// runWork runs the scenario's tasks, then its streaming sessions; with
// lying stream providers the sessions run first (see StreamScenario.Liars).
func (c *Cluster) runWork(ctx context.Context, sc Scenario) (Report, error) {
	if sc.Stream.Sessions > 0 && sc.Stream.Liars > 0 {
		sr, err := c.RunStreams(ctx, sc.Stream)
		if err != nil {
			return Report{Stream: &sr}, err
		}
		rep, err := c.RunScenario(ctx, sc)
		rep.Stream = &sr
		return rep, err
	}
	rep, err := c.RunScenario(ctx, sc)
	if err == nil && sc.Stream.Sessions > 0 {
		sr, serr := c.RunStreams(ctx, sc.Stream) // stream.go
		rep.Stream, err = &sr, serr
	}
	return rep, err
}

// WaitMarket waits until every node sees at least min(Nodes-1, 4) peers
// on the tasks topic and holds every node's capacity ad, so the first
// announces reach providers the clients know.
func (c *Cluster) WaitMarket(ctx context.Context) error {
	want := min(len(c.Nodes)-1, 4)
	return WaitFor(ctx, func() bool {
		for _, n := range c.Nodes {
			if n.Market() == nil || n.Market().TopicPeers() < want || len(n.Capacity()) < len(c.Nodes) {
				return false
			}
		}
		return true
	})
}

// RunScenario submits the scenario's tasks on a running cluster and
// reports. It returns when every task is done or failed, or ctx ends (the
// rest count as lost).
func (c *Cluster) RunScenario(ctx context.Context, sc Scenario) (Report, error) {
	sc.defaults()
	rng := rand.New(rand.NewPCG(sc.Seed, 0x51))
	tasks := make([]simTask, sc.Tasks)
	rep := Report{Nodes: len(c.Nodes), Clients: sc.Clients, TasksSubmitted: sc.Tasks, Workloads: map[string]int{},
		LatencyMS: float64(sc.Latency) / float64(time.Millisecond), Seed: sc.Seed, GoMaxProcs: runtime.GOMAXPROCS(0)}
	for i := range tasks {
		w := sc.Mix[i%len(sc.Mix)]
		p, in, err := TinyTask(w, rng)
		if err != nil {
			return rep, err
		}
		tasks[i] = simTask{workload: w, params: p, inputs: in}
		rep.Workloads[w]++
	}
	var reassigned atomic.Int64
	var evWG sync.WaitGroup
	evCtx, evCancel := context.WithCancel(ctx)
	for i := 0; i < sc.Clients; i++ {
		ch := c.Nodes[i].Events()
		evWG.Add(1)
		go func() {
			defer evWG.Done()
			for {
				select {
				case e, ok := <-ch:
					if !ok {
						return
					}
					if e.Kind == market.EventReassigned {
						reassigned.Add(1)
					}
				case <-evCtx.Done():
					return
				}
			}
		}()
	}

	var (
		mu      sync.Mutex
		lat     []float64
		errs    = map[string]int{}
		done    int
		failed  int
		checked int
		wrong   int
	)
	next := atomic.Int64{}
	start := time.Now()
	progress := func() (int, int) { mu.Lock(); defer mu.Unlock(); return done, failed }
	stopAux := c.startAux(ctx, sc, start, progress, &rep)
	var wg sync.WaitGroup
	for ci := 0; ci < sc.Clients; ci++ {
		n := c.Nodes[ci]
		for w := 0; w < sc.InFlight; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1)) - 1
					if i >= len(tasks) || ctx.Err() != nil {
						return
					}
					t := tasks[i]
					t0 := time.Now()
					id, err := n.Submit(ctx, market.JobSpec{Workload: t.workload, Params: t.params, Inputs: t.inputs, MaxPrice: big.NewInt(1_000_000),
						Verification: sc.policy(t.workload), VerifierFee: sc.fee()})
					var res market.JobResult
					if err == nil {
						res, err = n.Wait(ctx, id)
					}
					d := time.Since(t0)
					if ctx.Err() != nil && err != nil {
						return // lost: the run ended first
					}
					ok := err == nil
					bad := false
					if ok && sc.Check {
						bad = !c.matchesReference(ctx, n, t, res)
					}
					mu.Lock()
					if ok {
						done++
						lat = append(lat, float64(d)/float64(time.Millisecond))
						if sc.Check {
							checked++
							if bad {
								wrong++
							}
						}
					} else {
						failed++
						errs[err.Error()]++
					}
					mu.Unlock()
				}
			}()
		}
	}
	wg.Wait()
	elapsed := time.Since(start)
	stopAux()
	evCancel()
	evWG.Wait()
	rep.TasksDone, rep.TasksFailed = done, failed
	rep.TasksLost = rep.TasksSubmitted - done - failed
	rep.Latency = percentiles(lat)
	rep.ElapsedS = math.Round(elapsed.Seconds()*1000) / 1000
	if elapsed > 0 {
		rep.ThroughputTasksPerS = math.Round(float64(done)/elapsed.Seconds()*10) / 10
	}
	rep.Reassigned = int(reassigned.Load())
	rep.ResultsChecked, rep.ResultsWrong = checked, wrong
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rep.HeapMiB = math.Round(float64(ms.HeapAlloc)/(1<<20)*10) / 10
	rep.RSSBytes = peakRSS()
	runtime.GC() // what the running cluster holds, garbage aside
	runtime.ReadMemStats(&ms)
	rep.HeapLiveMiB = math.Round(float64(ms.HeapInuse)/(1<<20)*10) / 10
	if sc.HeapProfile != nil {
		if err := pprof.Lookup("heap").WriteTo(sc.HeapProfile, 0); err != nil {
			rep.Errors = append(rep.Errors, "heap profile: "+err.Error())
		}
	}
	rep.latencies = lat
	for e, k := range errs {
		rep.Errors = append(rep.Errors, fmt.Sprintf("%d× %s", k, e))
	}
	sort.Strings(rep.Errors)
	if ctx.Err() != nil && rep.TasksLost > 0 {
		return rep, fmt.Errorf("sim: run ended with %d tasks outstanding: %w", rep.TasksLost, ctx.Err())
	}
	return rep, nil
}

func (c *Cluster) matchesReference(ctx context.Context, n *node.Node, t simTask, res market.JobResult) bool {
	got, err := n.Content().Get(ctx, res.ResultCID, 0)
	if err != nil {
		return false
	}
	w, err := exec.DefaultRegistry().Get(t.workload)
	if err != nil {
		return false
	}
	want, err := w.Reference(ctx, t.params, t.inputs)
	if err != nil {
		return false
	}
	return w.Compare(t.params, want, got) == nil
}

// WriteText prints the report for people.
func (r Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "nodes %d, clients %d, link latency %gms, seed %d, GOMAXPROCS %d\n", r.Nodes, r.Clients, r.LatencyMS, r.Seed, r.GoMaxProcs)
	fmt.Fprintf(w, "tasks: %d submitted, %d done, %d failed, %d lost, %d reassigned\n", r.TasksSubmitted, r.TasksDone, r.TasksFailed, r.TasksLost, r.Reassigned)
	if r.ResultsChecked > 0 {
		fmt.Fprintf(w, "results: %d checked against the CPU reference, %d wrong\n", r.ResultsChecked, r.ResultsWrong)
	}
	fmt.Fprintf(w, "latency submit→result: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n", r.Latency.P50, r.Latency.P95, r.Latency.P99, r.Latency.Max)
	fmt.Fprintf(w, "throughput: %.1f tasks/s over %.2f s\n", r.ThroughputTasksPerS, r.ElapsedS)
	if r.Churned > 0 {
		fmt.Fprintf(w, "churn: %d providers killed and restarted during the run\n", r.Churned)
	}
	fmt.Fprintf(w, "wall %.2f s, peak RSS %.0f MiB\n", r.WallSeconds, float64(r.RSSBytes)/(1<<20))
	r.ChainReport.writeText(w) // byzantine.go; nothing without a chain
	// The streaming part (stream.go); nothing when not run.
	r.Stream.writeText(w)
	for _, e := range r.Errors {
		fmt.Fprintf(w, "error: %s\n", e)
	}
	// The checks a run is judged by, last, in the JSON keys' names.
	fmt.Fprintf(w, "tasks_lost: %d\n", r.TasksLost)
	if c := r.ChainReport; c != nil {
		fmt.Fprintf(w, "lies_caught: %d of %d injected\nhonest_slashed: %d\nbalanced: %t\n", c.LiesCaught, c.LiesInjected, c.HonestSlashed, c.Money.Balanced)
	}
}

// WriteJSON writes the report as indented JSON.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
