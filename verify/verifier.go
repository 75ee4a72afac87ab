package verify

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/wire"
)

// Network is what verify needs from p2p: the /ogpu/verify/1 protocol.
type Network interface {
	ID() peer.ID
	Handle(pid protocol.ID, maxMsg int, h p2p.Handler) error
	Request(ctx context.Context, p peer.ID, pid protocol.ID, req, resp proto.Message) error
}

// Fetcher gets blobs by CID (the content store: local blockstore, else
// bitswap). Get refuses content larger than maxSize.
type Fetcher interface {
	Get(ctx context.Context, c cid.Cid, maxSize int64) ([]byte, error)
}

// Config configures a Verifier. Zero values take the documented defaults.
type Config struct {
	// Net carries /ogpu/verify/1. Required.
	Net Network
	// Key signs attestations. Required.
	Key *identity.Key
	// Domain is the settlement domain: attestations and result commitments
	// are checked by the contract in it. Required.
	Domain identity.Domain
	// Chain gives stakes and committee parameters (client side). Required
	// for Check.
	Chain Chain
	// Candidates lists the peers that may verify (capacity ads with the
	// verifier role); their stakes come from Chain. It must be fast and
	// must not block.
	Candidates func() []peer.ID
	// Fetcher gets inputs, outputs and stream models by CID (member side).
	// Required with Serve.
	Fetcher Fetcher
	// Checker checks results (member side). Default Checks{Runner, Workloads}.
	Checker Checker
	// Runner re-executes for rerun and tolerance. Required with Serve
	// unless Checker is set.
	Runner Runner
	// Workloads resolves policies. Required.
	Workloads Workloads
	// Serve enables the member side: this node checks for others.
	Serve bool
	// Slots is how many checks this member runs at once; more are refused
	// as busy. Default runtime.NumCPU().
	Slots int
	// Evidence takes slash evidence (client side). Nil: lies are rejected
	// but not reported for slashing.
	Evidence EvidenceSink
	// Reputation records lies, successes and members' attestations. Nil:
	// a private table.
	Reputation *Reputation
	// Timeout bounds one committee round (client side). Default 10s.
	Timeout time.Duration
	// MinMembers is the least committee size the fallback extends to.
	// Default the contract's quorum.
	MinMembers int
	// SampleRate is the fraction of tasks checked under policy "sample".
	// Default 0.1.
	SampleRate float64
	// StakeTTL is how long stakes read from the chain are cached. Default 30s.
	StakeTTL time.Duration
	// Now is the clock. Default time.Now.
	Now func() time.Time
	// Logger. Default slog.Default().
	Logger *slog.Logger
}

// Defaults.
const (
	DefaultTimeout    = 10 * time.Second
	DefaultSampleRate = 0.1
	DefaultStakeTTL   = 30 * time.Second
)

func (c *Config) withDefaults() error {
	switch {
	case c.Net == nil:
		return fmt.Errorf("%w: Net is required", ErrConfig)
	case c.Key == nil:
		return fmt.Errorf("%w: Key is required", ErrConfig)
	case c.Workloads == nil:
		return fmt.Errorf("%w: Workloads is required", ErrConfig)
	case c.Serve && c.Fetcher == nil:
		return fmt.Errorf("%w: a serving verifier needs Fetcher", ErrConfig)
	case c.Serve && c.Checker == nil && c.Runner == nil:
		return fmt.Errorf("%w: a serving verifier needs Runner or Checker", ErrConfig)
	}
	if c.Checker == nil {
		c.Checker = Checks{Runner: c.Runner, Workloads: c.Workloads}
	}
	if c.Slots <= 0 {
		c.Slots = runtime.NumCPU()
	}
	if c.Candidates == nil {
		c.Candidates = func() []peer.ID { return nil }
	}
	if c.Reputation == nil {
		c.Reputation = NewReputation()
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.SampleRate == 0 {
		c.SampleRate = DefaultSampleRate
	}
	if c.StakeTTL <= 0 {
		c.StakeTTL = DefaultStakeTTL
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return nil
}

// Verifier is both halves of verification on one node: the member side
// (serves /ogpu/verify/1 when Config.Serve) and the client side (Check).
type Verifier struct {
	cfg  Config
	log  *slog.Logger
	sel  *selector
	sem  chan struct{}
	self peer.ID

	mu      sync.Mutex
	started bool
	closed  bool
	wg      sync.WaitGroup
	ctx     context.Context
	cancel  context.CancelFunc
}

// New validates cfg and builds a Verifier. It starts nothing.
func New(cfg Config) (*Verifier, error) {
	if err := cfg.withDefaults(); err != nil {
		return nil, err
	}
	v := &Verifier{cfg: cfg, log: cfg.Logger.With("component", "verify"), sem: make(chan struct{}, cfg.Slots)}
	v.sel = &selector{chain: cfg.Chain, candidates: cfg.Candidates, ttl: cfg.StakeTTL, now: cfg.Now, minMembers: cfg.MinMembers}
	return v, nil
}

// Start registers the member service (when Serve). ctx bounds start-up only.
func (v *Verifier) Start(ctx context.Context) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	switch {
	case v.closed:
		return ErrClosed
	case v.started:
		return nil
	}
	v.ctx, v.cancel = context.WithCancel(context.Background())
	v.self = v.cfg.Net.ID()
	if v.cfg.Serve {
		if err := v.cfg.Net.Handle(p2p.ProtoVerify, wire.MaxVerifyRequestSize, v.serve); err != nil {
			v.cancel()
			return err
		}
	}
	v.started = true
	return nil
}

// Close stops accepting work and waits for in-flight checks. Idempotent.
func (v *Verifier) Close() error {
	v.mu.Lock()
	if v.closed {
		v.mu.Unlock()
		return nil
	}
	v.closed = true
	cancel := v.cancel
	v.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	v.wg.Wait()
	return nil
}

// enter registers an in-flight call: false when closed or not started.
// The returned context ends with ctx or when the verifier closes; call end
// when the call is done (Close waits for it).
func (v *Verifier) enter(ctx context.Context) (_ context.Context, end func(), ok bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed || !v.started {
		return nil, nil, false
	}
	v.wg.Add(1)
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(v.ctx, cancel)
	return ctx, func() {
		stop()
		cancel()
		v.wg.Done()
	}, true
}

// Reputation returns the table the verifier records into.
func (v *Verifier) Reputation() *Reputation { return v.cfg.Reputation }

// Draw returns the committee of a task (exported for tests and tools).
func (v *Verifier) Draw(ctx context.Context, taskID, blockHash common.Hash, exclude ...common.Address) (Draw, error) {
	if v.cfg.Chain == nil {
		return Draw{}, fmt.Errorf("%w: Chain is required to draw committees", ErrConfig)
	}
	return v.sel.draw(ctx, taskID, blockHash, exclude...)
}
