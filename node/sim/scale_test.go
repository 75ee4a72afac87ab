package sim

import (
	"bufio"
	"context"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ogpu/ogpu/node"
)

// BenchmarkSimScale is the scale check of DESIGN.md §10: N full nodes
// (store, p2p, content, market; no tasks) in one process on mocknet, only
// capacity ads flowing. After every table holds every ad, each iteration
// makes one random node re-publish and tracks when each other node first
// holds the new ad ($OGPU_SCALE_ROUNDS re-publishes per iteration, default
// 20; run it with -benchtime 1x: a second iteration builds a second
// cluster while the first one's memory is still mapped). Reported:
//
//	rss-MiB, hwm-MiB   resident and peak resident memory of the process
//	                   after warm-up (hwm: the peak, warm-up included)
//	warmup-s           first Start until every table is full (N×N entries)
//	delivered-1s-%     receivers that held the new ad within 1 s
//	p50-ms, p99-ms     delivery latency (received − signed)
//
// Goal at 1,000 nodes: rss ≤ 4 GiB, 99% delivered within 1 s. The network
// grows in waves of $OGPU_SCALE_WAVE nodes (default 100; N: all at once):
// each wave starts, dials its links to itself and to the running nodes,
// and the next one starts when every running table holds every running
// node's ad, so warm-up measures newcomers joining (publish on first peers,
// table sync) rather than a simultaneous start of N nodes competing for
// the CPU. N is $OGPU_SCALE_NODES (unset: skipped):
//
//	OGPU_SCALE_NODES=1000 go test ./node/sim -run '^$' -bench SimScale -benchtime 1x -timeout 30m
//
// $OGPU_SCALE_HEAPPROFILE=FILE writes a heap profile after the warm-up;
// with $OGPU_SCALE_HEAPPROFILE_AT=DURATION also FILE.warmup (heap),
// FILE.goroutines and FILE.cpu (the warm-up until then) that long into
// the warm-up. $OGPU_SCALE_WARMUP_MAX bounds the warm-up (default: the
// 25 min of the whole run).
func BenchmarkSimScale(b *testing.B) {
	n, err := strconv.Atoi(os.Getenv("OGPU_SCALE_NODES"))
	if err != nil || n < 2 {
		// Not in `make bench`: a 1,000-node warm-up takes minutes and
		// GiBs; see docs/simulation.md ("Scale").
		b.Skip("set OGPU_SCALE_NODES (e.g. 1000) to run the scale benchmark")
	}
	c, err := New(Config{Nodes: n, Latency: 2 * time.Millisecond, Degree: 8, NodeConfig: scaleConfig(n)})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Minute)
	defer cancel()
	wctx := ctx
	if d, err := time.ParseDuration(os.Getenv("OGPU_SCALE_WARMUP_MAX")); err == nil && d > 0 {
		var wcancel context.CancelFunc
		wctx, wcancel = context.WithTimeout(ctx, d)
		defer wcancel()
	}
	start := time.Now()
	stop := scaleProgress(b, c, start)
	wave := 100
	if v, err := strconv.Atoi(os.Getenv("OGPU_SCALE_WAVE")); err == nil && v > 0 {
		wave = v
	}
	for lo := 0; lo < n && err == nil; lo += wave {
		hi := min(lo+wave, n)
		if err = c.StartWave(wctx, lo, hi); err != nil {
			break
		}
		if hi < n { // a running network for the next wave to join
			err = WaitEvery(wctx, c.TablePoll(), func() bool { return tablesHold(c.Nodes[:hi], hi) })
			b.Logf("wave %d–%d: tables of %d full after %v", lo, hi, hi, time.Since(start).Round(time.Millisecond))
		}
	}
	if err == nil {
		b.Logf("all started and dialled after %v", time.Since(start).Round(time.Millisecond))
		err = c.WaitCapacity(wctx)
	}
	stop()
	if err != nil {
		b.Fatalf("%d of %d tables full after %v: %v", c.CapacityFull(), n, time.Since(start), err)
	}
	warmup := time.Since(start)
	runtime.GC()
	rss, hwm := procMemory()
	if path := os.Getenv("OGPU_SCALE_HEAPPROFILE"); path != "" {
		if err := writeHeapProfile(path); err != nil {
			b.Fatal(err)
		}
	}

	rounds := 20 // re-publishes per iteration: one cluster, many samples
	if v, err := strconv.Atoi(os.Getenv("OGPU_SCALE_ROUNDS")); err == nil && v > 0 {
		rounds = v
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var lat []float64
	var within, receivers int
	b.ResetTimer()
	for i := 0; i < b.N*rounds; i++ {
		src := c.Nodes[rng.IntN(n)]
		prev := map[int]uint64{}
		for j, nd := range c.Nodes {
			prev[j], _ = lookupSeq(nd, src)
		}
		src.CapacityChanged()
		seen := map[int]time.Duration{}
		wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
		WaitFor(wctx, func() bool {
			for j, nd := range c.Nodes {
				if nd == src {
					continue
				}
				if _, ok := seen[j]; ok {
					continue
				}
				if e, ok := nd.CapacityEntry(src.ID()); ok && e.Seq > prev[j] {
					seen[j] = e.Updated.Sub(e.Signed)
				}
			}
			return len(seen) == n-1
		})
		wcancel()
		receivers += n - 1
		for _, d := range seen {
			lat = append(lat, float64(d.Microseconds())/1000)
			if d <= time.Second {
				within++
			}
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(rss)/(1<<20), "rss-MiB")
	b.ReportMetric(float64(hwm)/(1<<20), "hwm-MiB")
	b.ReportMetric(warmup.Seconds(), "warmup-s")
	b.ReportMetric(100*float64(within)/float64(max(receivers, 1)), "delivered-1s-%")
	if len(lat) > 0 {
		b.ReportMetric(lat[len(lat)/2], "p50-ms")
		b.ReportMetric(lat[len(lat)*99/100], "p99-ms")
	}
}

// scaleConfig returns the node config of an n-node scale run:
// node.Simulation() with the periodic capacity re-publish every
// max(2 min, n × 0.6 s) (TTL 3×) and a table sync every 30 s. The
// cluster's background load is n/interval publishes a second, each
// delivered to n nodes with the mesh's duplicates: the interval keeps that
// at ≈ 1.7 ads/s (≈ 0.3 of a core at 1,000 nodes) whatever n, where a
// real node re-publishes every 30 s on its own cores. Changes and
// newcomers still publish at once.
func scaleConfig(n int) func(int) node.Config {
	interval := max(2*time.Minute, time.Duration(n)*600*time.Millisecond)
	return func(int) node.Config {
		c := node.Simulation()
		c.Market.CapacityInterval = node.Duration(interval)
		c.Market.CapacityTTL = node.Duration(3 * interval)
		c.Market.CapacitySync = node.Duration(30 * time.Second)
		return c
	}
}

// tablesHold reports whether every node's table holds at least n ads.
func tablesHold(nodes []*node.Node, n int) bool {
	for _, nd := range nodes {
		if nd.CapacityLen() < n {
			return false
		}
	}
	return true
}

// procMemory returns the process's resident and peak resident set sizes
// (Linux /proc/self/status; zeros elsewhere).
func procMemory() (rss, hwm uint64) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		fields := strings.Fields(v)
		if len(fields) == 0 {
			continue
		}
		kb, _ := strconv.ParseUint(fields[0], 10, 64)
		switch k {
		case "VmRSS":
			rss = kb << 10
		case "VmHWM":
			hwm = kb << 10
		}
	}
	return rss, hwm
}

// scaleProgress logs warm-up progress every 15 s (elapsed, full tables,
// entries held of N², RSS, goroutines) and, with
// $OGPU_SCALE_HEAPPROFILE_AT=DURATION, writes a heap profile that long
// into the warm-up to $OGPU_SCALE_HEAPPROFILE.warmup (and the goroutines,
// counted by stack, to $OGPU_SCALE_HEAPPROFILE.goroutines, and a CPU
// profile of the warm-up until then to $OGPU_SCALE_HEAPPROFILE.cpu). The returned func
// stops it.
func scaleProgress(b *testing.B, c *Cluster, start time.Time) (stop func()) {
	at, _ := time.ParseDuration(os.Getenv("OGPU_SCALE_HEAPPROFILE_AT"))
	path := os.Getenv("OGPU_SCALE_HEAPPROFILE")
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(15 * time.Second)
		defer t.Stop()
		var profile <-chan time.Time
		if at > 0 && path != "" {
			profile = time.After(at)
			if f, err := os.Create(path + ".cpu"); err == nil {
				pprof.StartCPUProfile(f)
				defer f.Close()
			}
		}
		for {
			select {
			case <-done:
				pprof.StopCPUProfile() // no-op unless still profiling
				return
			case <-profile:
				pprof.StopCPUProfile()
				if err := writeHeapProfile(path + ".warmup"); err != nil {
					b.Error(err)
				}
				if f, err := os.Create(path + ".goroutines"); err == nil {
					pprof.Lookup("goroutine").WriteTo(f, 1)
					f.Close()
				}
			case <-t.C:
				held := 0
				for _, nd := range c.Nodes {
					held += nd.CapacityLen()
				}
				rss, _ := procMemory()
				b.Logf("warm-up %3.0fs: %d/%d tables full, %.2f%% of entries, rss %d MiB, %d goroutines",
					time.Since(start).Seconds(), c.CapacityFull(), len(c.Nodes),
					100*float64(held)/float64(len(c.Nodes)*len(c.Nodes)), rss>>20, runtime.NumGoroutine())
			}
		}
	}()
	return func() { close(done); <-finished }
}

// writeHeapProfile writes the heap profile at the measurement point (a
// -memprofile is taken after the cluster closed).
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
