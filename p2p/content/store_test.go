package content

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
	mh "github.com/multiformats/go-multihash"

	"github.com/ogpu/ogpu/internal/leaktest"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/identity"
)

func TestMain(m *testing.M) { leaktest.VerifyTestMain(m) }

// node is a started loopback Network with a Store on its host.
type node struct {
	net   *p2p.Network
	store *Store
}

func newNode(t testing.TB, cfg Config) *node {
	t.Helper()
	k, err := identity.Generate()
	if err != nil {
		t.Fatal(err)
	}
	n, err := p2p.New(p2p.Config{Key: k, ListenAddrs: []string{"/ip4/127.0.0.1/tcp/0"}, DHTMode: p2p.DHTOff, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := n.Start(ctx); err != nil {
		t.Fatal(err)
	}
	cfg.Host = n.Host()
	if cfg.Dir == "" {
		cfg.InMemory = true
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.GCGrace == 0 {
		cfg.GCGrace = time.Nanosecond // unpinned roots go at the second GC
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	nd := &node{net: n, store: s}
	t.Cleanup(nd.close(t))
	return nd
}

func (nd *node) close(t testing.TB) func() {
	return func() {
		if err := errors.Join(nd.store.Close(), nd.net.Close()); err != nil {
			t.Errorf("close: %v", err)
		}
	}
}

func connect(t testing.TB, a, b *node) {
	t.Helper()
	h := b.net.Host()
	if err := a.net.Host().Connect(context.Background(), peer.AddrInfo{ID: h.ID(), Addrs: h.Addrs()}); err != nil {
		t.Fatal(err)
	}
}

func randBytes(t testing.TB, n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

func TestAddGetLocalAndRemote(t *testing.T) {
	a, b := newNode(t, Config{}), newNode(t, Config{})
	connect(t, b, a)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for _, size := range []int{0, 10, DefaultChunkSize, 3*DefaultChunkSize + 17} {
		data := randBytes(t, size)
		c, err := a.store.AddBytes(ctx, data)
		if err != nil {
			t.Fatal(err)
		}
		if c.Version() != 1 {
			t.Fatalf("CID %s is not v1", c)
		}
		for name, s := range map[string]*Store{"local": a.store, "remote": b.store} {
			got, err := s.Get(ctx, c, 0)
			if err != nil {
				t.Fatalf("%s get %d bytes: %v", name, size, err)
			}
			if !bytes.Equal(got, data) {
				t.Fatalf("%s get %d bytes: content differs", name, size)
			}
		}
		rc, err := b.store.Cat(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("cat %d bytes: %v", size, err)
		}
	}
}

func TestGetErrors(t *testing.T) {
	a := newNode(t, Config{})
	ctx := context.Background()
	c, err := a.store.AddBytes(ctx, randBytes(t, 2*DefaultChunkSize))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.Get(ctx, c, DefaultChunkSize); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("get over limit: %v, want ErrTooLarge", err)
	}
	h, _ := mh.Sum([]byte("nobody has this"), mh.SHA2_256, -1)
	unknown := cid.NewCidV1(cid.Raw, h)
	tctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if _, err := a.store.Get(tctx, unknown, 0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("get unknown: %v, want ErrNotFound", err)
	}
}

func TestPinGC(t *testing.T) {
	for _, persistent := range []bool{false, true} {
		name := map[bool]string{false: "memory", true: "badger"}[persistent]
		t.Run(name, func(t *testing.T) {
			cfg := Config{}
			if persistent {
				cfg.Dir = t.TempDir()
			}
			s := newNode(t, cfg).store
			ctx := context.Background()
			keep, err := s.AddBytes(ctx, randBytes(t, 3*DefaultChunkSize))
			if err != nil {
				t.Fatal(err)
			}
			drop, err := s.AddBytes(ctx, randBytes(t, 2*DefaultChunkSize))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Pin(ctx, keep); err != nil {
				t.Fatal(err)
			}
			// First GC: both roots were added since the last GC, so both stay.
			if n, err := s.GC(ctx); err != nil || n != 0 {
				t.Fatalf("first gc deleted %d, %v; want 0", n, err)
			}
			// Second GC: the unpinned file goes (root + 2 leaves).
			if n, err := s.GC(ctx); err != nil || n != 3 {
				t.Fatalf("second gc deleted %d, %v; want 3", n, err)
			}
			if has, _ := s.Has(ctx, drop); has {
				t.Fatal("unpinned root survived gc")
			}
			if _, err := s.Get(ctx, keep, 0); err != nil {
				t.Fatalf("pinned content lost: %v", err)
			}
			if err := s.Unpin(ctx, keep); err != nil {
				t.Fatal(err)
			}
			s.GC(ctx) // keep was fetched by Get: survives one more cycle
			if n, err := s.GC(ctx); err != nil || n != 4 {
				t.Fatalf("gc after unpin deleted %d, %v; want 4", n, err)
			}
			if err := s.Pin(ctx, drop); !errors.Is(err, ErrNotFound) {
				t.Fatalf("pin of missing content: %v, want ErrNotFound", err)
			}
		})
	}
}

func TestBadgerPersists(t *testing.T) {
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
	data := randBytes(t, DefaultChunkSize+1)
	var c cid.Cid
	for i := range 2 {
		s, err := New(Config{Host: n.Host(), Dir: dir, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if c, err = s.AddBytes(ctx, data); err != nil {
				t.Fatal(err)
			}
			if err := s.Pin(ctx, c); err != nil {
				t.Fatal(err)
			}
		} else {
			got, err := s.Get(ctx, c, 0)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("after reopen: %v", err)
			}
			pins, err := s.Pins(ctx)
			if err != nil || len(pins) != 1 || pins[0] != c {
				t.Fatalf("pins after reopen = %v, %v", pins, err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatalf("second close: %v", err)
		}
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(Config{}); !errors.Is(err, ErrConfig) {
		t.Fatalf("no host: %v", err)
	}
	nd := newNode(t, Config{})
	if _, err := New(Config{Host: nd.net.Host()}); !errors.Is(err, ErrConfig) {
		t.Fatalf("no dir: %v", err)
	}
	s, _ := New(Config{Host: nd.net.Host(), InMemory: true})
	if _, err := s.AddBytes(context.Background(), nil); !errors.Is(err, ErrNotStarted) {
		t.Fatalf("add before start: %v", err)
	}
}
