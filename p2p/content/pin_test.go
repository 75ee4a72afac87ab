package content

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"

	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/identity"
)

// gcTwice runs two GCs: the first clears the "added since the last GC"
// grace, the second sweeps what no pin reaches. It returns the total.
func gcTwice(t *testing.T, s *Store) int {
	t.Helper()
	ctx := context.Background()
	a, err := s.GC(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.GC(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return a + b
}

func TestPinOwners(t *testing.T) {
	type op struct {
		unpin string // owner to release ("" = the user's pin)
		all   bool   // UnpinOwner instead of UnpinFor
	}
	tests := []struct {
		name     string
		pinnedBy []string // owners pinning the shared file ("" = Pin)
		ops      []op
		survives bool
	}{
		{"one owner, released", []string{"job-1"}, []op{{unpin: "job-1"}}, false},
		{"one owner, kept", []string{"job-1"}, nil, true},
		{"two owners, one released", []string{"task-a", "task-b"}, []op{{unpin: "task-a"}}, true},
		{"two owners, both released", []string{"task-a", "task-b"}, []op{{unpin: "task-a"}, {unpin: "task-b", all: true}}, false},
		{"double unpin does not touch the other owner", []string{"task-a", "task-b"}, []op{{unpin: "task-a"}, {unpin: "task-a"}, {unpin: "task-a", all: true}}, true},
		{"user pin outlives owners", []string{"", "job-1"}, []op{{unpin: "job-1", all: true}}, true},
		{"owner outlives user unpin", []string{"", "job-1"}, []op{{unpin: ""}}, true},
		{"prefix-alike owner kept", []string{"job-1", "job-10"}, []op{{unpin: "job-1", all: true}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newNode(t, Config{}).store
			ctx := context.Background()
			c, err := s.AddBytes(ctx, randBytes(t, 2*DefaultChunkSize+7)) // root + 3 leaves
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range tc.pinnedBy {
				if o == "" {
					err = s.Pin(ctx, c)
				} else {
					err = s.PinFor(ctx, o, c)
				}
				if err != nil {
					t.Fatal(err)
				}
				// Idempotent.
				if o != "" {
					if err := s.PinFor(ctx, o, c); err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, o := range tc.ops {
				switch {
				case o.unpin == "":
					err = s.Unpin(ctx, c)
				case o.all:
					_, err = s.UnpinOwner(ctx, o.unpin)
				default:
					err = s.UnpinFor(ctx, o.unpin, c)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			freed := gcTwice(t, s)
			has, err := s.Has(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if has != tc.survives {
				t.Fatalf("root stored after gc = %v, want %v (freed %d)", has, tc.survives, freed)
			}
			if want := map[bool]int{true: 0, false: 4}[tc.survives]; freed != want {
				t.Fatalf("gc freed %d blocks, want %d", freed, want)
			}
			pins, err := s.Pins(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if tc.survives && (len(pins) != 1 || !pins[0].Equals(c)) {
				t.Fatalf("Pins() = %v, want [%s] once", pins, c)
			}
		})
	}
}

func TestUnpinOwnerReleasesAll(t *testing.T) {
	s := newNode(t, Config{}).store
	ctx := context.Background()
	var mine []cid.Cid
	for range 3 {
		c, err := s.AddBytes(ctx, randBytes(t, 1000))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.PinFor(ctx, "job-x", c); err != nil {
			t.Fatal(err)
		}
		mine = append(mine, c)
	}
	other, err := s.AddBytes(ctx, randBytes(t, 1000))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PinFor(ctx, "job-y", other); err != nil {
		t.Fatal(err)
	}
	got, err := s.PinsOf(ctx, "job-x")
	if err != nil || len(got) != 3 {
		t.Fatalf("PinsOf = %v, %v; want 3", got, err)
	}
	if n, err := s.UnpinOwner(ctx, "job-x"); err != nil || n != 3 {
		t.Fatalf("UnpinOwner = %d, %v; want 3", n, err)
	}
	if n, err := s.UnpinOwner(ctx, "job-x"); err != nil || n != 0 {
		t.Fatalf("second UnpinOwner = %d, %v; want 0", n, err)
	}
	if freed := gcTwice(t, s); freed != 3 {
		t.Fatalf("gc freed %d, want 3", freed)
	}
	for _, c := range mine {
		if has, _ := s.Has(ctx, c); has {
			t.Fatalf("%s survived gc after UnpinOwner", c)
		}
	}
	if has, _ := s.Has(ctx, other); !has {
		t.Fatal("another owner's pin was swept")
	}
}

func TestPinOwnerErrors(t *testing.T) {
	s := newNode(t, Config{}).store
	ctx := context.Background()
	c, err := s.AddBytes(ctx, []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	for _, owner := range []string{"", "a/b", "job 1", string(make([]byte, 129))} {
		if err := s.PinFor(ctx, owner, c); !errors.Is(err, ErrPinOwner) {
			t.Errorf("PinFor(%q) = %v, want ErrPinOwner", owner, err)
		}
		if _, err := s.UnpinOwner(ctx, owner); !errors.Is(err, ErrPinOwner) {
			t.Errorf("UnpinOwner(%q) = %v, want ErrPinOwner", owner, err)
		}
	}
	h, _ := mh.Sum([]byte("never added"), mh.SHA2_256, -1)
	missing := cid.NewCidV1(cid.Raw, h)
	if err := s.PinFor(ctx, "job-1", missing); !errors.Is(err, ErrNotFound) {
		t.Fatalf("PinFor of missing content = %v, want ErrNotFound", err)
	}
}

// TestOwnerPinsSurviveRestart: owner pins are keys in the badger
// datastore, so a reopened store keeps them and GC keeps their blocks.
func TestOwnerPinsSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	k, _ := identity.Generate()
	n, err := p2p.New(p2p.Config{Key: k, ListenAddrs: []string{"/ip4/127.0.0.1/tcp/0"}, DHTMode: p2p.DHTOff, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := n.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	open := func() *Store {
		s, err := New(Config{Host: n.Host(), Dir: dir, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Start(ctx); err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open()
	kept, err := s.AddBytes(ctx, randBytes(t, DefaultChunkSize+1))
	if err != nil {
		t.Fatal(err)
	}
	dropped, err := s.AddBytes(ctx, randBytes(t, 100))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PinFor(ctx, "task-1-out", kept); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open() // a fresh process: no "recently added" grace survives
	defer s.Close()
	if n, err := s.GC(ctx); err != nil || n != 1 {
		t.Fatalf("gc after restart freed %d, %v; want 1 (the unpinned file)", n, err)
	}
	if has, _ := s.Has(ctx, dropped); has {
		t.Fatal("unpinned file survived")
	}
	pins, err := s.PinsOf(ctx, "task-1-out")
	if err != nil || !slices.ContainsFunc(pins, kept.Equals) {
		t.Fatalf("pins after restart %v, %v", pins, err)
	}
	if _, err := s.Get(ctx, kept, 0); err != nil {
		t.Fatalf("pinned file after restart and gc: %v", err)
	}
}

// TestGCGrace: an unpinned root added or fetched within GCGrace survives
// any number of GCs; past it, the first GC keeps it once more and the
// next takes it.
func TestGCGrace(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	clock := func() time.Time { return now }
	s := newNode(t, Config{GCGrace: time.Minute, Now: clock}).store
	ctx := context.Background()
	c, err := s.AddBytes(ctx, randBytes(t, 100))
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		advance time.Duration
		freed   int
	}{
		{0, 0}, {0, 0}, {30 * time.Second, 0}, // within the grace
		{31 * time.Second, 0}, // past it: kept this once
		{0, 1},                // then taken
	}
	for i, st := range steps {
		now = now.Add(st.advance)
		n, err := s.GC(ctx)
		if err != nil || n != st.freed {
			t.Fatalf("gc %d: freed %d, %v; want %d", i, n, err, st.freed)
		}
	}
	if has, _ := s.Has(ctx, c); has {
		t.Fatal("root survived past its grace")
	}
	if s.GCFreed() != 1 {
		t.Fatalf("GCFreed = %d, want 1", s.GCFreed())
	}
}

// TestGCDuringFetch: a fetch waiting on the network neither stalls GC
// nor, through it, adds; the blocks it then receives are kept.
func TestGCDuringFetch(t *testing.T) {
	a, b := newNode(t, Config{}), newNode(t, Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	data := randBytes(t, 2*DefaultChunkSize+3)
	c, err := a.store.AddBytes(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.store.Pin(ctx, c); err != nil {
		t.Fatal(err)
	}
	// b asks for c before it knows a: the fetch waits.
	got := make(chan error, 1)
	go func() {
		fctx, fcancel := context.WithTimeout(ctx, 20*time.Second)
		defer fcancel()
		_, err := b.store.Get(fctx, c, 0)
		got <- err
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b.store.mu.Lock()
		n := b.store.fetching[c]
		b.store.mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("fetch never started")
		}
		time.Sleep(time.Millisecond)
	}
	gcDone := make(chan error, 1)
	go func() {
		_, err := b.store.GC(ctx)
		if err == nil {
			_, err = b.store.AddBytes(ctx, []byte("an add after gc"))
		}
		gcDone <- err
	}()
	select {
	case err := <-gcDone:
		if err != nil {
			t.Fatal(err)
		}
	case err := <-got:
		t.Fatalf("fetch ended (%v) before the gc and add could run", err)
	case <-time.After(10 * time.Second):
		t.Fatal("gc and add stalled behind a fetch in progress")
	}
	connect(t, a, b)
	if err := <-got; err != nil {
		t.Fatalf("fetch: %v", err)
	}
	// No pin on b: the grace (1 ns here) is over, but the first GC after a
	// fetch keeps it.
	if n, err := b.store.GC(ctx); err != nil || n != 0 {
		t.Fatalf("first gc after the fetch freed %d, %v; want 0", n, err)
	}
}
