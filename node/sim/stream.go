package sim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market/stream"
)

// StreamScenario is the streaming part of a run: Sessions sessions, each
// sending Requests requests of an mlp service served by Providers nodes;
// Kills of the serving providers are killed mid-stream (each the one a
// session is using at the time).
type StreamScenario struct {
	// Sessions to open (ogpu sim --streams). 0 skips streaming.
	Sessions int
	// Requests per session (--stream-requests). Default 1000.
	Requests int
	// Providers serving the service: the last Providers nodes. Default
	// min(4, Nodes-1).
	Providers int
	// Kills is how many serving providers to kill mid-stream
	// (--stream-kills), spread evenly over the first session's requests.
	Kills int
	// Layers of the served mlp. Default 64,128,16.
	Layers []int
	// Seed for the model and inputs. Default 1.
	Seed uint64
	// Liars is how many of the serving providers return wrong outputs
	// (the first Liars of them). They ask a lower price, and sessions wait
	// to know every provider before the first request, so they start with
	// a liar; the streaming part then runs before the batch tasks (ranking
	// puts reputation before price, and batch successes would decide it).
	// Needs a chain (Scenario.Adversary or Byzantine): sessions catch lies
	// on sampled re-checks, a committee proves them and the liars are
	// slashed. Scenario.Byzantine > 0 sets it to max(1, round(Byzantine ×
	// Providers)) when zero, always leaving one provider honest.
	Liars int
	// SampleRate is the fraction of answers each session re-checks.
	// Default 0.1 with liars, else off.
	SampleRate float64
}

// liar reports whether node i of a cluster of nodes is a lying stream
// provider (after defaults).
func (s *StreamScenario) liar(i, nodes int) bool {
	first := nodes - s.Providers
	return s.Sessions > 0 && i >= first && i < first+s.Liars
}

// opener reports whether node i may open sessions (it is not a provider).
func (s *StreamScenario) opener(i, nodes int) bool { return s.Sessions > 0 && i < nodes-s.Providers }

// StreamReport is what the streaming part measured. Its JSON keys are a
// public interface (the "stream" object of ogpu sim --json).
type StreamReport struct {
	Sessions   int `json:"sessions"`
	Providers  int `json:"providers"`
	Requests   int `json:"requests"`
	Answered   int `json:"answered"`
	Duplicates int `json:"duplicates"` // answers delivered twice to the caller
	Lost       int `json:"lost"`       // neither answered nor failed
	Failed     int `json:"failed"`
	Failovers  int `json:"failovers"`
	Killed     int `json:"providers_killed"`
	// Latency is Send → answer per request, failovers included.
	Latency      Percentiles `json:"latency_ms"`
	RequestsPerS float64     `json:"requests_per_s"`
	Wrong        int         `json:"wrong"` // outputs off the reference (every 10th checked)
	// WrongFromLiars counts the Wrong outputs that lying providers returned
	// (an answer is delivered before its sampled re-check catches it).
	WrongFromLiars int `json:"wrong_from_liars"`
	// With lying providers (StreamScenario.Liars): wrong answers they
	// returned, caught by the sessions' sampled re-checks, proven by a
	// verification committee (slash evidence queued), and the providers
	// slashed on-chain for a stream answer: liars and honest ones (chain
	// runs only; see byzantine.go).
	Liars         int      `json:"liars"`
	Lies          int      `json:"lies"`
	Caught        int      `json:"caught"`
	Proven        int      `json:"proven"`
	Slashed       int      `json:"slashed"`
	HonestSlashed int      `json:"honest_slashed"`
	Errors        []string `json:"errors,omitempty"`
}

func (s *StreamScenario) defaults(nodes int) {
	if s.Requests <= 0 {
		s.Requests = 1000
	}
	if s.Providers <= 0 {
		s.Providers = min(4, nodes-1)
	}
	if len(s.Layers) == 0 {
		s.Layers = []int{64, 128, 16}
	}
	if s.Seed == 0 {
		s.Seed = 1
	}
}

// sampleRate is the sessions' SampleRate: SampleRate, else 0.1 with
// liars, else off.
func (s *StreamScenario) sampleRate() float64 {
	switch {
	case s.SampleRate != 0:
		return s.SampleRate
	case s.Liars > 0:
		return 0.1
	}
	return -1
}

// RunStreams runs the streaming scenario on a running cluster: the last
// sc.Providers nodes serve an mlp model, sessions are opened from the
// other nodes in turn.
func (c *Cluster) RunStreams(ctx context.Context, sc StreamScenario) (StreamReport, error) {
	sc.defaults(len(c.Nodes))
	rep := StreamReport{Sessions: sc.Sessions, Providers: sc.Providers, Requests: sc.Sessions * sc.Requests, Liars: sc.Liars}
	if sc.Providers < 1 || sc.Providers >= len(c.Nodes) {
		return rep, fmt.Errorf("sim: %d stream providers need at least %d nodes", sc.Providers, sc.Providers+1)
	}
	if sc.Liars < 0 || sc.Liars >= sc.Providers {
		return rep, fmt.Errorf("sim: %d lying stream providers of %d: at least one must be honest", sc.Liars, sc.Providers)
	}
	clients := len(c.Nodes) - sc.Providers
	model, err := exec.MLPModel(sc.Layers, sc.Seed)
	if err != nil {
		return rep, err
	}
	first := len(c.Nodes) - sc.Providers
	modelCID, err := c.Nodes[first].Content().AddBytes(ctx, model)
	if err != nil {
		return rep, err
	}
	byPeer := map[peer.ID]int{}
	var svc stream.Service
	for i := first; i < len(c.Nodes); i++ {
		price := big.NewInt(100)
		if sc.liar(i, len(c.Nodes)) {
			price = big.NewInt(90) // cheapest: sessions start with the liars
		}
		sv, err := c.Nodes[i].Serve(ctx, stream.ServiceSpec{Workload: "mlp", Model: modelCID, Price: price})
		if err != nil {
			return rep, fmt.Errorf("sim: serve on node %d: %w", i, err)
		}
		svc = sv.Service()
		byPeer[c.Nodes[i].ID()] = i
	}
	rng := rand.New(rand.NewPCG(sc.Seed, 0x57))
	inputs := make([][]byte, 64)
	for i := range inputs {
		x := make([]float32, sc.Layers[0])
		for j := range x {
			x[j] = float32(rng.Float64()*2 - 1)
		}
		if inputs[i], err = exec.F32Blob([]int{1, sc.Layers[0]}, x); err != nil {
			return rep, err
		}
	}
	want := make([][]byte, len(inputs))
	for i, in := range inputs {
		if want[i], err = (exec.MLP{}).Reference(ctx, exec.MLPParams(sc.Layers, 1), [][]byte{model, in}); err != nil {
			return rep, err
		}
	}

	var (
		mu     sync.Mutex
		lat    []float64
		errs   = map[string]int{}
		killed = map[int]bool{}
		wg     sync.WaitGroup
	)
	start := time.Now()
	for s := range sc.Sessions {
		n := c.Nodes[s%clients]
		wg.Add(1)
		go func() {
			defer wg.Done()
			ss, err := n.OpenStream(ctx, svc.ID(), stream.SessionOptions{Ordered: true, StallTimeout: 2 * time.Second, SampleRate: sc.sampleRate()})
			if err != nil {
				mu.Lock()
				errs[err.Error()]++
				mu.Unlock()
				return
			}
			defer ss.Close()
			if sc.Liars > 0 {
				// Rank every provider before the first request, so the
				// session starts with the cheapest: a liar.
				if err := WaitFor(ctx, func() bool { return len(ss.Stats().Providers) == sc.Providers }); err != nil {
					mu.Lock()
					errs["session never saw every provider: "+err.Error()]++
					mu.Unlock()
				}
			}
			sendCtx, stop := context.WithCancel(ctx)
			defer stop()
			go func() { // ends with sendCtx, before ss.Close
				for i := range sc.Requests {
					if _, err := ss.Send(sendCtx, inputs[i%len(inputs)]); err != nil {
						return
					}
				}
			}()
			seen := make([]bool, sc.Requests+1)
			var answered, failed, dups, wrong, wrongLiars int
			// Session 0 kills the provider serving it at evenly spaced
			// answer counts. An answer can find the pipeline drained, so a
			// due kill is retried on each later answer until it lands.
			var killAt []int
			if s == 0 {
				for k := 1; k <= sc.Kills; k++ {
					killAt = append(killAt, k*sc.Requests/(sc.Kills+1))
				}
			}
			for got := 0; got < sc.Requests; {
				var r stream.Result
				select {
				case r = <-ss.Results():
				case <-ctx.Done():
					mu.Lock()
					errs["run ended with requests outstanding: "+ctx.Err().Error()]++
					mu.Unlock()
					got = sc.Requests
					continue
				}
				if r.Seq == 0 || r.Seq > uint64(sc.Requests) {
					continue
				}
				if seen[r.Seq] {
					dups++
					continue
				}
				seen[r.Seq] = true
				got++
				if r.Err != nil {
					failed++
					mu.Lock()
					errs[r.Err.Error()]++
					mu.Unlock()
					continue
				}
				answered++
				i := int(r.Seq-1) % len(inputs)
				if r.Seq%10 == 0 && (exec.MLP{}).Compare(exec.MLPParams(sc.Layers, 1), want[i], r.Output) != nil {
					wrong++
					if idx, ok := byPeer[r.Provider]; ok && sc.liar(idx, len(c.Nodes)) {
						wrongLiars++
					}
				}
				mu.Lock()
				lat = append(lat, float64(r.Latency)/float64(time.Millisecond))
				mu.Unlock()
				if len(killAt) > 0 && answered >= killAt[0] {
					for _, p := range ss.Stats().Providers {
						idx, ok := byPeer[p.Peer]
						if !ok || !p.InUse || p.InFlight == 0 {
							continue
						}
						mu.Lock()
						if !killed[idx] {
							killed[idx] = true
							c.Kill(idx)
							killAt = killAt[1:]
						}
						mu.Unlock()
						break
					}
				}
			}
			st := ss.Stats()
			mu.Lock()
			rep.Answered += answered
			rep.Failed += failed
			rep.Duplicates += dups
			rep.Wrong += wrong
			rep.WrongFromLiars += wrongLiars
			rep.Failovers += int(st.Failovers)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	rep.Killed = len(killed)
	rep.Lost = rep.Requests - rep.Answered - rep.Failed
	rep.Latency = percentiles(lat)
	if elapsed > 0 {
		rep.RequestsPerS = math.Round(float64(rep.Answered)/elapsed.Seconds()*10) / 10
	}
	for e, k := range errs {
		rep.Errors = append(rep.Errors, fmt.Sprintf("%d× %s", k, e))
	}
	if rep.Lost > 0 {
		return rep, errors.New("sim: stream requests lost")
	}
	return rep, nil
}

// writeText prints the stream report for people (nothing when nil).
func (r *StreamReport) writeText(w io.Writer) {
	if r == nil {
		return
	}
	fmt.Fprintf(w, "stream: %d sessions on %d providers, %d requests: %d answered, %d duplicates, %d lost, %d failed, %d failovers, %d providers killed\n",
		r.Sessions, r.Providers, r.Requests, r.Answered, r.Duplicates, r.Lost, r.Failed, r.Failovers, r.Killed)
	fmt.Fprintf(w, "stream latency: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms; %.1f requests/s; %d wrong (%d from liars)\n",
		r.Latency.P50, r.Latency.P95, r.Latency.P99, r.RequestsPerS, r.Wrong, r.WrongFromLiars)
	if r.Liars > 0 {
		fmt.Fprintf(w, "stream lies: %d liars returned %d wrong answers; %d caught by sampled re-checks, %d proven by a committee; slashed %d of %d liars, %d honest\n",
			r.Liars, r.Lies, r.Caught, r.Proven, r.Slashed, r.Liars, r.HonestSlashed)
	}
	for _, e := range r.Errors {
		fmt.Fprintf(w, "stream error: %s\n", e)
	}
}
