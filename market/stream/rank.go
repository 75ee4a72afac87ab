package stream

import (
	"context"
	"math/big"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/p2p/wire"
)

// prov is what a session knows of one provider of its service. Guarded by
// Session.mu.
type prov struct {
	id        peer.ID
	addr      common.Address
	price     *big.Int
	load      float64
	latUs     uint32
	slots     uint32
	leaving   bool
	seq       uint64
	seen      time.Time
	rtt       time.Duration // measured request latency (EWMA), 0 until measured
	fails     int
	downUntil time.Time
	banned    bool
}

func (p *prov) observe(d time.Duration) {
	if p.rtt == 0 {
		p.rtt = d
		return
	}
	p.rtt = (7*p.rtt + d) / 8
}

// latency is the measured request latency, else the provider's own figure.
func (p *prov) latency() time.Duration {
	if p.rtt > 0 {
		return p.rtt
	}
	return time.Duration(p.latUs) * time.Microsecond
}

// usable lists the providers a request may go to now, best first. Called
// with mu held.
func (ss *Session) usable(now time.Time) []*prov {
	var out []*prov
	for _, p := range ss.provs {
		if p.banned || p.leaving || now.Before(p.downUntil) {
			continue
		}
		if ss.opts.MaxPrice != nil && p.price.Cmp(ss.opts.MaxPrice) > 0 {
			continue
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *prov) int {
		if ss.better(a, b) {
			return -1
		}
		if ss.better(b, a) {
			return 1
		}
		return 0
	})
	return out
}

// better ranks providers: higher reputation (minus 1 per failure in this
// session), then not saturated (heartbeat load < 0.9), then lower price,
// then lower latency, then lower load.
func (ss *Session) better(a, b *prov) bool {
	if a == nil || b == nil {
		return a != nil
	}
	ra, rb := ss.reputation(a), ss.reputation(b)
	if ra != rb {
		return ra > rb
	}
	if sa, sb := a.load >= 0.9, b.load >= 0.9; sa != sb {
		return !sa
	}
	if c := a.price.Cmp(b.price); c != 0 {
		return c < 0
	}
	if la, lb := a.latency(), b.latency(); la != lb {
		return la < lb
	}
	if a.load != b.load {
		return a.load < b.load
	}
	return a.id < b.id
}

func (ss *Session) reputation(p *prov) float64 {
	r := -float64(p.fails)
	if f := ss.s.cfg.Reputation; f != nil {
		r += f(p.id)
	}
	return r
}

// heartbeats keeps the provider table from the service topic.
func (ss *Session) heartbeats() {
	self := ss.s.cfg.Net.ID()
	for {
		m, err := ss.sub.Next(ss.ctx)
		if err != nil {
			return
		}
		h, ok := m.Value.(*wire.ServiceHeartbeat)
		if !ok || m.From == self {
			continue
		}
		price, err := wire.ParseWei(h.Price)
		if err != nil {
			continue
		}
		var drop *conn
		ss.mu.Lock()
		p := ss.provs[m.From]
		if p == nil {
			p = &prov{id: m.From, addr: common.BytesToAddress(h.Address)}
			ss.provs[m.From] = p
		}
		if h.Seq > p.seq {
			p.seq, p.price, p.load, p.latUs, p.slots, p.leaving = h.Seq, price, h.Load, h.LatencyUs, h.Slots, h.Leaving
			p.seen = time.Now()
			if h.Leaving {
				drop = ss.conns[m.From]
			}
		}
		ss.mu.Unlock()
		if drop != nil {
			ss.fail(drop, ErrLeft, false)
		}
		ss.poke()
	}
}

// discover finds providers of the service CID in the DHT (when one is on)
// and connects to them, so their heartbeats reach this node's mesh.
func (ss *Session) discover() {
	d := ss.s.cfg.Net.DHT()
	h := ss.s.cfg.Net.Host()
	if d == nil || h == nil {
		return
	}
	c := ss.svc.CID()
	for {
		ctx, cancel := context.WithTimeout(ss.ctx, 10*time.Second)
		for ai := range d.FindProvidersAsync(ctx, c, 16) {
			if ai.ID == h.ID() || len(h.Network().ConnsToPeer(ai.ID)) > 0 {
				continue
			}
			if err := h.Connect(ctx, ai); err != nil {
				ss.log.Debug("connect to dht provider", "peer", ai.ID, "err", err)
			}
		}
		cancel()
		ss.mu.Lock()
		n := len(ss.provs)
		ss.mu.Unlock()
		wait := 30 * time.Second
		if n == 0 {
			wait = 2 * time.Second
		}
		select {
		case <-ss.ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}
