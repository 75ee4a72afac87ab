package p2p

import (
	"context"
	"log/slog"
	"os"
	"testing"
	"time"

	ma "github.com/multiformats/go-multiaddr"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/internal/leaktest"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/wire"
)

func TestMain(m *testing.M) { leaktest.VerifyTestMain(m, leaktest.Mocknet()...) }

func testLogger() *slog.Logger {
	if os.Getenv("OGPU_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

func newKey(t testing.TB) *identity.Key {
	t.Helper()
	k, err := identity.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// loopback is a Config listening on 127.0.0.1 TCP only (fast to start).
func loopback(t testing.TB) Config {
	return Config{Key: newKey(t), ListenAddrs: []string{"/ip4/127.0.0.1/tcp/0"}, Logger: testLogger(), DiscoveryInterval: time.Second}
}

// start builds and starts a Network and closes it when the test ends.
func start(t testing.TB, cfg Config) *Network {
	t.Helper()
	n, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := n.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := n.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return n
}

func addrStrings(n *Network) []string {
	var out []string
	for _, a := range n.Addrs() {
		out = append(out, a.String())
	}
	return out
}

// waitFor polls cond every 20 ms until it holds or d passes.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// signedAd returns a fresh, signed, encoded capacity ad of key.
func signedAd(t testing.TB, key *identity.Key, seq uint64) []byte {
	t.Helper()
	ad := &wire.CapacityAd{
		Gpus:        []*wire.GPU{{Name: "NVIDIA RTX 4090", Uuid: "GPU-4090", MemoryTotal: 24 << 30, MemoryFree: 20 << 30, CcMajor: 8, CcMinor: 9}},
		CpuCores:    8,
		MemoryBytes: 32 << 30,
		Prices:      []*wire.Price{{Workload: "matmul", Wei: "100"}},
		Roles:       []string{"provider"},
		Seq:         seq,
		TimestampMs: time.Now().UnixMilli(),
	}
	if err := wire.SignCapacityAd(key, ad); err != nil {
		t.Fatal(err)
	}
	b, err := proto.Marshal(ad)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustAddr(t testing.TB, s string) ma.Multiaddr {
	t.Helper()
	a, err := ma.NewMultiaddr(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
