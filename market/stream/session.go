package stream

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	mrand "math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/wire"
)

// SessionOptions configure a session. Zero values get the defaults.
type SessionOptions struct {
	// MaxPrice is the highest price per request (wei) accepted. Default:
	// any price.
	MaxPrice *big.Int
	// Ordered makes the channel form (Send/Results) deliver results in Send
	// order. Do is always answered in its own call.
	Ordered bool
	// MaxProviders is how many providers a session uses at once when one
	// is saturated (its window full). Default 2.
	MaxProviders int
	// MaxPending bounds requests not yet delivered; Send and Do block
	// beyond it. Default 256.
	MaxPending int
	// StallTimeout fails over a provider that answers nothing for this long
	// while requests are in flight. Default 3s.
	StallTimeout time.Duration
	// DiscoveryTimeout bounds the wait for a first provider in Open, and
	// how long queued requests wait when every provider is gone before they
	// fail with ErrNoProviders. Default 30s.
	DiscoveryTimeout time.Duration
	// VoucherEvery sends a cumulative voucher to a provider after this many
	// answered requests. Default 32 (fewer when the provider's credit limit
	// needs it).
	VoucherEvery int
	// VoucherValue also sends one once this much (wei) is unpaid. Default:
	// off.
	VoucherValue *big.Int
	// SampleRate is the fraction of answers re-checked (tolerance). Default
	// 0.01; negative turns checking off.
	SampleRate float64
	// MaxAttempts is how many providers one request may be sent to before
	// it fails with ErrGaveUp. Default 8.
	MaxAttempts int
	// RetryAfter keeps a failed provider out of use this long. Default 10s.
	RetryAfter time.Duration
	// Seed makes sampling reproducible (tests). Default random.
	Seed uint64
}

func (o *SessionOptions) defaults() {
	if o.MaxProviders <= 0 {
		o.MaxProviders = 2
	}
	if o.MaxPending <= 0 {
		o.MaxPending = 256
	}
	if o.StallTimeout <= 0 {
		o.StallTimeout = 3 * time.Second
	}
	if o.DiscoveryTimeout <= 0 {
		o.DiscoveryTimeout = 30 * time.Second
	}
	if o.VoucherEvery <= 0 {
		o.VoucherEvery = 32
	}
	if o.SampleRate == 0 {
		o.SampleRate = 0.01
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 8
	}
	if o.RetryAfter <= 0 {
		o.RetryAfter = 10 * time.Second
	}
	if o.Seed == 0 {
		var b [8]byte
		rand.Read(b[:])
		o.Seed = binary.LittleEndian.Uint64(b[:])
	}
}

// Result is the answer to one request.
type Result struct {
	// Seq is the request's sequence number in the session.
	Seq uint64
	// Output is the workload output (mlp: f32 [rows, dL] blob).
	Output []byte
	// Provider answered it.
	Provider peer.ID
	// Latency from Send/Do to the answer, failovers included.
	Latency time.Duration
	// Attempts is how many providers it was sent to (1 without failover).
	Attempts int
	// Err is set when the request failed (ErrBadInput, ErrGaveUp,
	// ErrNoProviders, ErrClosed).
	Err error
}

// Session is a client's stream of requests to one service. Its methods
// are safe for concurrent use.
type Session struct {
	s    *Streams
	svc  Service
	key  []byte
	opts SessionOptions
	log  *slog.Logger
	id   []byte
	blk  uint64
	hash common.Hash

	topic   *p2p.Topic
	sub     *p2p.Subscription
	demandT *p2p.Topic // publish only (demand.go)
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	kick    chan struct{}
	outKick chan struct{}
	results chan Result
	sem     chan struct{}
	checks  chan Sample

	mu        sync.Mutex
	closed    bool
	rng       *mrand.Rand
	provs     map[peer.ID]*prov
	conns     map[peer.ID]*conn
	queue     []*request // by seq
	pending   map[uint64]*request
	nextSeq   uint64
	nextOrder uint64
	outNext   uint64
	ready     map[uint64]Result // channel form, by order (Ordered)
	fifo      []Result          // channel form (unordered)
	noProv    time.Time
	stats     Stats
	model     []byte // for checks, fetched on the first sample
}

type request struct {
	seq, order uint64
	input      []byte
	start      time.Time
	attempts   int
	reply      chan Result // Do; nil for Send
	done       bool
}

// Open starts a session with service id ("<workload>:<model CID>"): it
// subscribes to the service's heartbeats (and looks the service up in the
// DHT when one is on) and returns once a provider is known, or fails with
// ErrNoProviders after opts.DiscoveryTimeout. ctx bounds the opening only.
func (s *Streams) Open(ctx context.Context, id string, opts SessionOptions) (*Session, error) {
	svc, err := ParseService(id)
	if err != nil {
		return nil, err
	}
	opts.defaults()
	s.mu.Lock()
	err = s.running()
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	t, err := s.joinTopic(svc)
	if err != nil {
		return nil, err
	}
	sub, err := t.Subscribe()
	if err != nil {
		s.leaveTopic(svc)
		return nil, err
	}
	dt, err := s.joinDemand(svc)
	if err != nil {
		sub.Cancel()
		s.leaveTopic(svc)
		return nil, err
	}
	ss := &Session{
		s: s, svc: svc, key: svc.CID().Bytes(), opts: opts, id: make([]byte, wire.StreamSessionLen),
		topic: t, sub: sub, demandT: dt, kick: make(chan struct{}, 1), outKick: make(chan struct{}, 1),
		results: make(chan Result), sem: make(chan struct{}, opts.MaxPending), checks: make(chan Sample, 64),
		rng: mrand.New(mrand.NewPCG(opts.Seed, 0x5e55)), stats: Stats{Paid: new(big.Int)},
		provs: map[peer.ID]*prov{}, conns: map[peer.ID]*conn{}, pending: map[uint64]*request{}, ready: map[uint64]Result{},
	}
	rand.Read(ss.id)
	ss.log = s.log.With("service", svc.ID(), "session", hex.EncodeToString(ss.id[:4]))
	if s.cfg.Head != nil {
		if ss.blk, ss.hash, err = s.cfg.Head(ctx); err != nil {
			sub.Cancel()
			s.leaveTopic(svc)
			s.leaveDemand(svc)
			return nil, fmt.Errorf("stream: chain head: %w", err)
		}
	}
	ss.ctx, ss.cancel = context.WithCancel(context.Background())
	s.mu.Lock()
	if err := s.running(); err != nil {
		s.mu.Unlock()
		ss.cancel()
		sub.Cancel()
		s.leaveTopic(svc)
		s.leaveDemand(svc)
		return nil, err
	}
	s.sessions[ss] = struct{}{}
	s.mu.Unlock()
	for _, f := range []func(){ss.heartbeats, ss.loop, ss.deliver, ss.checker, ss.discover, ss.demand} {
		ss.wg.Add(1)
		go func() {
			defer ss.wg.Done()
			f()
		}()
	}
	wctx, cancel := context.WithTimeout(ctx, opts.DiscoveryTimeout)
	defer cancel()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		ss.mu.Lock()
		n := len(ss.usable(time.Now()))
		ss.mu.Unlock()
		if n > 0 {
			return ss, nil
		}
		select {
		case <-wctx.Done():
			ss.Close()
			return nil, fmt.Errorf("%w: %s: %w", ErrNoProviders, svc, wctx.Err())
		case <-tick.C:
		}
	}
}

// Service is the session's service.
func (ss *Session) Service() Service { return ss.svc }

// ID is the session's random ID (hex).
func (ss *Session) ID() string { return hex.EncodeToString(ss.id) }

// Do sends one request and waits for its answer.
func (ss *Session) Do(ctx context.Context, input []byte) ([]byte, error) {
	reply := make(chan Result, 1)
	if _, err := ss.enqueue(ctx, input, reply); err != nil {
		return nil, err
	}
	select {
	case r := <-reply:
		return r.Output, r.Err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Send queues a request for the channel form and returns its sequence
// number; its Result arrives on Results (in Send order when Ordered). It
// blocks while MaxPending requests are outstanding.
func (ss *Session) Send(ctx context.Context, input []byte) (uint64, error) {
	return ss.enqueue(ctx, input, nil)
}

// Results delivers the answers of Send. It is closed by Close; results
// not yet received then are dropped.
func (ss *Session) Results() <-chan Result { return ss.results }

func (ss *Session) enqueue(ctx context.Context, input []byte, reply chan Result) (uint64, error) {
	if len(input) == 0 || len(input) > wire.MaxStreamPayload {
		return 0, fmt.Errorf("%w: input is %d bytes, want 1..%d", ErrBadInput, len(input), wire.MaxStreamPayload)
	}
	select {
	case ss.sem <- struct{}{}:
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-ss.ctx.Done():
		return 0, ErrClosed
	}
	ss.mu.Lock()
	if ss.closed {
		ss.mu.Unlock()
		<-ss.sem
		return 0, ErrClosed
	}
	ss.nextSeq++
	r := &request{seq: ss.nextSeq, input: input, start: time.Now(), reply: reply}
	if reply == nil {
		r.order = ss.nextOrder
		ss.nextOrder++
	}
	ss.pending[r.seq] = r
	ss.queue = append(ss.queue, r)
	ss.stats.Requests++
	ss.mu.Unlock()
	ss.poke()
	return r.seq, nil
}

func (ss *Session) poke() {
	select {
	case ss.kick <- struct{}{}:
	default:
	}
}

// complete delivers req's result once. Called with mu held.
func (ss *Session) complete(req *request, res Result) {
	if req.done {
		ss.stats.Duplicates++
		return
	}
	req.done = true
	delete(ss.pending, req.seq)
	res.Seq, res.Attempts, res.Latency = req.seq, req.attempts, time.Since(req.start)
	if res.Err == nil {
		ss.stats.Answered++
	} else {
		ss.stats.Failed++
	}
	if req.reply != nil {
		req.reply <- res
		<-ss.sem
		return
	}
	if ss.opts.Ordered {
		ss.ready[req.order] = res
	} else {
		ss.fifo = append(ss.fifo, res)
	}
	select {
	case ss.outKick <- struct{}{}:
	default:
	}
}

// deliver hands channel-form results to Results, in order when asked.
func (ss *Session) deliver() {
	for {
		ss.mu.Lock()
		var out []Result
		if ss.opts.Ordered {
			for {
				r, ok := ss.ready[ss.outNext]
				if !ok {
					break
				}
				delete(ss.ready, ss.outNext)
				ss.outNext++
				out = append(out, r)
			}
		} else {
			out, ss.fifo = ss.fifo, nil
		}
		ss.mu.Unlock()
		for _, r := range out {
			select {
			case ss.results <- r:
				<-ss.sem
			case <-ss.ctx.Done():
				return
			}
		}
		if len(out) > 0 {
			continue
		}
		select {
		case <-ss.outKick:
		case <-ss.ctx.Done():
			return
		}
	}
}

// requeue puts a request back for another provider, in seq order, or
// fails it after MaxAttempts. Called with mu held.
func (ss *Session) requeue(req *request, why error) {
	if req.done {
		return
	}
	if req.attempts >= ss.opts.MaxAttempts {
		ss.complete(req, Result{Err: fmt.Errorf("%w (%d attempts; last: %w)", ErrGaveUp, req.attempts, why)})
		return
	}
	i, _ := slices.BinarySearchFunc(ss.queue, req.seq, func(r *request, seq uint64) int {
		switch {
		case r.seq < seq:
			return -1
		case r.seq > seq:
			return 1
		}
		return 0
	})
	ss.queue = slices.Insert(ss.queue, i, req)
	ss.stats.Replayed++
}

// loop dispatches queued requests and watches providers: stalls, expired
// heartbeats, no provider at all.
func (ss *Session) loop() {
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ss.ctx.Done():
			return
		case <-ss.kick:
		case <-tick.C:
			ss.maintain()
		}
		ss.dispatch()
	}
}

func (ss *Session) maintain() {
	now := time.Now()
	type failure struct {
		c   *conn
		err error
	}
	var fails []failure
	ss.mu.Lock()
	for id, p := range ss.provs {
		if now.Sub(p.seen) > ss.s.cfg.HeartbeatTTL {
			delete(ss.provs, id)
			if c := ss.conns[id]; c != nil {
				fails = append(fails, failure{c, fmt.Errorf("%w: no heartbeat for %s", ErrLeft, ss.s.cfg.HeartbeatTTL)})
			}
		}
	}
	for _, c := range ss.conns {
		if c.ready && len(c.inflight) > 0 && now.Sub(c.progress) > ss.opts.StallTimeout {
			fails = append(fails, failure{c, fmt.Errorf("%w: nothing answered for %s", ErrStalled, now.Sub(c.progress).Round(time.Millisecond))})
		}
	}
	if len(ss.queue) > 0 && len(ss.conns) == 0 && len(ss.usable(now)) == 0 {
		if ss.noProv.IsZero() {
			ss.noProv = now
		} else if now.Sub(ss.noProv) > ss.opts.DiscoveryTimeout {
			q := ss.queue
			ss.queue = nil
			for _, r := range q {
				ss.complete(r, Result{Err: fmt.Errorf("%w: none for %s", ErrNoProviders, ss.opts.DiscoveryTimeout)})
			}
		}
	} else {
		ss.noProv = time.Time{}
	}
	ss.mu.Unlock()
	for _, f := range fails {
		ss.fail(f.c, f.err, false)
	}
}

// dispatch sends queued requests to providers with room in their window,
// opening the next-ranked provider when all in use are full.
func (ss *Session) dispatch() {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.closed {
		return
	}
	now := time.Now()
	for len(ss.queue) > 0 {
		c := ss.pick()
		if c == nil {
			ss.maybeOpen(now)
			return
		}
		req := ss.queue[0]
		ss.queue = ss.queue[1:]
		if req.done {
			continue
		}
		req.attempts++
		if len(c.inflight) == 0 {
			c.progress = now
		}
		c.inflight[req.seq] = req
		m := &wire.StreamClientMsg{Body: &wire.StreamClientMsg_Request{Request: &wire.StreamRequest{Seq: req.seq, Input: req.input}}}
		if !c.enqueue(m) {
			ss.mu.Unlock()
			ss.fail(c, fmt.Errorf("%w: send queue full", ErrStalled), false)
			ss.mu.Lock()
		}
	}
	// Keep a spare provider warm only when the ones in use are saturated.
}

// pick returns the best-ranked ready connection with room, or nil.
func (ss *Session) pick() *conn {
	var best *conn
	for _, c := range ss.conns {
		if !c.ready || c.failed || len(c.inflight) >= c.window {
			continue
		}
		if best == nil || ss.better(ss.provs[c.pid], ss.provs[best.pid]) {
			best = c
		}
	}
	return best
}

// maybeOpen opens the best usable provider not yet in use, unless
// MaxProviders are in use or one is still opening.
func (ss *Session) maybeOpen(now time.Time) {
	for _, c := range ss.conns {
		if !c.ready {
			return // wait for it
		}
	}
	if len(ss.conns) >= ss.opts.MaxProviders {
		return
	}
	for _, p := range ss.usable(now) {
		if ss.conns[p.id] != nil {
			continue
		}
		c := newConn(ss, p)
		ss.conns[p.id] = c
		ss.wg.Add(1)
		go func() {
			defer ss.wg.Done()
			ss.dial(c)
		}()
		return
	}
}

// Close ends the session: answered-but-unpaid requests are paid with a
// last voucher, streams are closed, pending requests fail with ErrClosed
// and Results is closed. It is idempotent.
func (ss *Session) Close() error {
	ss.mu.Lock()
	if ss.closed {
		ss.mu.Unlock()
		return nil
	}
	ss.closed = true
	var conns []*conn
	for _, c := range ss.conns {
		conns = append(conns, c)
	}
	ss.mu.Unlock()
	for _, c := range conns {
		c.closeWrite()
	}
	deadline := time.After(time.Second)
	for _, c := range conns {
		select {
		case <-c.flushed:
		case <-deadline:
		}
	}
	ss.cancel()
	for _, c := range conns {
		ss.fail(c, ErrClosed, false)
	}
	ss.sub.Cancel()
	ss.wg.Wait()
	ss.mu.Lock()
	for _, r := range ss.pending {
		r.done = true
		if r.reply != nil {
			r.reply <- Result{Seq: r.seq, Err: ErrClosed}
		}
	}
	ss.pending = map[uint64]*request{}
	ss.queue = nil
	ss.mu.Unlock()
	close(ss.results)
	s := ss.s
	s.mu.Lock()
	delete(s.sessions, ss)
	s.mu.Unlock()
	return errors.Join(s.leaveTopic(ss.svc), s.leaveDemand(ss.svc))
}
