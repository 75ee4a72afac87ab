package market_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	mocknet "github.com/libp2p/go-libp2p/p2p/net/mock"
	ma "github.com/multiformats/go-multiaddr"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/content"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/store"
)

// peerNode is one market on a mocknet host with its own network, content
// store, database and CPU backend: everything real, in one process.
type peerNode struct {
	key     *identity.Key
	net     *p2p.Network
	content *content.Store
	db      *store.DB
	m       *market.Market
}

type clusterOpts struct {
	n      int
	offer  func(i int) market.Offer // nil: default offer for everyone
	config func(i int, c *market.Config)
}

func defaultOffer() market.Offer {
	return market.Offer{PriceFloor: map[string]string{"matmul": "10", "hashgrind": "10", "render": "10", "mlp": "10"}}
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

// newCluster starts o.n fully linked market nodes and waits until every
// node sees the others on the tasks topic.
func newCluster(t *testing.T, o clusterOpts) []*peerNode {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	mn := mocknet.New()
	t.Cleanup(func() { mn.Close() })
	reg := exec.DefaultRegistry()
	cpu := exec.NewCPU(exec.CPUConfig{Registry: reg, Workers: 1})
	nodes := make([]*peerNode, o.n)
	for i := range nodes {
		k, err := identity.Generate()
		if err != nil {
			t.Fatal(err)
		}
		h, err := mn.AddPeer(k.LibP2P(), ma.StringCast(fmt.Sprintf("/ip4/10.0.0.%d/tcp/4001", i+1)))
		if err != nil {
			t.Fatal(err)
		}
		nodes[i] = &peerNode{key: k}
		pn := nodes[i]
		if pn.net, err = p2p.New(p2p.Config{Key: k, Host: h, DHTMode: p2p.DHTOff, Logger: quiet()}); err != nil {
			t.Fatal(err)
		}
		if pn.content, err = content.New(content.Config{Host: h, InMemory: true, Logger: quiet()}); err != nil {
			t.Fatal(err)
		}
		if pn.db, err = store.Open(store.Config{InMemory: true, Logger: quiet()}); err != nil {
			t.Fatal(err)
		}
	}
	if err := mn.LinkAll(); err != nil {
		t.Fatal(err)
	}
	for i, pn := range nodes {
		if err := pn.net.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if err := pn.content.Start(ctx); err != nil {
			t.Fatal(err)
		}
		off := defaultOffer()
		if o.offer != nil {
			off = o.offer(i)
		}
		cfg := market.Config{
			Net: pn.net, Key: pn.key, DB: pn.db, Content: pn.content, Workloads: reg,
			Client: true, Runner: cpu, Offer: func() market.Offer { return off }, Slots: 4,
			Logger: quiet(),
		}
		if o.config != nil {
			o.config(i, &cfg)
		}
		m, err := market.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Start(ctx); err != nil {
			t.Fatal(err)
		}
		pn.m = m
		t.Cleanup(func() {
			m.Close()
			pn.content.Close()
			pn.net.Close()
			pn.db.Close()
		})
	}
	if err := mn.ConnectAllButSelf(); err != nil {
		t.Fatal(err)
	}
	// Wait for the tasks topic mesh: every node knows every other as a
	// subscriber.
	waitFor(t, ctx, func() bool {
		for _, pn := range nodes {
			if len(pn.net.PubSub().ListPeers(p2p.TopicTasks)) < o.n-1 {
				return false
			}
		}
		return true
	})
	return nodes
}

func waitFor(t *testing.T, ctx context.Context, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("condition not met: %v", ctx.Err())
		case <-tick.C:
		}
	}
}

func reference(t *testing.T, workload string, p exec.Params, inputs [][]byte) []byte {
	t.Helper()
	w, err := exec.DefaultRegistry().Get(workload)
	if err != nil {
		t.Fatal(err)
	}
	out, err := w.Reference(context.Background(), p, inputs)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestJobsEndToEnd(t *testing.T) {
	nodes := newCluster(t, clusterOpts{n: 4})
	mm := exec.Params{"m": "16", "k": "8", "n": "12"}
	mmIn, err := exec.Matmul{}.RandomInputs(mm, 7)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		workload string
		params   exec.Params
		inputs   [][]byte
		shards   int
	}{
		{"hashgrind", "hashgrind", exec.Params{"prefix": "01", "end": "4096", "difficulty": "8"}, nil, 1},
		{"matmul", "matmul", mm, mmIn, 1},
		{"matmul sharded", "matmul", mm, mmIn, 3},
		{"render sharded", "render", exec.Params{"width": "64", "height": "48", "max_iter": "64"}, nil, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			cl := nodes[0]
			id, err := cl.m.Submit(ctx, market.JobSpec{
				Workload: tc.workload, Params: tc.params, Inputs: tc.inputs, MaxPrice: big.NewInt(100), Shards: tc.shards,
			})
			if err != nil {
				t.Fatal(err)
			}
			res, err := cl.m.Wait(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if tc.shards > 1 && len(res.Tasks) < 2 {
				t.Fatalf("%d tasks, want a sharded job", len(res.Tasks))
			}
			for _, tk := range res.Tasks {
				if tk.Provider == cl.key.PeerID() || tk.Provider == "" {
					t.Fatalf("task %s run by %q", tk.ID.Short(), tk.Provider)
				}
			}
			got, err := cl.content.Get(ctx, res.ResultCID, 0)
			if err != nil {
				t.Fatal(err)
			}
			want := reference(t, tc.workload, tc.params, tc.inputs)
			w, _ := exec.DefaultRegistry().Get(tc.workload)
			if err := w.Compare(tc.params, want, got); err != nil {
				t.Fatalf("result differs from the CPU reference: %v", err)
			}
		})
	}
}

func TestNoBidFailsFastWithReasons(t *testing.T) {
	nodes := newCluster(t, clusterOpts{n: 3, offer: func(i int) market.Offer {
		switch i {
		case 1:
			return market.Offer{PriceFloor: map[string]string{"matmul": "3"}, GPUs: []market.OfferGPU{{Name: "RTX 3070", MemoryFree: 8 << 30}}}
		case 2:
			return market.Offer{PriceFloor: map[string]string{"matmul": "3"}, GPUs: []market.OfferGPU{{Name: "H100", MemoryFree: 80 << 30}}}
		}
		return defaultOffer()
	}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p := exec.Params{"m": "2", "k": "2", "n": "2"}
	in, _ := exec.Matmul{}.RandomInputs(p, 1)
	start := time.Now()
	id, err := nodes[0].m.Submit(ctx, market.JobSpec{
		Workload: "matmul", Params: p, Inputs: in, MaxPrice: big.NewInt(2),
		Requirements: market.Requirements{MinVRAM: 12 << 30},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = nodes[0].m.Wait(ctx, id)
	var nb *market.NoBidError
	if !errors.As(err, &nb) {
		t.Fatalf("got %v, want a NoBidError", err)
	}
	// Waiting again reads the persisted job: the same typed error.
	if _, err2 := nodes[0].m.Wait(ctx, id); !errors.As(err2, new(*market.NoBidError)) {
		t.Fatalf("second Wait: %v, want a NoBidError", err2)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("failed after %s, want fast", d)
	}
	want := map[peer.ID]string{
		nodes[1].key.PeerID(): "VRAM 8 GiB < 12 GiB required",
		nodes[2].key.PeerID(): "price floor 3 > max 2",
	}
	for id, r := range want {
		if got := nb.Reasons[id.String()]; got != r {
			t.Errorf("peer %s: reason %q, want %q (all: %v)", id, got, r, nb.Lines())
		}
	}
	info, err := nodes[0].m.Job(id)
	if err != nil || info.State != market.JobFailed || len(info.Reasons) != 2 {
		t.Fatalf("job info %+v, %v", info, err)
	}
}

func TestNoProviderSawTheTask(t *testing.T) {
	nodes := newCluster(t, clusterOpts{n: 2, config: func(i int, c *market.Config) {
		if i == 1 {
			c.Runner = nil // a client only: never answers
		}
	}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// The only other peer never answers: to the client that looks like
	// congestion, so the task keeps trying until the job deadline and then
	// fails saying nobody saw it.
	id, err := nodes[0].m.Submit(ctx, market.JobSpec{
		Workload: "hashgrind", Params: map[string]string{"end": "16", "difficulty": "1"}, MaxPrice: big.NewInt(5),
		Timeout: time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = nodes[0].m.Wait(ctx, id)
	var nb *market.NoBidError
	if !errors.As(err, &nb) || len(nb.Reasons) != 0 || !errors.Is(err, market.ErrDeadline) ||
		!bytes.Contains([]byte(err.Error()), []byte(market.NoProviderSaw)) {
		t.Fatalf("got %v, want %q at the deadline", err, market.NoProviderSaw)
	}
}

// A provider with one slot bids on both shards of a job at once; the second
// award finds the slot taken and is refused as busy. Busy is transient: the
// task goes back to bidding and the same provider runs it once the slot is
// free, instead of being excluded from the task for good (which, with no
// other provider, failed the job).
func TestBusyAwardRefusalIsTransient(t *testing.T) {
	nodes := newCluster(t, clusterOpts{n: 2, config: func(i int, c *market.Config) {
		switch i {
		case 0:
			c.Runner = nil // the client only
		case 1:
			c.Slots = 1
		}
	}})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	ev := nodes[0].m.Events()
	p := exec.Params{"prefix": "0b", "end": "262144", "difficulty": "255"}
	id, err := nodes[0].m.Submit(ctx, market.JobSpec{Workload: "hashgrind", Params: p, MaxPrice: big.NewInt(100), Shards: 3})
	if err != nil {
		t.Fatal(err)
	}
	res, err := nodes[0].m.Wait(ctx, id)
	if err != nil {
		t.Fatalf("job failed: %v", err)
	}
	awards := 0
	for len(ev) > 0 {
		if e := <-ev; e.Kind == market.EventAwarded {
			awards++
		}
	}
	if awards <= len(res.Tasks) {
		t.Logf("%d awards for %d tasks: no award was refused this run", awards, len(res.Tasks))
	}
	for _, tk := range res.Tasks {
		if tk.Provider != nodes[1].key.PeerID() {
			t.Fatalf("task %s run by %s, want the only provider", tk.ID.Short(), tk.Provider)
		}
	}
	got, err := nodes[0].content.Get(ctx, res.ResultCID, 0)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := exec.DefaultRegistry().Get("hashgrind")
	if err := w.Compare(p, reference(t, "hashgrind", p, nil), got); err != nil {
		t.Fatal(err)
	}
}
