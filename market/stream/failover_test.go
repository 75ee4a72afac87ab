package stream_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/market/stream"
)

// TestFailoverKill is the must-show: 1,000 requests over one session while
// 2 of its 4 serving providers are killed mid-stream (each the one in use
// at the time). Every request is answered exactly once, in order, with the
// right output.
func TestFailoverKill(t *testing.T) {
	const total = 1000
	c := newCluster(t, clusterOpts{n: 5})
	svc := c.serve(10, func(s *stream.ServiceSpec) { s.Window = 16 }, 1, 2, 3, 4)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	ss, err := c.members[0].st.Open(ctx, svc.ID(), stream.SessionOptions{
		Ordered: true, MaxPending: 64, StallTimeout: time.Second, SampleRate: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	waitFor(t, 10*time.Second, "all 4 providers' heartbeats", func() bool { return len(ss.Stats().Providers) == 4 })

	inputs := make([][]byte, total)
	for i := range inputs {
		inputs[i] = input(t, 1, uint64(i))
	}
	byPeer := map[peer.ID]*member{}
	for _, m := range c.members[1:] {
		byPeer[m.key.PeerID()] = m
	}
	go func() {
		for i := range inputs {
			if _, err := ss.Send(ctx, inputs[i]); err != nil {
				return
			}
		}
	}()
	seen := make([]int, total+1)
	var killed []peer.ID
	answered, dups := 0, 0
	for answered+dups < total {
		var r stream.Result
		select {
		case r = <-ss.Results():
		case <-ctx.Done():
			t.Fatalf("timed out with %d answered, stats %+v", answered, ss.Stats())
		}
		if r.Err != nil {
			t.Fatalf("request %d failed: %v", r.Seq, r.Err)
		}
		if seen[r.Seq]++; seen[r.Seq] > 1 {
			dups++
			continue
		}
		if want := uint64(answered + 1); r.Seq != want {
			t.Fatalf("result %d out of order: got seq %d", want, r.Seq)
		}
		if err := c.matches(inputs[r.Seq-1], r.Output); err != nil {
			t.Fatalf("request %d: %v", r.Seq, err)
		}
		answered++
		// Kill the provider serving now: the first at 300 answers, the
		// second at 650. The pipeline can be momentarily drained when an
		// answer arrives, so each kill waits for the next answer that finds
		// a provider in use with requests in flight.
		if (len(killed) == 0 && answered >= 300) || (len(killed) == 1 && answered >= 650) {
			for _, p := range ss.Stats().Providers {
				if p.InUse && p.InFlight > 0 && !slices.Contains(killed, p.Peer) {
					byPeer[p.Peer].kill()
					killed = append(killed, p.Peer)
					break
				}
			}
		}
	}
	st := ss.Stats()
	lost := total - answered
	t.Logf("answered %d, duplicates %d, lost %d, failovers %d, replayed %d, killed %d", answered, dups, lost, st.Failovers, st.Replayed, len(killed))
	if answered != total || dups != 0 || lost != 0 || st.Failed != 0 {
		t.Fatalf("answered %d, duplicates %d, lost %d, failed %d", answered, dups, lost, st.Failed)
	}
	if len(killed) != 2 || st.Failovers < 2 {
		t.Fatalf("killed %d providers, %d failovers: the test did not exercise failover", len(killed), st.Failovers)
	}
}

// TestFailoverLeave: a provider that stops serving (last heartbeat says
// leaving, its sessions get StreamStop) is left for the other one.
func TestFailoverLeave(t *testing.T) {
	c := newCluster(t, clusterOpts{n: 3})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var servs []*stream.Serving
	for _, i := range []int{1, 2} {
		sv, err := c.members[i].st.Serve(ctx, stream.ServiceSpec{Workload: "mlp", Model: c.model, Price: big1(), Slots: 1})
		if err != nil {
			t.Fatal(err)
		}
		servs = append(servs, sv)
	}
	ss, err := c.members[0].st.Open(ctx, servs[0].Service().ID(), stream.SessionOptions{MaxProviders: 1, SampleRate: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	waitFor(t, 10*time.Second, "both providers", func() bool { return len(ss.Stats().Providers) == 2 })
	for i := range 50 {
		if _, err := ss.Do(ctx, input(t, 1, uint64(i))); err != nil {
			t.Fatal(err)
		}
	}
	var used peer.ID
	for _, p := range ss.Stats().Providers {
		if p.InUse {
			used = p.Peer
		}
	}
	for i, m := range c.members[1:] {
		if m.key.PeerID() == used {
			if err := servs[i].Stop(); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := range 50 {
		if _, err := ss.Do(ctx, input(t, 1, uint64(100+i))); err != nil {
			t.Fatalf("after leave: %v", err)
		}
	}
	if st := ss.Stats(); st.Answered != 100 || st.Failovers < 1 {
		t.Fatalf("stats %+v", st)
	}
}
