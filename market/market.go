package market

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/wire"
)

// Market runs the batch market of one node: the client side (Submit,
// auctions, awards, results, merge) when Config.Client is set and the
// provider side (bids, runs, result commitments) when Config.Runner is set.
//
// New builds it and starts nothing; Start joins the tasks topic, registers
// the stream handlers and resumes persisted jobs and tasks; Close stops
// every goroutine it started and waits for them.
type Market struct {
	cfg Config
	log *slog.Logger
	db  *db
	id  peer.ID

	topic *p2p.Topic
	sub   *p2p.Subscription

	ctx    context.Context // lives from Start to Close
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	started bool
	// startedAt is when Start ran; see WarmUp.
	startedAt time.Time
	closed    bool

	client   *client
	provider *provider
	pay      *payments // nil without Config.Pay
	events   *events
	nf       network.Notifiee

	pmu     sync.Mutex
	penalty map[peer.ID]int // offences per peer, see AppScore
}

// New validates cfg and builds a market. It starts nothing.
func New(cfg Config) (*Market, error) {
	if err := cfg.withDefaults(); err != nil {
		return nil, err
	}
	d, err := openDB(cfg.DB)
	if err != nil {
		return nil, err
	}
	m := &Market{cfg: cfg, log: cfg.Logger.With("component", "market"), db: d, events: newEvents()}
	m.nf = m.notifee()
	m.client = newClient(m)
	if cfg.Runner != nil {
		m.provider = newProvider(m)
	}
	if cfg.Pay != nil {
		if m.pay, err = newPayments(m); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// Start joins ogpu/tasks/1, serves /ogpu/bid/1, /ogpu/award/1 and
// /ogpu/result/1 and resumes unfinished jobs and tasks from the database.
// ctx bounds start-up only.
func (m *Market) Start(ctx context.Context) error {
	if err := m.start(); err != nil {
		return err
	}
	// Resuming starts task goroutines through goTask, which takes m.mu.
	if err := m.client.resume(); err != nil {
		m.log.Error("resume jobs", "err", err)
	}
	if m.provider != nil {
		if err := m.provider.resume(); err != nil {
			m.log.Error("resume provider tasks", "err", err)
		}
	}
	return nil
}

func (m *Market) start() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	switch {
	case m.closed:
		return ErrClosed
	case m.started:
		return errors.New("market: already started")
	}
	m.id = m.cfg.Net.ID()
	m.ctx, m.cancel = context.WithCancel(context.Background())
	t, err := m.cfg.Net.JoinTopic(p2p.TopicSpec{
		Name:    p2p.TopicTasks,
		MaxSize: wire.MaxTaskAnnounceSize,
		Validate: func(from peer.ID, data []byte) (any, error) {
			return wire.DecodeTaskAnnounceCached(m.cfg.SigCache, data, from, m.cfg.Now())
		},
		Author:      func(v any) peer.ID { return v.(*wire.TaskAnnounce).ClientID() },
		RatePerPeer: p2p.Rate{PerSecond: 2000, Burst: 4000},
	})
	if err != nil {
		m.cancel()
		return err
	}
	m.topic = t
	if m.sub, err = t.Subscribe(); err != nil {
		t.Close()
		m.cancel()
		return err
	}
	type handler struct {
		pid protocol.ID
		max int
		h   p2p.Handler
	}
	handlers := []handler{
		{p2p.ProtoBid, wire.MaxBidSize, m.client.handleBid},
		{p2p.ProtoResult, wire.MaxResultSize, m.client.handleResult},
	}
	if m.provider != nil {
		handlers = append(handlers, handler{p2p.ProtoAward, wire.MaxAwardSize, m.provider.handleAward})
	}
	if m.pay != nil {
		handlers = append(handlers, handler{p2p.ProtoPay, wire.MaxPaymentSize, m.pay.handlePay})
	}
	for _, h := range handlers {
		if err := m.cfg.Net.Handle(h.pid, h.max, h.h); err != nil {
			m.sub.Cancel()
			t.Close()
			m.cancel()
			return err
		}
	}
	m.cfg.Net.Host().Network().Notify(m.nf)
	m.started = true
	m.startedAt = m.cfg.Now()
	m.wg.Add(1)
	go m.receiveLoop()
	if m.pay != nil {
		m.wg.Add(1)
		go func() {
			defer m.wg.Done()
			m.pay.sendLoop(m.ctx)
		}()
	}
	if m.provider != nil {
		m.wg.Add(1)
		go func() {
			defer m.wg.Done()
			m.provider.expireLoop(m.ctx.Done())
		}()
	}
	if m.cfg.Retention >= 0 {
		m.wg.Add(1)
		go func() {
			defer m.wg.Done()
			m.pruneLoop(m.ctx)
		}()
	}
	return nil
}

// Close stops the market and waits for its goroutines. It is idempotent.
// Persisted jobs and tasks resume on the next Start.
func (m *Market) Close() error {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return nil
	}
	m.closed = true
	started := m.started
	m.mu.Unlock()
	if !started {
		return nil
	}
	m.cfg.Net.Host().Network().StopNotify(m.nf)
	m.cancel()
	m.sub.Cancel()
	m.wg.Wait()
	m.events.close()
	return m.topic.Close()
}

// goTask runs f on a goroutine owned by the market; it is skipped when the
// market is closing.
func (m *Market) goTask(f func(ctx context.Context)) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed || !m.started {
		return false
	}
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		f(m.ctx)
	}()
	return true
}

func (m *Market) receiveLoop() {
	defer m.wg.Done()
	for {
		msg, err := m.sub.Next(m.ctx)
		if err != nil {
			return
		}
		if msg.Local || m.provider == nil {
			continue
		}
		if a, ok := msg.Value.(*wire.TaskAnnounce); ok {
			m.provider.onAnnounce(msg.From, a)
		}
	}
}

// Events returns a channel of market events. Slow readers lose events
// rather than slow the market; the channel is closed by Close.
func (m *Market) Events() <-chan Event { return m.events.subscribe() }

func (m *Market) emit(e Event) {
	if e.Time.IsZero() {
		e.Time = m.cfg.Now()
	}
	m.events.emit(e)
}

// notifee reports lost connections so awarded tasks move on quickly.
func (m *Market) notifee() network.Notifiee {
	return &network.NotifyBundle{DisconnectedF: func(n network.Network, c network.Conn) {
		p := c.RemotePeer()
		if n.Connectedness(p) == network.Connected {
			return
		}
		m.client.peerGone(p)
	}}
}

// TopicPeers is how many peers this node knows on ogpu/tasks/1 (0 before
// Start).
func (m *Market) TopicPeers() int {
	m.mu.Lock()
	t := m.topic
	m.mu.Unlock()
	if t == nil {
		return 0
	}
	return len(t.Peers())
}
