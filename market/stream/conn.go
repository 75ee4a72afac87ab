package stream

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/typed"
	"github.com/ogpu/ogpu/p2p/wire"
)

// dialTimeout bounds opening a session stream with a provider.
const dialTimeout = 5 * time.Second

// conn is a session's stream to one provider. Fields other than the
// immutable ones are guarded by Session.mu.
type conn struct {
	ss    *Session
	pid   peer.ID
	payee common.Address

	st       network.Stream
	out      chan *wireMsg
	done     chan struct{} // closed when the conn fails
	flushed  chan struct{} // closed when the writer has finished
	flushOne sync.Once

	ready    bool
	failed   bool
	price    *big.Int
	window   int
	every    int // requests per voucher
	inflight map[uint64]*request
	progress time.Time // last answer, or first send while idle
	answered int64
	unpaidN  int
	unpaidV  *big.Int
}

// wireMsg is a frame for the writer; a nil Msg asks it to half-close.
type wireMsg struct{ m *wire.StreamClientMsg }

func newConn(ss *Session, p *prov) *conn {
	return &conn{
		ss: ss, pid: p.id, payee: p.addr, done: make(chan struct{}), flushed: make(chan struct{}),
		inflight: map[uint64]*request{}, unpaidV: new(big.Int),
	}
}

// enqueue hands a frame to the writer without blocking; false when the
// writer is too far behind (a stalled stream). Called with mu held.
func (c *conn) enqueue(m *wire.StreamClientMsg) bool {
	select {
	case c.out <- &wireMsg{m}:
		return true
	default:
		return false
	}
}

// dial opens the stream, sends StreamOpen and reads the provider's terms.
func (ss *Session) dial(c *conn) {
	err := ss.open(c)
	ss.mu.Lock()
	if err == nil && (ss.closed || c.failed) {
		err = ErrClosed
	}
	if err != nil {
		c.failed = true
		close(c.done)
		c.flushOne.Do(func() { close(c.flushed) })
		if ss.conns[c.pid] == c {
			delete(ss.conns, c.pid)
		}
		if p := ss.provs[c.pid]; p != nil && !errors.Is(err, ErrClosed) {
			p.fails++
			p.downUntil = time.Now().Add(ss.opts.RetryAfter)
		}
		ss.mu.Unlock()
		if c.st != nil {
			c.st.Reset()
		}
		if !errors.Is(err, ErrClosed) {
			ss.log.Debug("open provider", "provider", c.pid, "err", err)
		}
		ss.poke()
		return
	}
	c.ready = true
	ss.wg.Add(2)
	go func() {
		defer ss.wg.Done()
		ss.writer(c)
	}()
	go func() {
		defer ss.wg.Done()
		ss.reader(c)
	}()
	ss.mu.Unlock()
	ss.poke()
}

func (ss *Session) open(c *conn) error {
	h := ss.s.cfg.Net.Host()
	if h == nil {
		return p2p.ErrNotStarted
	}
	ctx, cancel := context.WithTimeout(ss.ctx, dialTimeout)
	defer cancel()
	st, err := h.NewStream(ctx, c.pid, p2p.ProtoStream)
	if err != nil {
		return fmt.Errorf("stream: open %s: %w", c.pid, err)
	}
	c.st = st
	if err := st.Scope().SetService(p2p.ServiceName); err != nil {
		return fmt.Errorf("stream: open %s: %w", c.pid, err)
	}
	maxPrice := ss.opts.MaxPrice
	if maxPrice == nil {
		maxPrice = typed.MaxAmount
	}
	open := &wire.StreamOpen{
		Version: wire.StreamVersion, Service: ss.key, Session: ss.id, MaxPrice: maxPrice.String(),
		BlockNumber: ss.blk, PaidBase: ss.s.cfg.Ledger.Owed(c.payee).String(),
	}
	if ss.blk != 0 || ss.hash != (common.Hash{}) {
		open.BlockHash = ss.hash.Bytes()
	}
	st.SetDeadline(time.Now().Add(dialTimeout))
	if err := wire.WriteMsg(st, open); err != nil {
		return fmt.Errorf("stream: open %s: %w", c.pid, err)
	}
	var m wire.StreamProviderMsg
	if err := wire.ReadMsg(st, &m, wire.MaxStreamAcceptSize); err != nil {
		return fmt.Errorf("stream: open %s: %w", c.pid, err)
	}
	st.SetDeadline(time.Time{})
	if err := m.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrProtocol, err)
	}
	a := m.GetAccept()
	if a == nil {
		return fmt.Errorf("%w: first frame is not an accept", ErrProtocol)
	}
	if !a.Accepted {
		return fmt.Errorf("%w: %s: %s", ErrRefused, c.pid, a.Reason)
	}
	price, _ := wire.ParseWei(a.Price)
	limit, _ := wire.ParseWei(a.CreditLimit)
	if price.Cmp(maxPrice) > 0 {
		return fmt.Errorf("%w: %s asks %s wei > max %s", ErrRefused, c.pid, price, maxPrice)
	}
	window, every := int(a.Window), ss.opts.VoucherEvery
	if price.Sign() > 0 {
		// Keep what the provider may have unpaid (window in flight plus
		// answered since the last voucher) under its credit limit.
		credit := int(min(new(big.Int).Div(limit, price).Int64(), 1<<20))
		window = max(1, min(window, credit/2))
		every = max(1, min(every, credit/4))
	}
	ss.mu.Lock()
	c.price, c.window, c.every = price, window, every
	c.out = make(chan *wireMsg, window+64)
	ss.mu.Unlock()
	return nil
}

func (ss *Session) writer(c *conn) {
	defer c.flushOne.Do(func() { close(c.flushed) })
	for {
		select {
		case <-c.done:
			return
		case w := <-c.out:
			if w.m == nil {
				c.st.CloseWrite()
				return
			}
			c.st.SetWriteDeadline(time.Now().Add(writeTimeout))
			if err := wire.WriteMsg(c.st, w.m); err != nil {
				ss.fail(c, err, false)
				return
			}
		}
	}
}

func (ss *Session) reader(c *conn) {
	max := p2p.MaxMsgSize(p2p.ProtoStream)
	for {
		var m wire.StreamProviderMsg
		if err := wire.ReadMsg(c.st, &m, max); err != nil {
			ss.fail(c, err, false)
			return
		}
		if err := m.Validate(); err != nil {
			ss.fail(c, fmt.Errorf("%w: %w", ErrProtocol, err), true)
			return
		}
		switch {
		case m.GetResponse() != nil:
			ss.onResponse(c, m.GetResponse())
		case m.GetStop() != nil:
			st := m.GetStop()
			err := fmt.Errorf("stream: provider stopped the session: %s", st.Reason)
			switch st.Code {
			case wire.StreamErrorCode_STREAM_CREDIT:
				err = fmt.Errorf("%w (%s)", ErrCredit, st.Reason)
			case wire.StreamErrorCode_STREAM_LEAVING:
				err = fmt.Errorf("%w (%s)", ErrLeft, st.Reason)
			}
			ss.fail(c, err, false)
			return
		default:
			ss.fail(c, fmt.Errorf("%w: unexpected frame", ErrProtocol), true)
			return
		}
	}
}

// onResponse delivers an answer (once), pays and samples.
func (ss *Session) onResponse(c *conn, r *wire.StreamResponse) {
	var (
		pay    *big.Int
		sample *Sample
	)
	ss.mu.Lock()
	req := c.inflight[r.Seq]
	if c.failed || req == nil {
		ss.stats.Duplicates++ // late, after a failover, or never asked
		ss.mu.Unlock()
		return
	}
	delete(c.inflight, r.Seq)
	now := time.Now()
	c.progress = now
	switch r.Error {
	case wire.StreamErrorCode_STREAM_OK:
		if req.done {
			ss.stats.Duplicates++
			break
		}
		if p := ss.provs[c.pid]; p != nil {
			p.observe(now.Sub(req.start))
		}
		c.answered++
		c.unpaidN++
		c.unpaidV.Add(c.unpaidV, c.price)
		if c.unpaidN >= c.every || (ss.opts.VoucherValue != nil && c.unpaidV.Cmp(ss.opts.VoucherValue) >= 0) {
			if c.unpaidV.Sign() > 0 {
				pay = new(big.Int).Set(c.unpaidV)
			}
			c.unpaidN, c.unpaidV = 0, new(big.Int)
		}
		if ss.opts.SampleRate > 0 && ss.rng.Float64() < ss.opts.SampleRate {
			sample = ss.sample(c, req, r)
		}
		ss.complete(req, Result{Output: r.Output, Provider: c.pid})
	case wire.StreamErrorCode_STREAM_BAD_INPUT:
		ss.complete(req, Result{Provider: c.pid, Err: fmt.Errorf("%w: %s", ErrBadInput, r.Reason)})
	default:
		ss.requeue(req, fmt.Errorf("stream: %s: %s", c.pid, r.Reason))
	}
	if pay != nil {
		ss.payLocked(c, pay)
	}
	ss.mu.Unlock()
	if sample != nil {
		select {
		case ss.checks <- *sample:
			ss.count(func(st *Stats) { st.Sampled++ })
		default: // the checker is behind: skip this sample
		}
	}
	ss.poke()
}

// payLocked signs a voucher raising c's payee by amount and queues it.
// Called with mu held.
func (ss *Session) payLocked(c *conn, amount *big.Int) {
	v, err := ss.s.cfg.Ledger.Pay(c.payee, amount)
	if err != nil {
		ss.log.Warn("voucher", "provider", c.pid, "err", err)
		return
	}
	if c.enqueue(voucherMsg(v)) {
		ss.stats.Vouchers++
		ss.stats.Paid.Add(ss.stats.Paid, amount)
	}
}

// closeWrite pays what c's answers still owe and half-closes the stream.
func (c *conn) closeWrite() {
	ss := c.ss
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if !c.ready || c.failed {
		c.flushOne.Do(func() { close(c.flushed) })
		return
	}
	if c.unpaidV.Sign() > 0 {
		ss.payLocked(c, c.unpaidV)
		c.unpaidN, c.unpaidV = 0, new(big.Int)
	}
	select {
	case c.out <- &wireMsg{}:
	default:
		c.flushOne.Do(func() { close(c.flushed) })
	}
}

// fail drops c: its in-flight requests go back to the queue (replayed on
// the next provider in seq order) and the provider is kept out of use for
// RetryAfter (for good when ban).
func (ss *Session) fail(c *conn, why error, ban bool) {
	ss.mu.Lock()
	if c.failed {
		ss.mu.Unlock()
		return
	}
	c.failed = true
	close(c.done)
	if ss.conns[c.pid] == c {
		delete(ss.conns, c.pid)
	}
	if p := ss.provs[c.pid]; p != nil {
		p.fails++
		p.downUntil = time.Now().Add(ss.opts.RetryAfter)
		p.banned = p.banned || ban
	}
	reqs := make([]*request, 0, len(c.inflight))
	for _, r := range c.inflight {
		reqs = append(reqs, r)
	}
	c.inflight = nil
	slices.SortFunc(reqs, func(a, b *request) int { return cmpU(a.seq, b.seq) })
	closing := ss.closed
	if !closing && c.ready && (len(reqs) > 0 || c.answered > 0) {
		ss.stats.Failovers++
	}
	for _, r := range reqs {
		ss.requeue(r, why)
	}
	ss.mu.Unlock()
	if c.st != nil {
		c.st.Reset()
	}
	if !closing {
		ss.log.Info("provider dropped", "provider", c.pid, "replay", len(reqs), "err", why)
	}
	ss.poke()
}

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
