package stream

import (
	"context"
	"time"

	"github.com/ogpu/ogpu/p2p/wire"
)

// demandPeriod is how often a session without a provider publishes its
// demand: every Heartbeat, but at most once a second (DemandRate).
func (s *Streams) demandPeriod() time.Duration { return max(s.cfg.Heartbeat, time.Second) }

// demandTTL is how long a standby counts a client's demand.
func (s *Streams) demandTTL() time.Duration { return 3 * s.demandPeriod() }

// demand publishes a wire.ServiceDemand every demandPeriod while the
// session has no provider it can use (while opening, or when every
// provider is gone, failed or over its max price), so standby providers
// (Standby) can join a service nobody serves for it.
func (ss *Session) demand() {
	var seq uint64
	for {
		// Wait first: providers heartbeat at once to a new subscriber, so a
		// session that opens on a served service never publishes.
		select {
		case <-ss.ctx.Done():
			return
		case <-time.After(ss.s.demandPeriod()):
		}
		ss.mu.Lock()
		need := !ss.closed && len(ss.usable(time.Now())) == 0
		waiting := len(ss.queue)
		ss.mu.Unlock()
		if need {
			seq++
			d := &wire.ServiceDemand{Service: ss.key, Waiting: uint32(min(waiting, 1<<31)), Seq: seq, TimestampMs: ss.s.cfg.Now().UnixMilli()}
			if ss.opts.MaxPrice != nil {
				d.MaxPrice = ss.opts.MaxPrice.String()
			}
			if err := ss.publishDemand(d); err != nil && ss.ctx.Err() == nil {
				ss.log.Debug("publish demand", "err", err)
			}
		}
	}
}

func (ss *Session) publishDemand(d *wire.ServiceDemand) error {
	if err := wire.SignServiceDemand(ss.s.cfg.Key, d); err != nil {
		return err
	}
	b, err := marshal(d)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ss.ctx, ss.s.demandPeriod())
	defer cancel()
	return ss.demandT.Publish(ctx, b)
}
