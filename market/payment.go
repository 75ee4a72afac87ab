package market

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
	"github.com/ogpu/ogpu/p2p/wire"
	"github.com/ogpu/ogpu/store"
)

// DepositReader reads a client's free on-chain deposit (settle.Client).
type DepositReader interface {
	FreeDeposit(ctx context.Context, client common.Address) (*big.Int, error)
}

// PayConfig turns on payments (DESIGN.md §5 step 6). Client side: after a
// committee accepts a result, the client signs a new cumulative voucher to
// the provider (the award price) and to each agreeing member (the job's
// verifier fee), persists it and sends it over /ogpu/pay/1 until the payee
// takes it. Provider side: bids only for clients whose free deposit covers
// what they owe plus the price, and stops extending credit past
// CreditLimit unpaid; vouchers received are enqueued in the Settler.
type PayConfig struct {
	// Domain is the settlement domain vouchers are signed in. Required.
	Domain identity.Domain
	// Settler redeems the vouchers this node receives (and, with
	// SettleIssued, the ones it signs). Required.
	Settler *settle.Settler
	// Deposits reads clients' free deposits. Required for providers.
	Deposits DepositReader
	// CreditLimit is the unpaid amount (wei) a provider lets one client
	// owe (delivered but not yet covered by a voucher). Default
	// DefaultCreditLimit.
	CreditLimit *big.Int
	// DepositTTL is how long a deposit read is cached. Default 10s.
	DepositTTL time.Duration
	// SettleIssued makes the client enqueue the vouchers it signs in its
	// own Settler too: one client-grouped batch settles what it owes every
	// payee (≈ 10.8k gas per extra voucher instead of ≈ 16.3k for a payee's
	// batch of distinct clients; docs/contract.md). Payees' settlers then
	// find the pairs paid and drop their copies.
	SettleIssued bool
	// Retry bounds the backoff of voucher delivery. Default 5s.
	Retry time.Duration
	// Deliver sends a payment to its payee and returns the reply. Nil: over
	// /ogpu/pay/1. node/sim replaces it to model a client that stops paying.
	Deliver func(ctx context.Context, payee peer.ID, msg *wire.Payment) (*wire.PaymentReply, error)
}

// DefaultCreditLimit is 100 tasks at the default price floor.
var DefaultCreditLimit = big.NewInt(100_000)

// Money tables of payments.
const (
	tablePayOut    = "pay_out"    // client: payee address → payOut
	tablePayTasks  = "pay_tasks"  // client: task ID → payTask (paid once)
	tableCredit    = "pay_credit" // provider: client address → credit
	tableCreditDue = "pay_due"    // provider: task ID → price (counted once)
)

// payOut is what a client owes one payee.
type payOut struct {
	Peer       peer.ID             `json:"peer,omitempty"` // empty until a batch task pays the payee (a stream voucher knows only its address)
	Cumulative *big.Int            `json:"cumulative"`
	AsProvider *big.Int            `json:"as_provider"`
	AsVerifier *big.Int            `json:"as_verifier"`
	Voucher    typed.SignedVoucher `json:"voucher"`
	Sent       *big.Int            `json:"sent"`    // cumulative the payee acknowledged
	Pending    []settle.Receipt    `json:"pending"` // receipts not yet acknowledged
}

type payTask struct {
	Payees map[string]string `json:"payees"` // address → wei
}

// credit is what a provider knows of one client.
type credit struct {
	Due      *big.Int `json:"due"`      // prices of delivered tasks
	Received *big.Int `json:"received"` // newest cumulative voucher received
}

// payments is the market's payment state; nil when PayConfig is nil.
type payments struct {
	m    *Market
	cfg  PayConfig
	self common.Address

	out, tasks, credits, due *store.Table

	mu       sync.Mutex // serializes ledger read-modify-writes
	kick     chan struct{}
	inflight map[common.Address]bool

	dmu      sync.Mutex
	deposits map[common.Address]depositEntry
}

type depositEntry struct {
	v  *big.Int
	at time.Time
}

func newPayments(m *Market) (*payments, error) {
	cfg := *m.cfg.Pay
	switch {
	case cfg.Settler == nil:
		return nil, fmt.Errorf("%w: payments need a Settler", ErrConfig)
	case m.cfg.Runner != nil && cfg.Deposits == nil:
		return nil, fmt.Errorf("%w: a paid provider needs Deposits", ErrConfig)
	}
	if cfg.CreditLimit == nil {
		cfg.CreditLimit = DefaultCreditLimit
	}
	if cfg.DepositTTL <= 0 {
		cfg.DepositTTL = 10 * time.Second
	}
	if cfg.Retry <= 0 {
		cfg.Retry = 5 * time.Second
	}
	p := &payments{m: m, cfg: cfg, self: m.cfg.Key.Address(), kick: make(chan struct{}, 1),
		inflight: map[common.Address]bool{}, deposits: map[common.Address]depositEntry{}}
	var err error
	for _, t := range []struct {
		dst  **store.Table
		name string
	}{{&p.out, tablePayOut}, {&p.tasks, tablePayTasks}, {&p.credits, tableCredit}, {&p.due, tableCreditDue}} {
		if *t.dst, err = m.cfg.DB.Table(t.name, store.Money()); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func zeroIfNil(x *big.Int) *big.Int {
	if x == nil {
		return new(big.Int)
	}
	return x
}

// ───────────────────────── client side ─────────────────────────

// pay credits an accepted task to its provider (price) and the agreeing
// members (fee each): new cumulative vouchers, signed and persisted in one
// synced transaction, once per task (a replay after a restart changes
// nothing). Delivery to the payees happens in the background.
func (p *payments) pay(rec *clientTask, resultHash common.Hash, v Verdict, fee *big.Int) error {
	price, err := wire.ParseWei(rec.Price)
	if err != nil {
		return fmt.Errorf("market: task %s price: %w", rec.ID.Short(), err)
	}
	provAddr, err := identity.PeerIDToAddress(rec.Provider)
	if err != nil {
		return err
	}
	type credit struct {
		payee  Payee
		amount *big.Int
		asProv bool
	}
	credits := []credit{{Payee{rec.Provider, provAddr}, price, true}}
	if fee != nil && fee.Sign() > 0 {
		for _, mem := range v.Members {
			credits = append(credits, credit{mem, fee, false})
		}
	}
	var issued []typed.SignedVoucher
	var receipts [][]settle.Receipt
	p.mu.Lock()
	defer p.mu.Unlock()
	err = p.m.cfg.DB.Update(func(tx *store.Tx) error {
		issued, receipts = issued[:0], receipts[:0]
		if _, done, err := store.GetJSON[payTask](tx, p.tasks, rec.ID[:]); err != nil || done {
			return err
		}
		pt := payTask{Payees: map[string]string{}}
		for _, c := range credits {
			if c.amount.Sign() <= 0 {
				continue
			}
			o, _, err := store.GetJSON[payOut](tx, p.out, c.payee.Addr[:])
			if err != nil {
				return err
			}
			o.Peer = c.payee.Peer
			o.Cumulative = new(big.Int).Add(zeroIfNil(o.Cumulative), c.amount)
			if c.asProv {
				o.AsProvider = new(big.Int).Add(zeroIfNil(o.AsProvider), c.amount)
			} else {
				o.AsVerifier = new(big.Int).Add(zeroIfNil(o.AsVerifier), c.amount)
			}
			sv, err := typed.Voucher{Client: p.self, Payee: c.payee.Addr, CumulativeAmount: o.Cumulative}.Sign(p.m.cfg.Key, p.cfg.Domain)
			if err != nil {
				return err
			}
			o.Voucher = sv
			r := settle.Receipt{TaskID: common.Hash(rec.ID), Client: p.self, Payee: c.payee.Addr, Amount: c.amount, ResultHash: resultHash}
			o.Pending = append(o.Pending, r)
			if err := store.PutJSON(tx, p.out, c.payee.Addr[:], o); err != nil {
				return err
			}
			pt.Payees[c.payee.Addr.Hex()] = new(big.Int).Add(zeroIfNil(parseBig(pt.Payees[c.payee.Addr.Hex()])), c.amount).String()
			issued = append(issued, sv)
			receipts = append(receipts, []settle.Receipt{r})
		}
		return store.PutJSON(tx, p.tasks, rec.ID[:], pt)
	})
	if err != nil {
		return fmt.Errorf("market: pay task %s: %w", rec.ID.Short(), err)
	}
	if p.cfg.SettleIssued {
		// The client's own batches carry one receipt per task (the
		// provider's, issued first); verifier fees stay in the members'
		// receipts, so a batch's receipt record stays small (≈ 300 bytes a
		// task) however large the committees.
		for i, sv := range issued {
			var rs []settle.Receipt
			if i == 0 {
				rs = receipts[i]
			}
			if err := p.cfg.Settler.Enqueue(sv, rs...); err != nil {
				p.m.log.Warn("enqueue own voucher", "payee", sv.Payee, "err", err)
			}
		}
	}
	p.poke()
	return nil
}

func parseBig(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return nil
	}
	return v
}

func (p *payments) poke() {
	select {
	case p.kick <- struct{}{}:
	default:
	}
}

// sendLoop delivers vouchers the payees have not acknowledged, one
// exchange per payee at a time, retrying with backoff. It runs from Start
// to Close.
func (p *payments) sendLoop(ctx context.Context) {
	tick := time.NewTicker(p.cfg.Retry)
	defer tick.Stop()
	for {
		p.sendDue(ctx)
		select {
		case <-ctx.Done():
			return
		case <-p.kick:
		case <-tick.C:
		}
	}
}

// sendDue starts a delivery for every payee owed an acknowledgement.
func (p *payments) sendDue(ctx context.Context) {
	type due struct {
		addr common.Address
		o    payOut
	}
	var todo []due
	err := p.out.Iterate(nil, func(k, v []byte) error {
		var o payOut
		if err := json.Unmarshal(v, &o); err != nil {
			return err
		}
		if zeroIfNil(o.Sent).Cmp(zeroIfNil(o.Cumulative)) < 0 {
			todo = append(todo, due{common.BytesToAddress(k), o})
		}
		return nil
	})
	if err != nil {
		p.m.log.Error("read vouchers to send", "err", err)
		return
	}
	for _, d := range todo {
		p.mu.Lock()
		busy := p.inflight[d.addr]
		if !busy {
			p.inflight[d.addr] = true
		}
		p.mu.Unlock()
		if busy {
			continue
		}
		if !p.m.goTask(func(ctx context.Context) {
			defer func() {
				p.mu.Lock()
				delete(p.inflight, d.addr)
				p.mu.Unlock()
				// A newer voucher signed while this one was in flight was
				// skipped above: go again now rather than at the next tick.
				if p.newerThan(d.addr, d.o) {
					p.poke()
				}
			}()
			p.send(ctx, d.addr, d.o)
		}) {
			p.mu.Lock()
			delete(p.inflight, d.addr)
			p.mu.Unlock()
		}
	}
}

// newerThan reports whether addr's stored voucher is newer than o.
func (p *payments) newerThan(addr common.Address, o payOut) bool {
	v, err := p.out.Get(addr.Bytes())
	if err != nil {
		return false
	}
	var cur payOut
	if json.Unmarshal(v, &cur) != nil {
		return false
	}
	return zeroIfNil(cur.Cumulative).Cmp(zeroIfNil(o.Cumulative)) > 0
}

// send delivers one payee's newest voucher and pending receipts.
func (p *payments) send(ctx context.Context, addr common.Address, o payOut) {
	msg := &wire.Payment{Version: wire.PayVersion, Voucher: wire.VoucherOf(o.Voucher)}
	for _, r := range o.Pending[max(0, len(o.Pending)-wire.MaxPaidTasks):] {
		msg.Tasks = append(msg.Tasks, &wire.PaidTask{TaskId: r.TaskID[:], Amount: r.Amount.String(), ResultHash: r.ResultHash[:]})
	}
	reply := new(wire.PaymentReply)
	rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	var err error
	if p.cfg.Deliver != nil {
		reply, err = p.cfg.Deliver(rctx, o.Peer, msg)
	} else {
		err = p.m.request(rctx, o.Peer, p2p.ProtoPay, msg, reply)
	}
	cancel()
	if err == nil {
		err = reply.Validate()
	}
	if err == nil && !reply.Accepted {
		err = errors.New(reply.Reason)
	}
	if err != nil {
		p.m.log.Debug("voucher not delivered", "payee", addr, "err", err)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	err = p.m.cfg.DB.Update(func(tx *store.Tx) error {
		cur, ok, err := store.GetJSON[payOut](tx, p.out, addr[:])
		if err != nil || !ok {
			return err
		}
		cur.Sent = o.Voucher.CumulativeAmount
		cur.Pending = cur.Pending[min(len(o.Pending), len(cur.Pending)):]
		return store.PutJSON(tx, p.out, addr[:], cur)
	})
	if err != nil {
		p.m.log.Error("record voucher delivery", "payee", addr, "err", err)
	}
}

// ───────────────────────── payee / provider side ─────────────────────────

// handlePay serves /ogpu/pay/1: a client's newest voucher to this node.
// The voucher must be the sender's, for this node, correctly signed; it is
// enqueued in the Settler (which keeps the newest per pair) and counted
// against the client's unpaid balance.
func (p *payments) handlePay(ctx context.Context, from peer.ID, s *p2p.Stream) {
	m := p.m
	var msg wire.Payment
	reply := &wire.PaymentReply{Version: wire.PayVersion}
	if err := s.ReadMsg(&msg); err != nil {
		m.misbehaved(from, err)
		return
	}
	fail := func(err error) {
		m.misbehaved(from, err)
		reply.Reason = wire.Truncate(err.Error())
		s.WriteMsg(reply)
	}
	if err := msg.Validate(); err != nil {
		fail(err)
		return
	}
	sv := msg.Voucher.Typed()
	clientAddr, err := identity.PeerIDToAddress(from)
	if err != nil {
		fail(err)
		return
	}
	if sv.Client != clientAddr || sv.Payee != p.self {
		fail(fmt.Errorf("%w: voucher from %s to %s, not from the sender to this node", ErrBadPayment, sv.Client, sv.Payee))
		return
	}
	if err := sv.Verify(p.cfg.Domain); err != nil {
		fail(fmt.Errorf("%w: %w", ErrBadPayment, err))
		return
	}
	var rs []settle.Receipt
	for _, t := range msg.Tasks {
		amt, _ := wire.ParseWei(t.Amount)
		rs = append(rs, settle.Receipt{TaskID: common.BytesToHash(t.TaskId), Client: sv.Client, Payee: sv.Payee, Amount: amt, ResultHash: common.BytesToHash(t.ResultHash)})
	}
	if err := p.cfg.Settler.Enqueue(sv, rs...); err != nil {
		reply.Reason = "payee cannot store the voucher now"
		s.WriteMsg(reply)
		return
	}
	p.mu.Lock()
	err = m.cfg.DB.Update(func(tx *store.Tx) error {
		c, _, err := store.GetJSON[credit](tx, p.credits, sv.Client[:])
		if err != nil {
			return err
		}
		if sv.CumulativeAmount.Cmp(zeroIfNil(c.Received)) <= 0 {
			return nil
		}
		c.Received = sv.CumulativeAmount
		c.Due = zeroIfNil(c.Due)
		return store.PutJSON(tx, p.credits, sv.Client[:], c)
	})
	p.mu.Unlock()
	if err != nil {
		m.log.Error("record received voucher", "client", sv.Client, "err", err)
	}
	reply.Accepted = true
	s.WriteMsg(reply)
	if m.provider != nil {
		// The client fetched these outputs before it paid for them: this
		// node's copies may go (retention.go).
		tids := make([]TaskID, 0, len(msg.Tasks))
		for _, t := range msg.Tasks {
			var tid TaskID
			if len(t.TaskId) == len(tid) {
				copy(tid[:], t.TaskId)
				tids = append(tids, tid)
			}
		}
		m.provider.paid(ctx, tids)
	}
}

// owe records that a task was delivered to client at price (once per task).
func (p *payments) owe(client common.Address, tid TaskID, price *big.Int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	err := p.m.cfg.DB.Update(func(tx *store.Tx) error {
		if _, ok, err := store.GetJSON[string](tx, p.due, tid[:]); err != nil || ok {
			return err
		}
		c, _, err := store.GetJSON[credit](tx, p.credits, client[:])
		if err != nil {
			return err
		}
		c.Due = new(big.Int).Add(zeroIfNil(c.Due), price)
		c.Received = zeroIfNil(c.Received)
		if err := store.PutJSON(tx, p.credits, client[:], c); err != nil {
			return err
		}
		return store.PutJSON(tx, p.due, tid[:], price.String())
	})
	if err != nil {
		p.m.log.Error("record delivered task", "task", tid.Short(), "err", err)
	}
}

// Unpaid returns what client owes this provider: delivered prices not yet
// covered by its vouchers (the vouchers also carry verifier fees, so this
// errs toward the client).
func (p *payments) unpaid(client common.Address) *big.Int {
	var c credit
	p.m.cfg.DB.View(func(tx *store.Tx) error {
		c, _, _ = store.GetJSON[credit](tx, p.credits, client[:])
		return nil
	})
	u := new(big.Int).Sub(zeroIfNil(c.Due), zeroIfNil(c.Received))
	if u.Sign() < 0 {
		u.SetInt64(0)
	}
	return u
}

// deposit returns the client's free deposit, cached for DepositTTL.
func (p *payments) deposit(ctx context.Context, client common.Address) (*big.Int, error) {
	now := p.m.cfg.Now()
	p.dmu.Lock()
	e, ok := p.deposits[client]
	p.dmu.Unlock()
	if ok && now.Sub(e.at) < p.cfg.DepositTTL {
		return e.v, nil
	}
	v, err := p.cfg.Deposits.FreeDeposit(ctx, client)
	if err != nil {
		return nil, err
	}
	p.dmu.Lock()
	if len(p.deposits) > 4096 {
		clear(p.deposits)
	}
	p.deposits[client] = depositEntry{v, now}
	p.dmu.Unlock()
	return v, nil
}

// refusal says why this provider will not work for client at price, or
// "" when it will: the unpaid balance would pass the credit limit, or the
// client's free deposit does not cover the unpaid balance plus the price.
func (p *payments) refusal(ctx context.Context, clientAddr []byte, price *big.Int) string {
	client := common.BytesToAddress(clientAddr)
	unpaid := p.unpaid(client)
	need := new(big.Int).Add(unpaid, price)
	if need.Cmp(p.cfg.CreditLimit) > 0 {
		return fmt.Sprintf("client owes %s wei unpaid; credit limit %s", unpaid, p.cfg.CreditLimit)
	}
	dctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	dep, err := p.deposit(dctx, client)
	if err != nil {
		return "cannot read the client's deposit: " + wire.Truncate(err.Error())
	}
	if dep.Cmp(need) < 0 {
		return fmt.Sprintf("client's free deposit %s wei does not cover %s", dep, need)
	}
	return ""
}

// checkCredit turns a bid into a no-bid when the client is not good for it.
func (p *payments) checkCredit(ctx context.Context, a *wire.TaskAnnounce, msg *wire.BidMessage) {
	b := msg.GetBid()
	if b == nil {
		return
	}
	price, err := wire.ParseWei(b.Price)
	if err != nil {
		return
	}
	if why := p.refusal(ctx, a.Address, price); why != "" {
		msg.Body = &wire.BidMessage_NoBid{NoBid: &wire.NoBid{Version: wire.BidVersion, TaskId: a.TaskId, Round: a.Round,
			Code: wire.NoBidCode_NO_BID_CREDIT, Reason: wire.Truncate(why)}}
	}
}

// ───────────────────────── reads for reports ─────────────────────────

// Ledger is what this client owes one payee, as signed.
type Ledger struct {
	Payee      common.Address `json:"payee"`
	Cumulative *big.Int       `json:"cumulative"`
	AsProvider *big.Int       `json:"as_provider"`
	AsVerifier *big.Int       `json:"as_verifier"`
	Delivered  *big.Int       `json:"delivered"` // acknowledged by the payee
}

// Ledgers lists this client's cumulative vouchers per payee.
func (m *Market) Ledgers() ([]Ledger, error) {
	if m.pay == nil {
		return nil, nil
	}
	var out []Ledger
	err := m.pay.out.Iterate(nil, func(k, v []byte) error {
		var o payOut
		if err := json.Unmarshal(v, &o); err != nil {
			return err
		}
		out = append(out, Ledger{Payee: common.BytesToAddress(k), Cumulative: zeroIfNil(o.Cumulative),
			AsProvider: zeroIfNil(o.AsProvider), AsVerifier: zeroIfNil(o.AsVerifier), Delivered: zeroIfNil(o.Sent)})
		return nil
	})
	return out, err
}

// Unpaid returns what client owes this provider (delivered, not covered
// by vouchers).
func (m *Market) Unpaid(client common.Address) *big.Int {
	if m.pay == nil {
		return new(big.Int)
	}
	return m.pay.unpaid(client)
}

// oweTask records a delivered task's price against its client.
func (p *payments) oweTask(rec *providerTask) {
	aw := new(wire.Award)
	if err := proto.Unmarshal(rec.Award, aw); err != nil {
		return
	}
	price, err := wire.ParseWei(aw.Price)
	if err != nil {
		return
	}
	p.owe(common.BytesToAddress(aw.Announce.GetAddress()), rec.ID, price)
}
