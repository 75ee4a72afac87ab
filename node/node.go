package node

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/market/stream"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/content"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/store"
	"github.com/ogpu/ogpu/verify"
)

// Option changes how New builds a node; used by node/sim and library users
// that bring their own parts.
type Option func(*options)

type options struct {
	key  *identity.Key
	host host.Host
	now  func() time.Time
	inv  *Inventory
	sigs *identity.Cache

	payments PaymentsSource       // see metrics.go
	money    moneyOptions         // see pay.go
	stream   func(*stream.Config) // see stream.go
}

// WithKey uses k as the node key instead of <datadir>/key.
func WithKey(k *identity.Key) Option { return func(o *options) { o.key = k } }

// WithHost runs the node on an existing libp2p host (e.g. mocknet). Its
// identity must be the node key (WithKey); the node does not close it.
func WithHost(h host.Host) Option { return func(o *options) { o.host = h } }

// WithInventory uses inv instead of probing the machine (simulations run
// many nodes on one machine and probe once).
func WithInventory(inv Inventory) Option { return func(o *options) { o.inv = &inv } }

// WithSigCache shares a signature-check memo between nodes (node/sim runs
// many nodes in one process; each ad is then recovered once, not N times).
func WithSigCache(c *identity.Cache) Option { return func(o *options) { o.sigs = c } }

// WithClock replaces time.Now (simulations).
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

type state int

const (
	stateNew state = iota
	stateRunning
	stateClosed
)

// Node is one ogpu node. New builds it without starting anything, Start
// brings it up and Close takes it down in reverse order.
type Node struct {
	cfg  Config
	opts options
	log  *slog.Logger
	key  *identity.Key

	db       *store.DB
	net      *p2p.Network
	capacity *market.Capacity
	content  *content.Store // started in Start (needs the host); see jobs.go
	market   *market.Market // batch market; see jobs.go
	api      *api
	inv      Inventory
	money    *money          // chain, settler, verifier, reputation; see pay.go
	streams  *stream.Streams // streaming services and sessions; see stream.go

	mu      sync.Mutex
	state   state
	closers []func() error // in start order; Close runs them backwards
	closing chan struct{}  // closed when Close has finished
	wg      sync.WaitGroup
	started time.Time
}

// New validates cfg and builds a node. It opens nothing that needs closing
// and starts no goroutine.
func New(cfg Config, opts ...Option) (*Node, error) {
	var o options
	for _, f := range opts {
		f(&o)
	}
	if o.now == nil {
		o.now = time.Now
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if !cfg.InMemory {
		st, err := os.Stat(cfg.DataDir)
		if err != nil || !st.IsDir() {
			return nil, fmt.Errorf("%w: %s", ErrNoDataDir, cfg.DataDir)
		}
	}
	log := cfg.Logger
	if log == nil {
		log = cfg.Log.NewLogger(os.Stderr)
	}
	key := o.key
	if key == nil {
		if cfg.InMemory {
			k, err := identity.Generate()
			if err != nil {
				return nil, err
			}
			key = k
		} else {
			k, err := identity.LoadOrCreate(cfg.DataDir, os.Getenv(identity.PasswordEnv))
			if err != nil {
				return nil, err
			}
			key = k
		}
	}
	if o.host != nil && o.host.ID() != key.PeerID() {
		return nil, fmt.Errorf("%w: host identity %s is not the node key %s", ErrConfig, o.host.ID(), key.PeerID())
	}
	n := &Node{cfg: cfg, opts: o, key: key, log: log.With("node", shortID(key.PeerID()))}
	n.money = &money{rep: verify.NewReputation()}

	pcfg := p2p.Config{
		Key:         key,
		ListenAddrs: cfg.P2P.Listen,
		Bootstrap:   cfg.P2P.Bootstrap,
		MDNS:        cfg.P2P.MDNS,
		SeenTTL:     cfg.P2P.SeenTTL.D(),
		Host:        o.host,
		Logger:      n.log,
		// Reputation and market penalties (pay.go), garbage table syncs.
		AppScore: func(p peer.ID) float64 { return n.appScore(p) + n.capacity.AppScore(p) },

		ValidateQueue:     cfg.P2P.ValidateQueue,
		PeerOutboundQueue: cfg.P2P.PeerOutboundQueue,
	}
	if cfg.Has(RoleBootstrap) {
		pcfg.RelayService = true
		pcfg.PeerExchange = true
		pcfg.DHTMode = p2p.DHTServer
	}
	if o.host != nil {
		pcfg.DHTMode = p2p.DHTOff // simulations connect peers themselves
	}
	net, err := p2p.New(pcfg)
	if err != nil {
		return nil, err
	}
	n.net = net

	capCfg := market.CapacityConfig{
		Net:          net,
		Key:          key,
		Interval:     cfg.Market.CapacityInterval.D(),
		SigCache:     sigCache(o.sigs),
		TTL:          cfg.Market.CapacityTTL.D(),
		SyncInterval: cfg.Market.CapacitySync.D(),
		Now:          o.now,
		Logger:       n.log,
	}
	if !cfg.Has(RoleBootstrap) || len(cfg.Roles) > 1 {
		capCfg.Resources = n.resources
	}
	if n.capacity, err = market.NewCapacity(capCfg); err != nil {
		return nil, err
	}
	if cfg.API.Listen != "" {
		n.api = newAPI(n)
	}
	return n, nil
}

func shortID(id peer.ID) string {
	s := id.String()
	if len(s) > 8 {
		return s[len(s)-8:]
	}
	return s
}

// Start opens the database, starts the network, the capacity ads and the
// API. ctx bounds start-up only. On error, what was started is closed.
func (n *Node) Start(ctx context.Context) (err error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch n.state {
	case stateRunning:
		return errors.New("node: already started")
	case stateClosed:
		return ErrClosed
	}
	defer func() {
		if err != nil {
			n.closeLocked()
		}
	}()
	n.started = n.opts.now()

	dbCfg := store.Config{InMemory: n.cfg.InMemory, Logger: n.log}
	if !n.cfg.InMemory {
		dbCfg.Dir = filepath.Join(n.cfg.DataDir, "db")
	}
	if n.db, err = store.Open(dbCfg); err != nil {
		return err
	}
	n.closers = append(n.closers, n.db.Close)
	if err = n.startReputation(); err != nil {
		return err
	}

	if n.opts.inv != nil {
		n.inv = *n.opts.inv
	} else {
		n.inv = detectInventory(ctx, n.log)
	}

	if err = n.net.Start(ctx); err != nil {
		if errors.Is(err, p2p.ErrAddrInUse) {
			return fmt.Errorf("%w: %w (pick other ports with --listen)", ErrAddrInUse, err)
		}
		return err
	}
	n.closers = append(n.closers, n.net.Close)

	if err = n.capacity.Start(ctx); err != nil {
		return err
	}
	n.closers = append(n.closers, n.capacity.Close)

	if err = n.startMarket(ctx); err != nil {
		return err
	}
	if err = n.startStreams(ctx); err != nil {
		return err
	}

	if n.api != nil {
		if err = n.api.start(n.cfg.API.Listen, n.dataDir()); err != nil {
			return err
		}
		n.closers = append(n.closers, func() error { return n.api.close(n.dataDir()) })
	}
	// Remembered services start in the background; their calls wait for
	// n.mu, so they see the node running.
	if err = n.restoreServices(); err != nil {
		return err
	}
	n.state = stateRunning
	n.log.Info("node started", "peer", n.key.PeerID(), "address", n.key.Address(), "roles", n.cfg.Roles,
		"listen", n.net.Addrs(), "api", n.APIAddr(), "gpus", len(n.inv.GPUs))
	return nil
}

func (n *Node) dataDir() string {
	if n.cfg.InMemory {
		return ""
	}
	return n.cfg.DataDir
}

// Close stops everything in reverse start order. It is idempotent and
// returns the joined errors of the parts.
func (n *Node) Close() error {
	n.mu.Lock()
	if n.state == stateClosed {
		done := n.closing
		n.mu.Unlock()
		if done != nil {
			<-done // a concurrent Close: return once it is done
		}
		return nil
	}
	closers := n.takeClosersLocked()
	n.mu.Unlock()
	// The components stop without n.mu held: API handlers that ask the node
	// for its parts meanwhile get ErrClosed instead of waiting on the lock
	// while the API server waits for them.
	defer close(n.closing)
	return n.runClosers(closers)
}

// takeClosersLocked marks the node closed and hands over its closers.
// Called with n.mu held.
func (n *Node) takeClosersLocked() []func() error {
	n.state = stateClosed
	n.closing = make(chan struct{})
	closers := n.closers
	n.closers = nil
	return closers
}

// closeLocked closes a node whose Start failed. Called with n.mu held
// (nothing else can reach the node's parts yet).
func (n *Node) closeLocked() error {
	if n.state == stateClosed {
		return nil
	}
	closers := n.takeClosersLocked()
	defer close(n.closing)
	return n.runClosers(closers)
}

func (n *Node) runClosers(closers []func() error) error {
	var errs []error
	for i := len(closers) - 1; i >= 0; i-- {
		if err := closers[i](); err != nil {
			errs = append(errs, err)
		}
	}
	n.wg.Wait()
	return errors.Join(errs...)
}

// ID is the node's peer ID.
func (n *Node) ID() peer.ID { return n.key.PeerID() }

// Key is the node key.
func (n *Node) Key() *identity.Key { return n.key }

// Network is the node's p2p network (valid after Start).
func (n *Node) Network() *p2p.Network { return n.net }

// Config returns the node's configuration.
func (n *Node) Config() Config { return n.cfg }

// Logger returns the node's logger.
func (n *Node) Logger() *slog.Logger { return n.log }

// APIAddr is the address the API listens on, or "" when off.
func (n *Node) APIAddr() string {
	if n.api == nil {
		return ""
	}
	return n.api.addr()
}

// Capacity returns the live capacity table.
func (n *Node) Capacity() []market.CapacityEntry { return n.capacity.Table() }

// CapacityLen returns the number of live entries of the capacity table
// (cheaper than len(Capacity()), which copies them).
func (n *Node) CapacityLen() int { return n.capacity.Len() }

// CapacityEntry returns one peer's live entry of the capacity table.
func (n *Node) CapacityEntry(id peer.ID) (market.CapacityEntry, bool) { return n.capacity.Lookup(id) }

// CapacityChanged asks for a prompt re-publish of this node's ad.
func (n *Node) CapacityChanged() { n.capacity.Changed() }

// Status is what `ogpu status --json` prints.
type Status struct {
	PeerID   string                 `json:"peer_id"`
	Address  string                 `json:"address"`
	Roles    []Role                 `json:"roles"`
	Listen   []string               `json:"listen"`
	Peers    int                    `json:"peers"`
	GPUs     []market.GPU           `json:"gpus"`
	Backend  string                 `json:"backend"` // why there is no GPU, when there is none
	CPUCores int                    `json:"cpu_cores"`
	Memory   uint64                 `json:"memory_bytes"`
	Uptime   string                 `json:"uptime"`
	Capacity []market.CapacityEntry `json:"capacity"`
}

// Status reports identity, peers and the capacity table.
func (n *Node) Status() Status {
	st := Status{
		PeerID:   n.key.PeerID().String(),
		Address:  n.key.Address().Hex(),
		Roles:    n.cfg.Roles,
		Peers:    len(n.net.Peers()),
		GPUs:     n.inv.GPUs,
		Backend:  n.inv.Note,
		CPUCores: n.inv.CPUCores,
		Memory:   n.inv.MemoryBytes,
		Uptime:   n.opts.now().Sub(n.started).Round(time.Second).String(),
		Capacity: n.Capacity(),
	}
	if st.GPUs == nil {
		st.GPUs = []market.GPU{}
	}
	for _, a := range n.net.Addrs() {
		st.Listen = append(st.Listen, a.String())
	}
	return st
}

// PeerInfo is one connected peer.
type PeerInfo struct {
	PeerID string   `json:"peer_id"`
	Addrs  []string `json:"addrs"`
}

// Peers lists connected peers.
func (n *Node) Peers() []PeerInfo {
	h := n.net.Host()
	out := []PeerInfo{}
	if h == nil {
		return out
	}
	for _, p := range n.net.Peers() {
		pi := PeerInfo{PeerID: p.String()}
		for _, c := range h.Network().ConnsToPeer(p) {
			pi.Addrs = append(pi.Addrs, c.RemoteMultiaddr().String())
		}
		out = append(out, pi)
	}
	return out
}

// resources is what the capacity ad advertises.
func (n *Node) resources() market.Resources {
	roles := make([]string, len(n.cfg.Roles))
	for i, r := range n.cfg.Roles {
		roles[i] = string(r)
	}
	return market.Resources{
		GPUs:        n.inv.GPUs,
		CPUCores:    uint32(n.inv.CPUCores),
		MemoryBytes: n.inv.MemoryBytes,
		PriceFloor:  n.cfg.Market.PriceFloor,
		Roles:       roles,
	}
}

var _ io.Closer = (*Node)(nil)

func sigCache(shared *identity.Cache) *identity.Cache {
	if shared != nil {
		return shared
	}
	return identity.NewCache(0)
}
