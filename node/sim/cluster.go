package sim

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	mocknet "github.com/libp2p/go-libp2p/p2p/net/mock"
	ma "github.com/multiformats/go-multiaddr"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/node"
	"github.com/ogpu/ogpu/p2p/identity"
)

// Config describes a cluster.
type Config struct {
	// Nodes is the number of nodes (≥ 1).
	Nodes int
	// Loopback runs real TCP hosts on 127.0.0.1 instead of mocknet.
	Loopback bool
	// Latency is the one-way latency of every mocknet link.
	Latency time.Duration
	// Bandwidth of every mocknet link in bytes/s; 0 is unlimited.
	Bandwidth float64
	// Degree is the average number of links per node: a ring plus random
	// chords. Default 8 (capped at Nodes-1).
	Degree int
	// Seed makes keys and topology reproducible. Default 1.
	Seed uint64
	// NodeConfig returns the config of node i. Default node.Simulation().
	NodeConfig func(i int) node.Config
	// Options returns extra options of node i (chain, faults; see
	// byzantine.go). Default none.
	Options func(i int) []node.Option
	// Logger for the nodes. Default: discards below warn.
	Logger *slog.Logger
}

// Cluster is a set of running nodes.
type Cluster struct {
	cfg   Config
	mn    mocknet.Mocknet
	Nodes []*node.Node
	keys  []*identity.Key
	hosts []host.Host
	edges [][2]int
	inv   node.Inventory  // probed once for all nodes
	sigs  *identity.Cache // signature checks shared by all nodes

	mu     sync.Mutex
	closed bool
	down   map[int]bool // killed and not restarted (faults.go)
}

// New builds a cluster (hosts and nodes); it starts nothing.
func New(cfg Config) (*Cluster, error) {
	if cfg.Nodes < 1 {
		return nil, errors.New("sim: need at least one node")
	}
	if cfg.Seed == 0 {
		cfg.Seed = 1
	}
	if cfg.Degree <= 0 {
		cfg.Degree = 8
	}
	if cfg.Degree > cfg.Nodes-1 {
		cfg.Degree = cfg.Nodes - 1
	}
	if cfg.NodeConfig == nil {
		cfg.NodeConfig = func(int) node.Config { return node.Simulation() }
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	c := &Cluster{cfg: cfg, inv: node.FromExec(exec.Discover(context.Background())), sigs: identity.NewCache(1 << 16)}
	for i := 0; i < cfg.Nodes; i++ {
		k, err := TestKey(cfg.Seed, i)
		if err != nil {
			return nil, err
		}
		c.keys = append(c.keys, k)
	}
	c.edges = topology(cfg.Nodes, cfg.Degree, cfg.Seed)

	if !cfg.Loopback {
		c.mn = mocknet.New()
		c.mn.SetLinkDefaults(mocknet.LinkOptions{Latency: cfg.Latency, Bandwidth: cfg.Bandwidth})
		for i, k := range c.keys {
			addr, _ := ma.NewMultiaddr(fmt.Sprintf("/ip4/10.%d.%d.%d/tcp/4601", (i>>16)&255, (i>>8)&255, i&255))
			h, err := c.mn.AddPeer(k.LibP2P(), addr)
			if err != nil {
				c.mn.Close()
				return nil, fmt.Errorf("sim: mocknet peer %d: %w", i, err)
			}
			c.hosts = append(c.hosts, h)
		}
		for _, e := range c.edges {
			if _, err := c.mn.LinkPeers(c.hosts[e[0]].ID(), c.hosts[e[1]].ID()); err != nil {
				c.mn.Close()
				return nil, fmt.Errorf("sim: link: %w", err)
			}
		}
	}
	for i := range c.keys {
		n, err := c.newNode(i)
		if err != nil {
			c.Close()
			return nil, err
		}
		c.Nodes = append(c.Nodes, n)
	}
	return c, nil
}

func (c *Cluster) newNode(i int) (*node.Node, error) {
	nc := c.cfg.NodeConfig(i)
	if nc.Logger == nil {
		nc.Logger = c.cfg.Logger.With("sim", i)
	}
	opts := []node.Option{node.WithKey(c.keys[i]), node.WithInventory(c.inv), node.WithSigCache(c.sigs)}
	if c.cfg.Options != nil {
		opts = append(opts, c.cfg.Options(i)...)
	}
	if c.mn != nil {
		opts = append(opts, node.WithHost(c.hosts[i]))
	} else if len(nc.P2P.Listen) == 0 {
		nc.P2P.Listen = []string{"/ip4/127.0.0.1/tcp/0"}
	}
	n, err := node.New(nc, opts...)
	if err != nil {
		return nil, fmt.Errorf("sim: node %d: %w", i, err)
	}
	return n, nil
}

// TestKey is the deterministic key of node i of a cluster seeded with seed.
func TestKey(seed uint64, i int) (*identity.Key, error) {
	var b [32]byte
	binary.BigEndian.PutUint64(b[8:], seed)
	binary.BigEndian.PutUint64(b[24:], uint64(i)+1)
	b[0] = 0x42 // keep well inside the curve order, never zero
	return identity.FromBytes(b[:])
}

// topology returns a ring plus random chords with about degree links per node.
func topology(n, degree int, seed uint64) [][2]int {
	if n < 2 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x0915))
	seen := map[[2]int]bool{}
	var edges [][2]int
	add := func(a, b int) {
		if a == b {
			return
		}
		if a > b {
			a, b = b, a
		}
		if !seen[[2]int{a, b}] {
			seen[[2]int{a, b}] = true
			edges = append(edges, [2]int{a, b})
		}
	}
	for i := 0; i < n; i++ {
		add(i, (i+1)%n)
	}
	want := n * degree / 2
	for tries := 0; len(edges) < want && tries < want*20; tries++ {
		add(rng.IntN(n), rng.IntN(n))
	}
	return edges
}

// Start starts every node and dials the topology's links.
func (c *Cluster) Start(ctx context.Context) error { return c.StartWave(ctx, 0, len(c.Nodes)) }

// StartWave starts nodes [lo, hi) and dials their links to each other and
// to nodes below lo (started by earlier waves); links to nodes from hi on
// are dialled by the wave that starts those. Start is StartWave(0, N);
// starting in waves is a network growing, each newcomer joining a running
// one.
func (c *Cluster) StartWave(ctx context.Context, lo, hi int) error {
	errs := make([]error, hi-lo)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := lo; i < hi; i++ {
		n := c.Nodes[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i-lo] = n.Start(ctx)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sim: start: %w", err)
	}
	return c.connect(ctx, lo, hi)
}

func (c *Cluster) connect(ctx context.Context, lo, hi int) error {
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
		sem  = make(chan struct{}, 32)
	)
	for _, e := range c.edges {
		if top := max(e[0], e[1]); top < lo || top >= hi {
			continue // dialled by an earlier wave, or a later one
		}
		a, b := c.Nodes[e[0]], c.Nodes[e[1]]
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			h := a.Network().Host()
			bi := peer.AddrInfo{ID: b.ID(), Addrs: b.Network().Host().Addrs()}
			if err := h.Connect(ctx, bi); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("sim: connect %d→%d: %w", e[0], e[1], err))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Close closes every node and the mocknet. It is idempotent.
func (c *Cluster) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	var errs []error
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, n := range c.Nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := n.Close(); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if c.mn != nil {
		if err := c.mn.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Edges returns the topology's links as node index pairs.
func (c *Cluster) Edges() [][2]int { return c.edges }

// WaitFor polls cond every 10 ms until it holds or ctx ends.
func WaitFor(ctx context.Context, cond func() bool) error {
	return WaitEvery(ctx, 10*time.Millisecond, cond)
}

// WaitEvery polls cond every period until it holds or ctx ends.
func WaitEvery(ctx context.Context, period time.Duration, cond func() bool) error {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		if cond() {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("sim: condition not met: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// CapacityFull counts the nodes whose capacity table holds every node's ad.
func (c *Cluster) CapacityFull() int {
	full := 0
	for _, n := range c.Nodes {
		if n.CapacityLen() >= len(c.Nodes) {
			full++
		}
	}
	return full
}

// WaitCapacity waits until every node's capacity table holds every ad.
func (c *Cluster) WaitCapacity(ctx context.Context) error {
	return WaitEvery(ctx, c.TablePoll(), func() bool { return c.CapacityFull() == len(c.Nodes) })
}

// TablePoll is how often to poll every node's table size: counting the
// live entries of N tables costs N² steps, which every 10 ms was most of
// the CPU of a 1,000-node cluster. 10 ms up to 40 nodes, then N/4 ms.
func (c *Cluster) TablePoll() time.Duration {
	return max(10*time.Millisecond, time.Duration(len(c.Nodes))*time.Millisecond/4)
}
