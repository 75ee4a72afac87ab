package stream

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	dht "github.com/libp2p/go-libp2p-kad-dht"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
)

// Network is what streams need from p2p (*p2p.Network has it).
type Network interface {
	ID() peer.ID
	Host() host.Host
	// DHT returns the DHT, nil when it is off (simulations).
	DHT() *dht.IpfsDHT
	JoinTopic(spec p2p.TopicSpec) (*p2p.Topic, error)
}

// Content fetches and pins model blobs (*content.Store has it).
type Content interface {
	Get(ctx context.Context, c cid.Cid, maxSize int64) ([]byte, error)
	Pin(ctx context.Context, c cid.Cid) error
}

// Runner runs a workload (an exec.Backend has it).
type Runner interface {
	Run(ctx context.Context, t exec.Task) (exec.Result, error)
}

// HeadFunc returns the chain's head block, whose hash seeds the
// verification committee of a session's requests.
type HeadFunc func(ctx context.Context) (number uint64, hash common.Hash, err error)

// Config configures Streams. Zero values get the documented defaults.
type Config struct {
	// Net is the node's network. Required.
	Net Network
	// Key signs heartbeats, commitments and vouchers. Required.
	Key *identity.Key
	// Content fetches models. Required to serve and to check samples.
	Content Content
	// Runner executes requests. Required to serve (nil: client only).
	Runner Runner
	// Checker re-runs sampled requests; default: an exec CPU backend.
	Checker Runner
	// Workloads is the registry for parameters and tolerances. Default
	// exec.DefaultRegistry().
	Workloads *exec.Registry
	// Domain is the EIP-712 settlement domain of vouchers and response
	// commitments. Default wire.OffChain (no chain).
	Domain identity.Domain
	// Head is the chain head at session open (committee seed). Default:
	// block 0, zero hash.
	Head HeadFunc
	// Ledger signs the client's cumulative vouchers. Default: in memory.
	Ledger Ledger
	// Redeem receives every voucher a provider accepts (settle.Settler's
	// Enqueue, for one). It must not block long. Default: kept in memory
	// (Vouchers).
	Redeem func(typed.SignedVoucher) error
	// OnFraud receives every wrong output a session catches. It must not
	// block. Default: logged.
	OnFraud func(Fraud)
	// Reputation of a provider, higher is better (ranking). Default 0.
	Reputation func(peer.ID) float64
	// Heartbeat is the provider heartbeat period. Default 2s.
	Heartbeat time.Duration
	// HeartbeatTTL forgets a provider after this long without a heartbeat.
	// Default 3 × Heartbeat.
	HeartbeatTTL time.Duration
	// CreditGrace is how long a provider holds requests over a client's
	// credit limit waiting for a voucher before it stops the session.
	// Default 2s.
	CreditGrace time.Duration
	// SigCache memoizes heartbeat signature checks. Default: a new one.
	SigCache *identity.Cache
	// Tamper, when set, rewrites every output this provider returns: fault
	// injection for tests and simulations of lying providers.
	Tamper func(out []byte) []byte
	// Now is the clock. Default time.Now.
	Now func() time.Time
	// Logger. Default slog.Default().
	Logger *slog.Logger
}

// Streams serves services and opens sessions for one node.
type Streams struct {
	cfg Config
	log *slog.Logger

	mu       sync.Mutex
	started  bool
	closed   bool
	topics   map[string]*topicRef
	serving  map[string]*Serving // by service CID (binary string)
	standby  map[string]*Standby // by service CID (binary string)
	sessions map[*Session]struct{}
	accounts map[common.Address]*account // provider side: per client
	redeemed map[common.Address]typed.SignedVoucher
	ownCheck exec.Backend

	ctx    context.Context // lifetime, from Start to Close
	cancel context.CancelFunc
	wg     sync.WaitGroup // stream handlers
}

// New validates cfg; it starts nothing.
func New(cfg Config) (*Streams, error) {
	if cfg.Net == nil || cfg.Key == nil {
		return nil, fmt.Errorf("%w: needs Net and Key", ErrConfig)
	}
	if cfg.Workloads == nil {
		cfg.Workloads = exec.DefaultRegistry()
	}
	if cfg.Heartbeat <= 0 {
		cfg.Heartbeat = 2 * time.Second
	}
	if cfg.HeartbeatTTL <= 0 {
		cfg.HeartbeatTTL = 3 * cfg.Heartbeat
	}
	if cfg.CreditGrace <= 0 {
		cfg.CreditGrace = 2 * time.Second
	}
	if cfg.SigCache == nil {
		cfg.SigCache = identity.NewCache(0)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Ledger == nil {
		cfg.Ledger = NewMemLedger(cfg.Key, cfg.Domain)
	}
	s := &Streams{
		cfg: cfg, log: cfg.Logger.With("component", "stream"),
		topics: map[string]*topicRef{}, serving: map[string]*Serving{}, standby: map[string]*Standby{}, sessions: map[*Session]struct{}{},
		accounts: map[common.Address]*account{}, redeemed: map[common.Address]typed.SignedVoucher{},
	}
	if cfg.Checker == nil {
		s.ownCheck = exec.NewCPU(exec.CPUConfig{Registry: cfg.Workloads, Workers: 1, Logger: cfg.Logger})
		s.cfg.Checker = s.ownCheck
	}
	return s, nil
}

// Start registers the /ogpu/stream/1 handler (when this node can serve).
// ctx bounds start-up only.
func (s *Streams) Start(context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return ErrClosed
	case s.started:
		return errors.New("stream: already started")
	}
	h := s.cfg.Net.Host()
	if h == nil {
		return fmt.Errorf("stream: %w", p2p.ErrNotStarted)
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	if s.cfg.Runner != nil {
		h.SetStreamHandler(p2p.ProtoStream, s.handle)
	}
	s.started = true
	return nil
}

// Close stops every served service and session and waits for their
// goroutines. It is idempotent.
func (s *Streams) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	started := s.started
	var sbs []*Standby
	for _, sb := range s.standby {
		sbs = append(sbs, sb)
	}
	var sess []*Session
	for ss := range s.sessions {
		sess = append(sess, ss)
	}
	s.mu.Unlock()
	var errs []error
	for _, sb := range sbs { // first: a standby may be joining
		errs = append(errs, sb.Stop())
	}
	s.mu.Lock()
	var servs []*Serving
	for _, sv := range s.serving {
		servs = append(servs, sv)
	}
	s.mu.Unlock()
	for _, ss := range sess {
		errs = append(errs, ss.Close())
	}
	for _, sv := range servs {
		errs = append(errs, sv.Stop())
	}
	if started {
		if s.cfg.Runner != nil {
			if h := s.cfg.Net.Host(); h != nil {
				h.RemoveStreamHandler(p2p.ProtoStream)
			}
		}
		s.cancel()
	}
	s.wg.Wait()
	if s.ownCheck != nil {
		errs = append(errs, s.ownCheck.Close())
	}
	return errors.Join(errs...)
}

func (s *Streams) running() error {
	switch {
	case s.closed:
		return ErrClosed
	case !s.started:
		return ErrNotStarted
	}
	return nil
}

// Vouchers returns the newest voucher accepted from each client when
// Config.Redeem is unset.
func (s *Streams) Vouchers() map[common.Address]typed.SignedVoucher {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[common.Address]typed.SignedVoucher, len(s.redeemed))
	for k, v := range s.redeemed {
		out[k] = v
	}
	return out
}

func (s *Streams) redeem(v typed.SignedVoucher) error {
	if s.cfg.Redeem != nil {
		return s.cfg.Redeem(v)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.redeemed[v.Client]; !ok || v.Supersedes(prev) == nil {
		s.redeemed[v.Client] = v
	}
	return nil
}

// Stop stops serving the service id ("<workload>:<model CID>"), whether
// served (Serve) or on standby (Standby, which leaves the service too if
// it joined it): sessions are told, their clients fail over. It returns
// ErrNotServing when this node does neither.
func (s *Streams) Stop(id string) error {
	svc, err := ParseService(id)
	if err != nil {
		return err
	}
	key := svc.CID().Bytes()
	s.mu.Lock()
	sb, sv := s.standby[string(key)], s.serving[string(key)]
	s.mu.Unlock()
	switch {
	case sb != nil:
		return sb.Stop()
	case sv != nil:
		return sv.Stop()
	}
	return fmt.Errorf("%w: %s", ErrNotServing, svc)
}

// Served lists the services this node serves.
func (s *Streams) Served() []ServingInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []ServingInfo{}
	for _, sv := range s.serving {
		out = append(out, sv.Info())
	}
	return out
}

func bigOr0(b *big.Int) *big.Int {
	if b == nil {
		return new(big.Int)
	}
	return b
}
