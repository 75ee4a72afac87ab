package stream_test

import (
	"context"
	"fmt"
	"log/slog"
	"math/big"
	"math/rand/v2"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/host"
	mocknet "github.com/libp2p/go-libp2p/p2p/net/mock"
	ma "github.com/multiformats/go-multiaddr"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/internal/leaktest"
	"github.com/ogpu/ogpu/market/stream"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/content"
	"github.com/ogpu/ogpu/p2p/identity"
)

func TestMain(m *testing.M) { leaktest.VerifyTestMain(m, leaktest.Mocknet()...) }

func logger() *slog.Logger {
	if os.Getenv("OGPU_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

// testLayers is a small mlp: a request of one row runs in tens of µs.
var testLayers = []int{16, 32, 8}

// member is one node of a test cluster: mocknet host, network, content
// store and Streams, all real.
type member struct {
	key     *identity.Key
	host    host.Host
	net     *p2p.Network
	content *content.Store
	st      *stream.Streams
	closed  bool
}

// kill closes the member the way a crash looks to peers.
func (m *member) kill() {
	if m.closed {
		return
	}
	m.closed = true
	m.st.Close()
	m.content.Close()
	m.net.Close()
	m.host.Close()
}

type clusterOpts struct {
	n      int
	config func(i int, c *stream.Config) // providers get a CPU runner unless config clears it
}

type cluster struct {
	t       testing.TB
	members []*member
	model   cid.Cid
	blob    []byte
}

func newCluster(t testing.TB, o clusterOpts) *cluster {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	mn := mocknet.New()
	t.Cleanup(func() { mn.Close() })
	reg := exec.DefaultRegistry()
	c := &cluster{t: t}
	sigs := identity.NewCache(0)
	for i := range o.n {
		k, err := identity.Generate()
		if err != nil {
			t.Fatal(err)
		}
		h, err := mn.AddPeer(k.LibP2P(), ma.StringCast(fmt.Sprintf("/ip4/10.0.1.%d/tcp/4001", i+1)))
		if err != nil {
			t.Fatal(err)
		}
		m := &member{key: k, host: h}
		if m.net, err = p2p.New(p2p.Config{Key: k, Host: h, DHTMode: p2p.DHTOff, Logger: logger()}); err != nil {
			t.Fatal(err)
		}
		if m.content, err = content.New(content.Config{Host: h, InMemory: true, Logger: logger()}); err != nil {
			t.Fatal(err)
		}
		c.members = append(c.members, m)
	}
	if err := mn.LinkAll(); err != nil {
		t.Fatal(err)
	}
	for i, m := range c.members {
		if err := m.net.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if err := m.content.Start(ctx); err != nil {
			t.Fatal(err)
		}
		cpu := exec.NewCPU(exec.CPUConfig{Registry: reg, Workers: 1})
		cfg := stream.Config{
			Net: m.net, Key: m.key, Content: m.content, Runner: cpu, Workloads: reg, SigCache: sigs,
			Heartbeat: 200 * time.Millisecond, CreditGrace: 300 * time.Millisecond, Logger: logger().With("member", i),
		}
		if o.config != nil {
			o.config(i, &cfg)
		}
		st, err := stream.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Start(ctx); err != nil {
			t.Fatal(err)
		}
		m.st = st
		t.Cleanup(func() {
			m.kill()
			cpu.Close()
		})
	}
	if err := mn.ConnectAllButSelf(); err != nil {
		t.Fatal(err)
	}
	var err error
	if c.blob, err = exec.MLPModel(testLayers, 7); err != nil {
		t.Fatal(err)
	}
	if c.model, err = c.members[0].content.AddBytes(ctx, c.blob); err != nil {
		t.Fatal(err)
	}
	return c
}

// serve makes members serve the test model at price.
func (c *cluster) serve(price int64, spec func(*stream.ServiceSpec), idx ...int) stream.Service {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var svc stream.Service
	for _, i := range idx {
		s := stream.ServiceSpec{Workload: "mlp", Model: c.model, Price: big.NewInt(price), Slots: 1}
		if spec != nil {
			spec(&s)
		}
		sv, err := c.members[i].st.Serve(ctx, s)
		if err != nil {
			c.t.Fatalf("serve on %d: %v", i, err)
		}
		svc = sv.Service()
	}
	return svc
}

// input is a request of rows rows drawn from seed.
func input(t testing.TB, rows int, seed uint64) []byte {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	x := make([]float32, rows*testLayers[0])
	for i := range x {
		x[i] = float32(rng.Float64()*2 - 1)
	}
	b, err := exec.F32Blob([]int{rows, testLayers[0]}, x)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantOutput is the reference output of an input.
func (c *cluster) wantOutput(in []byte) []byte {
	c.t.Helper()
	p := exec.MLPParams(testLayers, len(in[exec.HeaderSize(2):])/4/testLayers[0])
	out, err := exec.MLP{}.Reference(context.Background(), p, [][]byte{c.blob, in})
	if err != nil {
		c.t.Fatal(err)
	}
	return out
}

func (c *cluster) matches(in, got []byte) error {
	p := exec.MLPParams(testLayers, len(in[exec.HeaderSize(2):])/4/testLayers[0])
	return exec.MLP{}.Compare(p, c.wantOutput(in), got)
}

// waitFor polls cond every 10 ms until it holds or d passes.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

var _ sync.Mutex

func big1() *big.Int { return big.NewInt(1) }
