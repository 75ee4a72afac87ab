package market

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/store"
)

// Network is what the market needs from p2p: the tasks topic, the bid,
// award and result stream protocols, and the host for connection events.
type Network interface {
	ID() peer.ID
	Host() host.Host
	JoinTopic(spec p2p.TopicSpec) (*p2p.Topic, error)
	Handle(pid protocol.ID, maxMsg int, h p2p.Handler) error
	OpenStream(ctx context.Context, p peer.ID, pid protocol.ID) (*p2p.Stream, error)
}

// Content is what the market needs from the content store: add a blob and
// get one by CID, from the local blockstore or over bitswap. Get refuses
// content larger than maxSize (<= 0: the store's default limit).
type Content interface {
	AddBytes(ctx context.Context, data []byte) (cid.Cid, error)
	Get(ctx context.Context, c cid.Cid, maxSize int64) ([]byte, error)
}

// Pinner is optionally implemented by Content (p2p/content.Store does):
// the market pins the blocks of its jobs and tasks, each under an owner
// named for the job or task, and releases them when the job or task no
// longer needs them (retention.go), so content GC keeps what is in use
// and frees the rest. A pin is per (owner, CID): releasing one owner's pin
// never unpins a block another owner still holds. Every method must be
// idempotent; PinFor fails when the root is not stored locally.
type Pinner interface {
	PinFor(ctx context.Context, owner string, c cid.Cid) error
	UnpinFor(ctx context.Context, owner string, c cid.Cid) error
	UnpinOwner(ctx context.Context, owner string) (int, error)
}

// Workloads is what the market needs from the exec registry: checking a
// task's parameters and cost, and sharding a job.
type Workloads interface {
	CheckParams(workload string, p exec.Params, memLimit int64) (exec.Workload, exec.Cost, error)
	Split(workload string, p exec.Params, inputs [][]byte, n int) ([]exec.Shard, error)
	Merge(workload string, p exec.Params, parts []exec.Part) ([]byte, error)
}

// Runner runs one task on this node (an exec backend). It must honour ctx.
type Runner interface {
	Run(ctx context.Context, t exec.Task) (exec.Result, error)
}

// ChainHead reports a recent block, fixed in awards to seed the committee
// draw. Implementations should cache: it is called once per award.
type ChainHead interface {
	Head(ctx context.Context) (number uint64, hash common.Hash, err error)
}

// Offer is what this node sells, read on every bid decision. It must be
// fast and must not block.
type Offer struct {
	// PriceFloor is the lowest price per task in wei, by workload. A
	// workload missing here is not offered.
	PriceFloor map[string]string
	// GPUs are the devices: name and free memory.
	GPUs []OfferGPU
	// MemoryBytes is host memory available to runs.
	MemoryBytes uint64
}

// OfferGPU is one device of an Offer.
type OfferGPU struct {
	Name       string
	MemoryFree uint64
}

// Config configures a Market. Zero values take the documented defaults.
type Config struct {
	// Net carries the tasks topic and the bid/award/result streams. Required.
	Net Network
	// Key signs job specs, announces, bids, awards and results. Required.
	Key *identity.Key
	// DB persists jobs and tasks. Required.
	DB *store.DB
	// Content stores inputs and outputs and fetches them by CID. Required.
	Content Content
	// Workloads checks, splits and merges. Required.
	Workloads Workloads

	// Client enables Submit (the client role).
	Client bool
	// Runner enables the provider role: this node bids and runs tasks.
	Runner Runner
	// Offer returns what the provider sells. Required with Runner.
	Offer func() Offer
	// Slots is how many tasks the provider runs (or holds awarded) at once.
	// Default runtime.NumCPU().
	Slots int
	// ETA estimates a run's duration from its cost. Default: DefaultETA.
	ETA func(exec.Cost) time.Duration

	// BidWindow is how long the client collects bids before it awards.
	// Default 150ms.
	BidWindow time.Duration
	// EnoughBids shortens the window: once this many bids are in, the
	// others get a quarter of the window; once every peer subscribed to the
	// tasks topic has answered, or twice this many bids are in, the window
	// closes. Default 3.
	EnoughBids int
	// Grace is added to the winner's ETA to get the task's delivery
	// deadline. Default 2s.
	Grace time.Duration
	// NoBidRounds is how many announce rounds without a bid (and without
	// a "busy" answer) a task gets before it fails; each such round doubles
	// the window. A round in which every provider refuses for good fails
	// the task at once. Default 4.
	NoBidRounds int
	// JobTimeout is the deadline of a job that sets none. Default 10m.
	JobTimeout time.Duration
	// Providers lists the peers known to sell compute (the capacity
	// table's providers). The client expects answers from the providers
	// among the tasks topic's peers: while some are expected, rounds
	// without any answer (congestion) are retried until the job deadline;
	// with none expected they count toward NoBidRounds ("no provider saw
	// the task"). Nil, or an empty list (nothing learned yet): every peer
	// on the tasks topic is expected. It must be fast and must not block.
	Providers func() []peer.ID
	// Reputation scores peers for tie-breaks (higher is better). Default 0.
	// It must be fast and must not block.
	Reputation func(peer.ID) float64
	// Chain fixes a recent block in awards. Nil: zeros.
	Chain ChainHead
	// Verifier checks delivered results with a committee (verify, via the
	// node). Nil: a result is accepted when it matches its commitment.
	Verifier Verifier
	// Pay turns on vouchers and credit checks (payment.go). Nil: no money.
	Pay *PayConfig
	// SigCache memoizes signature recoveries (announces, awards, bids,
	// results). Nil checks every time; node/sim shares one between nodes.
	SigCache *identity.Cache
	// ResultDomain is the EIP-712 domain of result commitments: the
	// settlement domain, so the contract can check them. Default the
	// off-chain domain (chain 0).
	ResultDomain identity.Domain

	// Retention is how long finished jobs (done or failed) and finished
	// provider task records are kept, with the blocks they pin, before
	// Prune deletes them. Vouchers, the settlement queue and the ledger
	// are never pruned. Default DefaultRetention; negative keeps
	// everything.
	Retention time.Duration
	// PruneInterval is how often Prune runs. Default Retention/4, at most
	// 10 minutes and at least 100 ms.
	PruneInterval time.Duration

	// Now is the clock. Default time.Now.
	Now func() time.Time
	// Logger. Default slog.Default().
	Logger *slog.Logger
}

// Defaults.
const (
	// WarmUp is how long after Start a round that reaches no peer at all
	// does not count toward NoBidRounds: a node that just (re)started has
	// no mesh and no capacity ads yet, and must not fail its jobs for that.
	WarmUp = 15 * time.Second

	DefaultBidWindow   = 150 * time.Millisecond
	DefaultEnoughBids  = 3
	DefaultGrace       = 2 * time.Second
	DefaultNoBidRounds = 4
	DefaultJobTimeout  = 10 * time.Minute
	DefaultRetention   = 72 * time.Hour
)

// Rates used by DefaultETA: a conservative single-device CPU speed per
// cost unit, per second.
var defaultRates = map[string]float64{"flop": 2e9, "hash": 2e6, "pixel": 1e6}

// DefaultETA estimates a run from its cost at conservative CPU rates, with
// a floor of 1 ms.
func DefaultETA(c exec.Cost) time.Duration {
	rate := defaultRates[c.Unit]
	if rate == 0 {
		rate = 1e6
	}
	s := c.Ops / rate
	if math.IsNaN(s) || s < 0 {
		s = 0
	}
	d := time.Duration(s * float64(time.Second))
	if s > float64(30*24*time.Hour/time.Second) {
		d = 30 * 24 * time.Hour
	}
	return max(d, time.Millisecond)
}

func (c *Config) withDefaults() error {
	switch {
	case c.Net == nil:
		return fmt.Errorf("%w: Net is required", ErrConfig)
	case c.Key == nil:
		return fmt.Errorf("%w: Key is required", ErrConfig)
	case c.DB == nil:
		return fmt.Errorf("%w: DB is required", ErrConfig)
	case c.Content == nil:
		return fmt.Errorf("%w: Content is required", ErrConfig)
	case c.Workloads == nil:
		return fmt.Errorf("%w: Workloads is required", ErrConfig)
	case c.Runner != nil && c.Offer == nil:
		return fmt.Errorf("%w: a provider (Runner set) needs Offer", ErrConfig)
	}
	if c.Slots <= 0 {
		c.Slots = runtime.NumCPU()
	}
	if c.ETA == nil {
		c.ETA = DefaultETA
	}
	if c.BidWindow <= 0 {
		c.BidWindow = DefaultBidWindow
	}
	if c.EnoughBids <= 0 {
		c.EnoughBids = DefaultEnoughBids
	}
	if c.Grace <= 0 {
		c.Grace = DefaultGrace
	}
	if c.NoBidRounds <= 0 {
		c.NoBidRounds = DefaultNoBidRounds
	}
	if c.JobTimeout <= 0 {
		c.JobTimeout = DefaultJobTimeout
	}
	if c.Retention == 0 {
		c.Retention = DefaultRetention
	}
	if c.PruneInterval <= 0 {
		c.PruneInterval = min(max(c.Retention/4, 100*time.Millisecond), 10*time.Minute)
	}
	if c.Reputation == nil {
		c.Reputation = func(peer.ID) float64 { return 0 }
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return nil
}
