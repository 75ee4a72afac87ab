package node

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/p2p/content"
	"github.com/ogpu/ogpu/verify"
)

// moneyOptions are the options of the money parts (chain, settler,
// verification); see WithChain and, for simulations, WithRunnerWrapper
// and WithChecker.
type moneyOptions struct {
	chain    *settle.Client
	settler  settle.Config
	pay      market.PayConfig
	wrap     func(market.Runner) market.Runner
	checker  verify.Checker
	verifier verify.Config
}

// WithChain settles on c (a settle.Sim client shared by in-process nodes,
// or any Client) instead of dialling chain.rpc. c must sign with the node
// key. The node does not close it.
func WithChain(c *settle.Client) Option { return func(o *options) { o.money.chain = c } }

// WithSettlerConfig tunes the node's Settler (batch size, ages); Chain,
// DB and Logger are filled in by the node.
func WithSettlerConfig(c settle.Config) Option { return func(o *options) { o.money.settler = c } }

// WithPayConfig tunes payments (credit limit, SettleIssued); Domain,
// Settler and Deposits are filled in by the node.
func WithPayConfig(c market.PayConfig) Option { return func(o *options) { o.money.pay = c } }

// WithVerifyConfig tunes verification (timeouts, sample rate, minimum
// committee); the node fills in the parts it owns.
func WithVerifyConfig(c verify.Config) Option { return func(o *options) { o.money.verifier = c } }

// WithRunnerWrapper wraps the provider's exec runner, e.g. to instrument
// runs. node/sim uses it to inject faulty providers; production nodes
// leave it unset.
func WithRunnerWrapper(f func(market.Runner) market.Runner) Option {
	return func(o *options) { o.money.wrap = f }
}

// WithChecker replaces the verifier's result checker (node/sim injects
// faulty verifiers with it).
func WithChecker(c verify.Checker) Option { return func(o *options) { o.money.checker = c } }

// money is the node's chain, settler, verifier and reputation table.
type money struct {
	chain    *settle.Client
	closeRPC func()
	settler  *settle.Settler
	verifier *verify.Verifier
	rep      *verify.Reputation
	mkt      atomic.Pointer[market.Market]
	head     headCache
	frauds   streamFrauds // wrong stream answers → committees (startStreams)

	wg     sync.WaitGroup
	cancel context.CancelFunc
}

// appScore is the gossipsub application score: reputation (verify) plus
// the market's penalties for garbage. Fast, never blocks.
func (n *Node) appScore(p peer.ID) float64 {
	s := n.money.rep.AppScore(p)
	if m := n.money.mkt.Load(); m != nil {
		s += m.AppScore(p)
	}
	return s
}

// Reputation is the node's reputation table (lies, successes, timeouts).
func (n *Node) Reputation() *verify.Reputation { return n.money.rep }

// Settler is the node's settler (nil without a chain).
func (n *Node) Settler() *settle.Settler { return n.money.settler }

// Chain is the node's settlement client (nil without a chain).
func (n *Node) Chain() *settle.Client { return n.money.chain }

// startMoney connects the chain (WithChain, else chain.rpc), starts the
// settler and the verifier, and fills the market's verification, payment
// and reputation hooks. Without a chain the market runs unpaid and
// unverified. Called by startMarket with n.mu held.
func (n *Node) startMoney(ctx context.Context, mcfg *market.Config, cs *content.Store, reg *exec.Registry) error {
	mo := n.money
	mcfg.Reputation = mo.rep.Score
	if n.opts.money.wrap != nil && mcfg.Runner != nil {
		mcfg.Runner = n.opts.money.wrap(mcfg.Runner)
	}
	mo.chain = n.opts.money.chain
	if mo.chain == nil && n.cfg.Chain.RPC != "" {
		if !common.IsHexAddress(n.cfg.Chain.Contract) {
			return fmt.Errorf("%w: chain.contract %q is not an address (see 'ogpu devnet')", ErrConfig, n.cfg.Chain.Contract)
		}
		c, closeRPC, err := settle.Dial(ctx, settle.ChainConfig{RPC: n.cfg.Chain.RPC, Contract: common.HexToAddress(n.cfg.Chain.Contract)}, n.key, settle.ClientOptions{})
		if err != nil {
			return err
		}
		mo.chain, mo.closeRPC = c, closeRPC
		n.closers = append(n.closers, func() error { closeRPC(); return nil })
	}
	if mo.chain == nil {
		return nil
	}
	chain := mo.chain
	mo.head = headCache{c: chain, ttl: 250 * time.Millisecond, now: n.opts.now}
	mcfg.Chain = &mo.head
	mcfg.ResultDomain = chain.Domain()

	scfg := n.opts.money.settler
	scfg.Chain, scfg.DB, scfg.Logger = chain, n.db, n.log
	st, err := settle.New(scfg)
	if err != nil {
		return err
	}
	if err := st.Start(ctx); err != nil {
		return err
	}
	mo.settler = st
	n.closers = append(n.closers, st.Close)

	pcfg := n.opts.money.pay
	pcfg.Domain, pcfg.Settler, pcfg.Deposits = chain.Domain(), st, chain
	mcfg.Pay = &pcfg

	vcfg := n.opts.money.verifier
	vcfg.Net, vcfg.Key, vcfg.Domain, vcfg.Chain = n.net, n.key, chain.Domain(), stakeReader{chain}
	vcfg.Candidates, vcfg.Fetcher, vcfg.Workloads, vcfg.Reputation = n.verifiers, cs, reg, mo.rep
	vcfg.Serve = n.cfg.Has(RoleVerifier)
	vcfg.Runner = exec.NewCPU(exec.CPUConfig{Registry: reg, Logger: n.log})
	if n.opts.money.checker != nil {
		vcfg.Checker = n.opts.money.checker
	}
	vcfg.Evidence = func(ev verify.Evidence) error { return st.EnqueueEvidence(settle.Evidence(ev)) }
	if vcfg.Logger == nil {
		vcfg.Logger = n.log
	}
	vcfg.Now = n.opts.now
	v, err := verify.New(vcfg)
	if err != nil {
		return err
	}
	if err := v.Start(ctx); err != nil {
		return err
	}
	mo.verifier = v
	n.closers = append(n.closers, v.Close)
	mcfg.Verifier = verifierAdapter{v}
	return nil
}

// marketStarted records the running market for the app score and follows
// its events into the reputation table (awards lost to silence).
func (n *Node) marketStarted(m *market.Market) {
	mo := n.money
	mo.mkt.Store(m)
	ctx, cancel := context.WithCancel(context.Background())
	mo.cancel = cancel
	ch := m.Events()
	mo.wg.Add(1)
	go func() {
		defer mo.wg.Done()
		for {
			select {
			case e, ok := <-ch:
				if !ok {
					return
				}
				if e.Kind == market.EventReassigned && e.Peer != "" && isTimeout(e.Detail) {
					mo.rep.Timeout(e.Peer)
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	n.closers = append(n.closers, func() error { cancel(); mo.wg.Wait(); return nil })
}

func isTimeout(detail string) bool {
	return detail == "provider silent past its deadline" || detail == "provider disconnected"
}

// verifiers lists the peers whose capacity ads say they verify.
func (n *Node) verifiers() []peer.ID {
	var out []peer.ID
	for _, e := range n.capacity.Table() {
		if slices.Contains(e.Roles, string(RoleVerifier)) && e.PeerID != n.key.PeerID() {
			out = append(out, e.PeerID)
		}
	}
	return out
}

// headCache caches the chain head for awards (one read per ttl).
type headCache struct {
	c   *settle.Client
	ttl time.Duration
	now func() time.Time

	mu sync.Mutex
	b  settle.Block
	at time.Time
}

func (h *headCache) Head(ctx context.Context) (uint64, common.Hash, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.at.IsZero() && h.now().Sub(h.at) < h.ttl {
		return h.b.Number, h.b.Hash, nil
	}
	b, err := h.c.Head(ctx)
	if err != nil {
		return 0, common.Hash{}, err
	}
	h.b, h.at = b, h.now()
	return b.Number, b.Hash, nil
}

// stakeReader adapts settle.Client to verify.Chain.
type stakeReader struct{ c *settle.Client }

func (s stakeReader) Stake(ctx context.Context, a common.Address) (*big.Int, error) {
	acc, err := s.c.StakeOf(ctx, a)
	if err != nil {
		return nil, err
	}
	return acc.Stake, nil
}

func (s stakeReader) TotalStake(ctx context.Context) (*big.Int, error) { return s.c.TotalStake(ctx) }

func (s stakeReader) CommitteeParams(ctx context.Context) (int, int, error) {
	p, err := s.c.Params(ctx)
	if err != nil {
		return 0, 0, err
	}
	return int(p.CommitteeSize), int(p.Quorum), nil
}

// verifierAdapter adapts verify.Verifier to market.Verifier.
type verifierAdapter struct{ v *verify.Verifier }

func (a verifierAdapter) Verify(ctx context.Context, r market.Verification) (market.Verdict, error) {
	vd, err := a.v.Check(ctx, verify.Request{Announce: r.Announce, Commitment: r.Commitment, Provider: r.Provider,
		Inputs: r.Inputs, Output: r.Output, Fee: r.Fee, Latency: r.Latency})
	if err != nil {
		return market.Verdict{}, err
	}
	out := market.Verdict{Accepted: vd.Accepted, Checked: vd.Checked, Slashed: vd.Evidence != nil, Reason: vd.Reason}
	for _, m := range vd.Agreeing() {
		out.Members = append(out.Members, market.Payee{Peer: m.Peer, Addr: m.Addr})
	}
	return out, nil
}
