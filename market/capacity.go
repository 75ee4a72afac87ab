package market

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/wire"
)

// GPU is one device in a capacity ad.
type GPU struct {
	Name           string `json:"name"`
	UUID           string `json:"uuid"`
	MemoryTotal    uint64 `json:"memory_total"`
	MemoryFree     uint64 `json:"memory_free"`
	CCMajor        uint32 `json:"cc_major"`
	CCMinor        uint32 `json:"cc_minor"`
	UtilizationPct uint32 `json:"utilization_pct"`
	TemperatureC   uint32 `json:"temperature_c"`
	PowerMW        uint64 `json:"power_mw"`
}

// Resources is what a node offers: the body of its capacity ad.
type Resources struct {
	GPUs        []GPU             `json:"gpus"`
	CPUCores    uint32            `json:"cpu_cores"`
	MemoryBytes uint64            `json:"memory_bytes"`
	PriceFloor  map[string]string `json:"price_floor"` // wei per task, by workload
	Roles       []string          `json:"roles"`
	Load        float64           `json:"load"` // 0..1
}

// CapacityEntry is one peer's latest ad in the capacity table.
type CapacityEntry struct {
	PeerID  peer.ID        `json:"peer_id"`
	Address common.Address `json:"address"`
	Resources
	Seq     uint64    `json:"seq"`
	Signed  time.Time `json:"signed"`  // author's timestamp
	Updated time.Time `json:"updated"` // when we received it
}

// CapacityNet is what the capacity component needs from p2p: joining a
// validated topic, and serving and asking the table sync protocol
// (p2p.ProtoCapacity).
type CapacityNet interface {
	JoinTopic(spec p2p.TopicSpec) (*p2p.Topic, error)
	Handle(pid protocol.ID, maxMsg int, h p2p.Handler) error
	Request(ctx context.Context, p peer.ID, pid protocol.ID, req, resp proto.Message) error
	// Peers are the live connections: table syncs fall back to them
	// while the topic shows no peer.
	Peers() []peer.ID
}

// CapacityConfig configures Capacity.
type CapacityConfig struct {
	// Net joins the capacity topic and carries table syncs. Required.
	Net CapacityNet
	// Key signs the ads. Required.
	Key *identity.Key
	// Resources returns what to advertise now; called on every publish.
	// Nil means the node does not advertise (it still keeps the table).
	Resources func() Resources
	// Interval is the re-publish period. Default 30s.
	Interval time.Duration
	// TTL drops an entry with no fresh ad for this long. Default 3×Interval.
	TTL time.Duration
	// SyncInterval is the period of the table sync with one random topic
	// peer (anti-entropy: repairs ads that gossip lost). Default Interval.
	SyncInterval time.Duration
	// SigCache memoizes ad signature checks; nil checks every time.
	SigCache *identity.Cache
	// Now is the clock. Default time.Now.
	Now func() time.Time
	// Logger. Default slog.Default().
	Logger *slog.Logger
}

// Capacity publishes this node's signed capacity ad on ogpu/capacity/1 at
// start, on change, when it gets its first topic peers and every Interval,
// and keeps the table of every peer's latest ad, expiring entries after
// TTL. It fills the table from peers over p2p.ProtoCapacity when it gets
// its first peers and every SyncInterval, and answers their syncs, so a
// newcomer learns the network in one round trip and ads lost in gossip are
// repaired without waiting for their authors' next re-publish.
type Capacity struct {
	cfg   CapacityConfig
	log   *slog.Logger
	topic *p2p.Topic
	sub   *p2p.Subscription

	mu    sync.RWMutex
	table map[peer.ID]*capEntry
	seq   uint64

	pmu     sync.Mutex
	penalty map[peer.ID]int // garbage syncs per peer, see AppScore

	changed  chan struct{}
	syncNow  chan struct{}
	syncPeer chan peer.ID
	serving  chan struct{} // semaphore of sync responses being built
	cancel   context.CancelFunc
	wg       sync.WaitGroup
	once     sync.Once
}

// NewCapacity validates cfg. It starts nothing.
func NewCapacity(cfg CapacityConfig) (*Capacity, error) {
	if cfg.Net == nil || cfg.Key == nil {
		return nil, fmt.Errorf("%w: capacity needs Net and Key", ErrConfig)
	}
	if cfg.Interval <= 0 {
		cfg.Interval = 30 * time.Second
	}
	if cfg.TTL <= 0 {
		cfg.TTL = 3 * cfg.Interval
	}
	if cfg.SyncInterval <= 0 {
		cfg.SyncInterval = cfg.Interval
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Capacity{
		cfg:      cfg,
		log:      cfg.Logger.With("component", "capacity"),
		table:    make(map[peer.ID]*capEntry),
		changed:  make(chan struct{}, 1),
		syncNow:  make(chan struct{}, 1),
		syncPeer: make(chan peer.ID, 1),
		serving:  make(chan struct{}, maxSyncServing),
		// Sequence numbers increase across restarts: start at the clock.
		seq: uint64(cfg.Now().UnixNano()),
	}, nil
}

// Start joins the topic and starts the publish and receive loops.
func (c *Capacity) Start(ctx context.Context) error {
	t, err := c.cfg.Net.JoinTopic(p2p.CapacityTopic(c.cfg.Now, c.cfg.SigCache))
	if err != nil {
		return fmt.Errorf("market: capacity: %w", err)
	}
	sub, err := t.Subscribe()
	if err != nil {
		t.Close()
		return fmt.Errorf("market: capacity: %w", err)
	}
	if err := c.cfg.Net.Handle(p2p.ProtoCapacity, wire.MaxCapacitySyncRequestSize, c.serveSync); err != nil {
		sub.Cancel()
		t.Close()
		return fmt.Errorf("market: capacity: %w", err)
	}
	c.topic, c.sub = t, sub
	lctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	c.wg.Add(3)
	go c.receiveLoop(lctx)
	go c.publishLoop(lctx)
	go c.syncLoop(lctx)
	return nil
}

// Close stops the loops and leaves the topic. It is idempotent.
func (c *Capacity) Close() error {
	var err error
	c.once.Do(func() {
		if c.cancel == nil {
			return
		}
		c.cancel()
		c.sub.Cancel()
		c.wg.Wait()
		err = c.topic.Close()
	})
	return err
}

// Changed asks for a prompt re-publish (resources, prices or load moved).
// It never blocks.
func (c *Capacity) Changed() {
	select {
	case c.changed <- struct{}{}:
	default:
	}
}

// capEntry is a table entry: the validated ad as received (shared with the
// other receivers when the SigCache memoizes decodes, so never modified)
// and when it last arrived. CapacityEntry is built from it on demand, so a
// node holding N ads keeps N pointers, not N decoded copies.
type capEntry struct {
	ad      *wire.CapacityAd
	updated time.Time
}

func (e *capEntry) entry() CapacityEntry {
	ad := e.ad
	out := CapacityEntry{
		PeerID:  ad.PeerID(),
		Address: common.BytesToAddress(ad.Address),
		Resources: Resources{
			CPUCores:    ad.CpuCores,
			MemoryBytes: ad.MemoryBytes,
			Roles:       append([]string(nil), ad.Roles...),
			Load:        ad.Load,
			PriceFloor:  make(map[string]string, len(ad.Prices)),
		},
		Seq:     ad.Seq,
		Signed:  time.UnixMilli(ad.TimestampMs),
		Updated: e.updated,
	}
	for _, g := range ad.Gpus {
		out.GPUs = append(out.GPUs, GPU{Name: g.Name, UUID: g.Uuid, MemoryTotal: g.MemoryTotal, MemoryFree: g.MemoryFree,
			CCMajor: g.CcMajor, CCMinor: g.CcMinor, UtilizationPct: g.UtilizationPct, TemperatureC: g.TemperatureC, PowerMW: g.PowerMw})
	}
	for _, p := range ad.Prices {
		out.PriceFloor[p.Workload] = p.Wei
	}
	return out
}

// Table returns the live entries sorted by peer ID
// for stable output. The slice and entries are copies.
func (c *Capacity) Table() []CapacityEntry {
	now := c.cfg.Now()
	c.mu.RLock()
	live := make([]*capEntry, 0, len(c.table))
	for _, e := range c.table {
		if now.Sub(e.updated) <= c.cfg.TTL {
			live = append(live, e)
		}
	}
	out := make([]CapacityEntry, len(live))
	for i, e := range live {
		out[i] = e.entry()
	}
	c.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].PeerID < out[j].PeerID })
	return out
}

// Len returns the number of live entries, without copying them.
func (c *Capacity) Len() int {
	now := c.cfg.Now()
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := 0
	for _, e := range c.table {
		if now.Sub(e.updated) <= c.cfg.TTL {
			n++
		}
	}
	return n
}

// Lookup returns the live entry of one peer.
func (c *Capacity) Lookup(id peer.ID) (CapacityEntry, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.table[id]
	if !ok || c.cfg.Now().Sub(e.updated) > c.cfg.TTL {
		return CapacityEntry{}, false
	}
	return e.entry(), true
}

func (c *Capacity) receiveLoop(ctx context.Context) {
	defer c.wg.Done()
	for {
		m, err := c.sub.Next(ctx)
		if err != nil {
			return // cancelled
		}
		ad, ok := m.Value.(*wire.CapacityAd)
		if !ok {
			continue
		}
		c.record(ad, c.cfg.Now())
	}
}

// record keeps ad, received at (or, synced, known live since) at, if it
// is newer than what the table has for its author. ad is not modified
// (it may be shared with other receivers).
func (c *Capacity) record(ad *wire.CapacityAd, at time.Time) bool {
	id := ad.PeerID()
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.table[id]; ok && old.ad.Seq >= ad.Seq {
		if old.ad.Seq == ad.Seq && at.After(old.updated) {
			old.updated = at // a re-delivery still proves liveness
		}
		return false
	}
	c.table[id] = &capEntry{ad: ad, updated: at}
	return true
}

// publishLoop publishes at start, on Changed, every Interval ±20%, and
// when the node gets its first topic peers after having none (its earlier
// ads reached nobody); it also prunes expired entries.
//
// Peers that join later are not answered with a publish: a newcomer pulls
// our ad with the rest of the table (syncLoop), so a join costs one sync,
// not a network-wide publish by each of its neighbours. After the first
// peers the ad goes out at once (the newcomer's direct peers: flood
// publish) and once more when the peer set has been still for a jittered
// meshSettle (gossipsub grafts new peers into its mesh on the next
// heartbeat, 1 s), or at the latest a jittered maxDefer later; that second
// publish also starts a second sync, from the peers found by then.
func (c *Capacity) publishLoop(ctx context.Context) {
	defer c.wg.Done()
	const (
		peerPoll   = 100 * time.Millisecond // alone or settling
		idlePoll   = time.Second            // with peers: only a drop to none matters
		minRepeat  = time.Second            // stays under p2p.CapacityRate
		meshSettle = 1200 * time.Millisecond
		maxDefer   = 4 * time.Second
		// lonelySync: how often a node whose topic shows no peer while it
		// has connections syncs its table from one of them (a peer that
		// reconnects with the same ID can stay invisible to gossipsub for
		// a while; the table must not stay empty meanwhile).
		lonelySync = 2 * time.Second
	)
	advertise := c.cfg.Resources != nil
	// Topic.Peers is a round trip through the pubsub event loop: with
	// peers and settled, poll rarely.
	tick := time.NewTicker(peerPoll)
	defer tick.Stop()
	poll := peerPoll
	var (
		last      time.Time // zero: the first ad goes out at once
		joined    time.Time // first peers after none; zero once settled
		grew      time.Time // last join while settling
		settle    time.Duration
		deferMax  time.Duration
		peers     = 0
		due       = advertise
		period    = c.jitter()
		lastPrune = c.cfg.Now()
		lonely    time.Time // last sync while the topic showed no peer
	)
	for {
		now := c.cfg.Now()
		n := len(c.topic.Peers())
		if n == 0 && now.Sub(lonely) >= lonelySync {
			lonely = now
			if len(c.cfg.Net.Peers()) > 0 {
				c.requestSync()
			}
		}
		if n > peers {
			if peers == 0 { // our earlier ads reached nobody
				due = advertise
				c.requestSync()
				joined = now
				settle = meshSettle + randDuration(meshSettle/2)
				deferMax = maxDefer + randDuration(maxDefer/2)
			}
			grew = now
			peers = n
		} else if n < peers {
			peers = n
		}
		if !joined.IsZero() && (now.Sub(grew) >= settle || now.Sub(joined) >= deferMax) {
			due = advertise
			c.requestSync()
			joined = time.Time{}
		}
		if advertise && now.Sub(last) >= period {
			due = true
		}
		if due && now.Sub(last) >= minRepeat {
			if err := c.publish(ctx); err != nil {
				if ctx.Err() != nil {
					return
				}
				c.log.Warn("publish capacity ad", "err", err)
			}
			last, due = now, false
			period = c.jitter()
		}
		if now.Sub(lastPrune) >= c.cfg.Interval {
			c.prune()
			lastPrune = now
		}
		want := idlePoll
		if peers == 0 || !joined.IsZero() || due {
			want = peerPoll
		}
		if want != poll {
			poll = want
			tick.Reset(poll)
		}
		select {
		case <-ctx.Done():
			return
		case <-c.changed:
			due = advertise
		case <-tick.C:
		}
	}
}

// randDuration returns a uniformly random duration in [0, d].
func randDuration(d time.Duration) time.Duration { return time.Duration(rand.Int64N(int64(d) + 1)) }

// jitter returns Interval ±20%, so nodes started together do not all
// re-publish in the same instant.
func (c *Capacity) jitter() time.Duration {
	return c.cfg.Interval*8/10 + time.Duration(rand.Int64N(int64(c.cfg.Interval)*4/10+1))
}

func (c *Capacity) prune() {
	now := c.cfg.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	for id, e := range c.table {
		if now.Sub(e.updated) > c.cfg.TTL {
			delete(c.table, id)
		}
	}
}

// BuildAd makes this node's signed ad from r.
func (c *Capacity) BuildAd(r Resources) (*wire.CapacityAd, error) {
	c.mu.Lock()
	c.seq++
	seq := c.seq
	c.mu.Unlock()
	ad := &wire.CapacityAd{
		Version:     wire.CapacityAdVersion,
		PeerId:      []byte(c.cfg.Key.PeerID()),
		Address:     c.cfg.Key.Address().Bytes(),
		CpuCores:    r.CPUCores,
		MemoryBytes: r.MemoryBytes,
		Roles:       r.Roles,
		Load:        r.Load,
		Seq:         seq,
		TimestampMs: c.cfg.Now().UnixMilli(),
	}
	for _, g := range r.GPUs {
		ad.Gpus = append(ad.Gpus, &wire.GPU{Name: g.Name, Uuid: g.UUID, MemoryTotal: g.MemoryTotal, MemoryFree: g.MemoryFree,
			CcMajor: g.CCMajor, CcMinor: g.CCMinor, UtilizationPct: g.UtilizationPct, TemperatureC: g.TemperatureC, PowerMw: g.PowerMW})
	}
	ws := make([]string, 0, len(r.PriceFloor))
	for w := range r.PriceFloor {
		ws = append(ws, w)
	}
	sort.Strings(ws)
	for _, w := range ws {
		if v, ok := new(big.Int).SetString(r.PriceFloor[w], 10); !ok || v.Sign() < 0 {
			return nil, fmt.Errorf("%w: price floor %s=%q", ErrConfig, w, r.PriceFloor[w])
		}
		ad.Prices = append(ad.Prices, &wire.Price{Workload: w, Wei: r.PriceFloor[w]})
	}
	if err := wire.SignCapacityAd(c.cfg.Key, ad); err != nil {
		return nil, err
	}
	return ad, nil
}

func (c *Capacity) publish(ctx context.Context) error {
	ad, err := c.BuildAd(c.cfg.Resources())
	if err != nil {
		return err
	}
	data, err := proto.Marshal(ad)
	if err != nil {
		return fmt.Errorf("market: encode capacity ad: %w", err)
	}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := c.topic.Publish(pctx, data); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
