package sim

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// startAux runs the scenario's side activities beside the task workers:
// the progress callback, the timeline samples and provider churn. The
// returned stop function ends them and waits; it fills rep.Timeline and
// rep.Churned.
func (c *Cluster) startAux(ctx context.Context, sc Scenario, start time.Time, progress func() (done, failed int), rep *Report) (stop func()) {
	actx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	sample := func() {
		d, f := progress()
		rep.Timeline = append(rep.Timeline, TimePoint{T: math.Round(time.Since(start).Seconds()*1000) / 1000, Done: d, Failed: f})
		if sc.Progress != nil {
			sc.Progress(d, f, sc.Tasks)
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-actx.Done():
				return
			case <-t.C:
				sample()
			}
		}
	}()
	var churned int
	if victims := c.churnVictims(sc); len(victims) > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			churned = c.churn(actx, sc, victims, progress)
		}()
	}
	return func() {
		cancel()
		wg.Wait()
		sample()
		rep.Churned = churned
	}
}

// churnVictims picks round(Churn × providers) provider nodes (never a
// client), reproducibly from the seed.
func (c *Cluster) churnVictims(sc Scenario) []int {
	providers := len(c.Nodes) - sc.Clients
	k := int(math.Round(sc.Churn * float64(providers)))
	if k <= 0 || providers <= 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(sc.Seed, 0xC4))
	perm := rng.Perm(providers)
	out := make([]int, 0, k)
	for _, p := range perm[:min(k, providers)] {
		out = append(out, sc.Clients+p)
	}
	return out
}

// churn kills each victim once while tasks are still flowing (spread over
// the first half of the tasks), keeps it down for a moment — its tasks in
// flight must move to standbys — and restarts it with the same key.
func (c *Cluster) churn(ctx context.Context, sc Scenario, victims []int, progress func() (int, int)) int {
	const downtime = 300 * time.Millisecond
	n := 0
	for i, v := range victims {
		// Wait until the share of finished tasks reaches this victim's slot.
		target := (i + 1) * sc.Tasks / (2 * (len(victims) + 1))
		if err := WaitFor(ctx, func() bool { d, f := progress(); return d+f >= target }); err != nil {
			return n
		}
		if err := c.Kill(v); err != nil {
			continue
		}
		select {
		case <-ctx.Done():
		case <-time.After(downtime):
		}
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		err := c.Restart(rctx, v)
		cancel()
		if err == nil {
			n++
		}
	}
	return n
}

// peakRSS is the process's peak resident set size in bytes (VmHWM), or 0
// where /proc is not available.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}
