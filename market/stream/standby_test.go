package stream_test

import (
	"context"
	"errors"
	"math/big"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market/stream"
)

// busyRunner is a real runner whose device is busy d per request, so a
// provider of one slot saturates at a rate a test can drive.
type busyRunner struct {
	r stream.Runner
	d time.Duration
}

func (b busyRunner) Run(ctx context.Context, t exec.Task) (exec.Result, error) {
	res, err := b.r.Run(ctx, t)
	select {
	case <-time.After(b.d):
	case <-ctx.Done():
	}
	return res, err
}

func busyCluster(t testing.TB, n int) *cluster {
	return newCluster(t, clusterOpts{n: n, config: func(i int, c *stream.Config) {
		c.Runner = busyRunner{r: c.Runner, d: 2 * time.Millisecond}
		c.HeartbeatTTL = 1200 * time.Millisecond
	}})
}

// testPolicy is the demand policy at test speed (heartbeats every 200 ms).
func testPolicy() stream.DemandPolicy {
	return stream.DemandPolicy{Hold: 600 * time.Millisecond, Jitter: 300 * time.Millisecond, Check: 50 * time.Millisecond}
}

func (c *cluster) standby(pol stream.DemandPolicy, idx ...int) []*stream.Standby {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out []*stream.Standby
	for _, i := range idx {
		spec := stream.ServiceSpec{Workload: "mlp", Model: c.model, Price: big1(), Slots: 1, Window: 16}
		sb, err := c.members[i].st.Standby(ctx, spec, pol)
		if err != nil {
			c.t.Fatalf("standby on %d: %v", i, err)
		}
		out = append(out, sb)
	}
	return out
}

func serving(sbs []*stream.Standby) int {
	n := 0
	for _, sb := range sbs {
		if sb.Serving() != nil {
			n++
		}
	}
	return n
}

// driver sends requests on a session, flat out or paced, and checks every
// answer: exactly once, in order, the right output.
type driver struct {
	c       *cluster
	ss      *stream.Session
	pace    atomic.Int64 // ns between sends; 0: flat out
	sent    atomic.Int64
	stop    chan struct{}
	wg      sync.WaitGroup
	mu      sync.Mutex
	seen    map[uint64]int
	answer  int
	dups    int
	errs    []error
	lastSeq uint64
}

func drive(c *cluster, ss *stream.Session) *driver {
	d := &driver{c: c, ss: ss, stop: make(chan struct{}), seen: map[uint64]int{}}
	ctx, cancel := context.WithCancel(context.Background())
	d.wg.Add(2)
	go func() {
		defer d.wg.Done()
		defer cancel()
		for i := uint64(0); ; i++ {
			select {
			case <-d.stop:
				return
			default:
			}
			// Only this goroutine sends, so request i has seq i+1.
			if _, err := ss.Send(ctx, input(c.t, 1, i)); err != nil {
				if !errors.Is(err, context.Canceled) {
					d.fail(err)
				}
				return
			}
			d.sent.Add(1)
			if p := d.pace.Load(); p > 0 {
				select {
				case <-time.After(time.Duration(p)):
				case <-d.stop:
					return
				}
			}
		}
	}()
	go func() {
		defer d.wg.Done()
		for r := range ss.Results() {
			d.mu.Lock()
			switch {
			case r.Err != nil:
				d.errs = append(d.errs, r.Err)
			case d.seen[r.Seq] > 0:
				d.dups++
			case r.Seq != d.lastSeq+1:
				d.errs = append(d.errs, errors.New("answer out of order"))
			default:
				if err := c.matches(input(c.t, 1, r.Seq-1), r.Output); err != nil {
					d.errs = append(d.errs, err)
				}
				d.answer++
				d.lastSeq = r.Seq
			}
			d.seen[r.Seq]++
			d.mu.Unlock()
		}
	}()
	return d
}

func (d *driver) fail(err error) {
	d.mu.Lock()
	d.errs = append(d.errs, err)
	d.mu.Unlock()
}

func (d *driver) answered() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.answer
}

// finish stops sending, waits for every answer, closes the session and
// checks answered == sent, no duplicates, no errors.
func (d *driver) finish(t *testing.T) {
	t.Helper()
	close(d.stop)
	waitFor(t, 20*time.Second, "every request answered", func() bool {
		return int64(d.answered()) == d.sent.Load()
	})
	st := d.ss.Stats()
	d.ss.Close()
	d.wg.Wait()
	t.Logf("sent %d, answered %d, duplicates %d, failovers %d, replayed %d", d.sent.Load(), d.answer, d.dups, st.Failovers, st.Replayed)
	if int64(d.answer) != d.sent.Load() || d.dups != 0 || len(d.errs) != 0 || st.Failed != 0 {
		t.Fatalf("sent %d, answered %d, duplicates %d, failed %d, errors %v", d.sent.Load(), d.answer, d.dups, st.Failed, d.errs)
	}
}

// TestStandbyJoinLeave: one always-on provider of one slot and three
// standby providers. A client's sustained load saturates it, so the
// standbys join one by one and take load; the load drops to a trickle, so
// they leave one by one while the session keeps sending. Nothing is lost
// or answered twice, and each standby joined and left exactly once.
func TestStandbyJoinLeave(t *testing.T) {
	c := busyCluster(t, 5)
	svc := c.serve(1, func(s *stream.ServiceSpec) { s.Window = 16 }, 1)
	sbs := c.standby(testPolicy(), 2, 3, 4)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	ss, err := c.members[0].st.Open(ctx, svc.ID(), stream.SessionOptions{
		Ordered: true, MaxProviders: 4, MaxPending: 128, SampleRate: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	for _, sb := range sbs {
		if sb.Serving() != nil {
			t.Fatal("a standby serves before any demand")
		}
	}
	d := drive(c, ss)
	t0 := time.Now()
	waitFor(t, 30*time.Second, "all three standbys to join", func() bool { return serving(sbs) == 3 })
	t.Logf("all joined after %s", time.Since(t0).Round(time.Millisecond))
	waitFor(t, 10*time.Second, "the joined providers to serve requests", func() bool {
		for _, sb := range sbs {
			if sv := sb.Serving(); sv == nil || sv.Info().Served == 0 {
				return false
			}
		}
		return true
	})
	for _, sb := range sbs {
		if got := sb.Info().State; got != stream.StateServing {
			t.Fatalf("state %q, want serving", got)
		}
	}
	d.pace.Store(int64(20 * time.Millisecond)) // a trickle: load ~0.03
	mark := d.answered()
	t1 := time.Now()
	waitFor(t, 30*time.Second, "all three to leave", func() bool { return serving(sbs) == 0 })
	t.Logf("all left after %s", time.Since(t1).Round(time.Millisecond))
	waitFor(t, 10*time.Second, "requests after the leaves", func() bool { return d.answered() > mark+20 })
	d.finish(t)
	for i, sb := range sbs {
		in := sb.Info()
		if in.Joins != 1 || in.Leaves != 1 || in.State != stream.StateStandby {
			t.Fatalf("standby %d: %+v, want one join and one leave", i, in)
		}
	}
	if got := c.members[1].st.Served(); len(got) != 1 {
		t.Fatalf("the always-on provider serves %d services", len(got))
	}
}

// TestStandbyFlapping: load that flips between saturation and idle every
// quarter second averages between LeaveLoad and JoinLoad over the hold
// period, so the standby neither joins nor, once joined, leaves on every
// flip.
func TestStandbyFlapping(t *testing.T) {
	c := busyCluster(t, 3)
	svc := c.serve(1, func(s *stream.ServiceSpec) { s.Window = 16 }, 1)
	pol := testPolicy()
	pol.Hold = time.Second
	sb := c.standby(pol, 2)[0]
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	ss, err := c.members[0].st.Open(ctx, svc.ID(), stream.SessionOptions{Ordered: true, MaxProviders: 2, MaxPending: 64, SampleRate: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	d := drive(c, ss)
	flips := 0
	var maxSeen float64
	for end := time.Now().Add(4 * time.Second); time.Now().Before(end); flips++ {
		if flips%2 == 0 {
			d.pace.Store(0)
		} else {
			d.pace.Store(int64(50 * time.Millisecond))
		}
		// Wait out the phase, watching that the load really flips.
		phase := time.Now().Add(250 * time.Millisecond)
		for time.Now().Before(phase) {
			for _, p := range ss.Stats().Providers {
				maxSeen = max(maxSeen, p.Load)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	d.finish(t)
	in := sb.Info()
	t.Logf("%d flips, max load seen %.2f, standby %+v", flips, maxSeen, in)
	if maxSeen < pol.JoinLoad {
		t.Fatalf("load peaked at %.2f: the test never saturated the provider", maxSeen)
	}
	if in.Joins+in.Leaves > 1 {
		t.Fatalf("standby joined %d and left %d times over %d flips", in.Joins, in.Leaves, flips)
	}
}

// TestStandbyTakesOver: MinProviders keeps a service served: when its
// only provider leaves, a standby joins though no load is measured.
func TestStandbyTakesOver(t *testing.T) {
	c := busyCluster(t, 3)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sv, err := c.members[1].st.Serve(ctx, stream.ServiceSpec{Workload: "mlp", Model: c.model, Price: big1(), Slots: 1})
	if err != nil {
		t.Fatal(err)
	}
	sbs := c.standby(testPolicy(), 2)
	waitFor(t, 10*time.Second, "the standby to see the provider", func() bool { return sbs[0].Info().Providers == 1 })
	// Idle and served: the standby stays out for several hold periods.
	stay := time.Now().Add(3 * testPolicy().Hold)
	for time.Now().Before(stay) {
		if sbs[0].Serving() != nil {
			t.Fatal("the standby joined an idle, served service")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := sv.Stop(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the standby to take over", func() bool { return serving(sbs) == 1 })
	ss, err := c.members[0].st.Open(ctx, sv.Service().ID(), stream.SessionOptions{SampleRate: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	in := input(t, 1, 9)
	out, err := ss.Do(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.matches(in, out); err != nil {
		t.Fatal(err)
	}
}

func TestStandbyErrors(t *testing.T) {
	c := newCluster(t, clusterOpts{n: 2, config: func(i int, cfg *stream.Config) {
		if i == 0 {
			cfg.Runner = nil
		}
	}})
	svc := c.serve(1, nil, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	spec := func() stream.ServiceSpec {
		return stream.ServiceSpec{Workload: "mlp", Model: c.model, Price: big1()}
	}
	for _, tc := range []struct {
		name string
		m    int
		spec stream.ServiceSpec
		pol  stream.DemandPolicy
		want error
	}{
		{"leave over join", 1, spec(), stream.DemandPolicy{JoinLoad: 0.5, LeaveLoad: 0.6}, stream.ErrBadPolicy},
		{"join over 1", 1, spec(), stream.DemandPolicy{JoinLoad: 1.5}, stream.ErrBadPolicy},
		{"negative leave", 1, spec(), stream.DemandPolicy{LeaveLoad: -0.1}, stream.ErrBadPolicy},
		{"no price", 1, stream.ServiceSpec{Workload: "mlp", Model: c.model}, stream.DemandPolicy{}, stream.ErrBadService},
		{"already served", 1, spec(), stream.DemandPolicy{}, stream.ErrAlreadyServing},
		{"client only", 0, spec(), stream.DemandPolicy{}, stream.ErrNotProvider},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := c.members[tc.m].st.Standby(ctx, tc.spec, tc.pol); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	got := c.members[1].st.Services()
	if len(got) != 1 || got[0].State != stream.StateServing || got[0].Service != svc.ID() || got[0].Auto != nil {
		t.Fatalf("services %+v", got)
	}
}

// BenchmarkStandbyJoin measures how long a standby takes to serve once
// demand rises: from the start of a load that saturates the one serving
// provider (one slot, 2 ms a request) to the standby serving (join-ms)
// and to its first answer (answer-ms), at Hold 500 ms and Jitter 250 ms
// with heartbeats every 200 ms. Expect about Hold + Jitter/2 + one
// heartbeat.
func BenchmarkStandbyJoin(b *testing.B) {
	c := busyCluster(b, 3)
	svc := c.serve(1, func(s *stream.ServiceSpec) { s.Window = 16 }, 1)
	pol := stream.DemandPolicy{Hold: 500 * time.Millisecond, Jitter: 250 * time.Millisecond, Check: 50 * time.Millisecond}
	id2 := c.members[2].key.PeerID()
	var join, answer time.Duration
	for b.Loop() {
		sb := c.standby(pol, 2)[0]
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		ss, err := c.members[0].st.Open(ctx, svc.ID(), stream.SessionOptions{MaxProviders: 2, MaxPending: 64, SampleRate: -1})
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		first := make(chan time.Time, 1)
		var sent, answered atomic.Int64
		sctx, stop := context.WithCancel(ctx)
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := uint64(0); ; i++ {
				if _, err := ss.Send(sctx, input(b, 1, i)); err != nil {
					return
				}
				sent.Add(1)
			}
		}()
		go func() {
			defer wg.Done()
			for r := range ss.Results() {
				answered.Add(1)
				if r.Provider == id2 {
					select {
					case first <- time.Now():
					default:
					}
				}
			}
		}()
		waitFor(b, 20*time.Second, "the standby to join", func() bool { return sb.Serving() != nil })
		join += time.Since(t0)
		select {
		case at := <-first:
			answer += at.Sub(t0)
		case <-ctx.Done():
			b.Fatal("the standby answered nothing")
		}
		// Drain before closing: a provider charges requests when it admits
		// them, so ones abandoned in flight by Close stay unpaid on the
		// client's account and the next iteration's session would soon
		// pass the credit limit.
		stop()
		waitFor(b, 20*time.Second, "every answer", func() bool { return answered.Load() == sent.Load() })
		ss.Close()
		wg.Wait()
		cancel()
		if err := sb.Stop(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(join.Milliseconds())/float64(b.N), "join-ms")
	b.ReportMetric(float64(answer.Milliseconds())/float64(b.N), "answer-ms")
}

// TestStandbyDemand: a service nobody serves, two standbys that keep no
// provider floor (MinProviders -1). Idle, neither joins. A client opens a
// session at a max price of 10: its demand makes the standby priced 1 join
// (the one priced 100 stays out), the session opens and is answered; when
// it closes the standby leaves again.
func TestStandbyDemand(t *testing.T) {
	c := busyCluster(t, 3)
	pol := testPolicy()
	pol.MinProviders = -1
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var sbs []*stream.Standby
	for i, price := range map[int]int64{1: 1, 2: 100} {
		sb, err := c.members[i].st.Standby(ctx, stream.ServiceSpec{Workload: "mlp", Model: c.model, Price: big.NewInt(price), Slots: 1}, pol)
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			sbs = append([]*stream.Standby{sb}, sbs...)
		} else {
			sbs = append(sbs, sb)
		}
	}
	cheap, dear := sbs[0], sbs[1]
	stay := time.Now().Add(3 * pol.Hold)
	for time.Now().Before(stay) {
		if serving(sbs) != 0 {
			t.Fatal("a standby joined an idle service with no provider floor")
		}
		time.Sleep(20 * time.Millisecond)
	}
	t0 := time.Now()
	ss, err := c.members[0].st.Open(ctx, cheap.Service().ID(), stream.SessionOptions{MaxPrice: big.NewInt(10), DiscoveryTimeout: 20 * time.Second, SampleRate: -1})
	if err != nil {
		t.Fatalf("open: %v (standbys %+v, %+v)", err, cheap.Info(), dear.Info())
	}
	t.Logf("session opened after %s", time.Since(t0).Round(time.Millisecond))
	for i := range 20 {
		in := input(t, 1, uint64(i))
		out, err := ss.Do(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.matches(in, out); err != nil {
			t.Fatal(err)
		}
	}
	if cheap.Serving() == nil || dear.Info().Joins != 0 {
		t.Fatalf("cheap %+v, dear %+v", cheap.Info(), dear.Info())
	}
	if err := ss.Close(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the standby to leave once the session closed", func() bool { return cheap.Serving() == nil })
	if in := cheap.Info(); in.Joins != 1 || in.Leaves != 1 {
		t.Fatalf("cheap standby %+v", in)
	}
}

// TestStopByID: Streams.Stop ends a served service and a standby by ID,
// and says clearly when there is nothing to stop.
func TestStopByID(t *testing.T) {
	c := newCluster(t, clusterOpts{n: 2})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st := c.members[1].st
	spec := stream.ServiceSpec{Workload: "mlp", Model: c.model, Price: big1(), Slots: 1}
	id := spec.Service().ID()
	if err := st.Stop(id); !errors.Is(err, stream.ErrNotServing) {
		t.Fatalf("stop before serving: %v, want ErrNotServing", err)
	}
	if err := st.Stop("mlp-no-cid"); !errors.Is(err, stream.ErrBadService) {
		t.Fatalf("stop a malformed ID: %v, want ErrBadService", err)
	}
	if _, err := st.Serve(ctx, spec); err != nil {
		t.Fatal(err)
	}
	if err := st.Stop(id); err != nil {
		t.Fatal(err)
	}
	if got := st.Services(); len(got) != 0 {
		t.Fatalf("after stopping the served service: %+v", got)
	}
	if _, err := st.Standby(ctx, spec, stream.DemandPolicy{MinProviders: -1}); err != nil {
		t.Fatal(err)
	}
	if err := st.Stop(id); err != nil {
		t.Fatal(err)
	}
	if got := st.Services(); len(got) != 0 {
		t.Fatalf("after stopping the standby: %+v", got)
	}
	if _, err := st.Serve(ctx, spec); err != nil { // free again
		t.Fatalf("serve after stop: %v", err)
	}
}
