package stream

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/wire"
)

// DemandPolicy decides when a standby provider joins a service and when it
// leaves it again, from the load the service's providers heartbeat. Zero
// values get the defaults.
//
// Demand is the mean heartbeated load of the live providers of the
// service (not leaving, heard within HeartbeatTTL), averaged over the last
// Hold. A standby joins when that average is ≥ JoinLoad, or at once (after
// Hold and the jitter) when fewer than MinProviders providers serve. A
// provider that joined leaves when the average, its own load included,
// and its own average load are both ≤ LeaveLoad and at least MinProviders
// other providers remain.
//
// With no provider there is no load: a session with no provider it can
// use publishes a wire.ServiceDemand on the service's demand topic, and a
// standby whose price is within its max price joins on it after the
// jitter alone, and does not leave while it hears one. MinProviders
// (default 1) keeps a service served, a standby taking over when the last
// provider leaves or dies; -1 serves only on load or demand.
//
// Against herds and flapping: the window restarts whenever the set of
// live providers changes (a join or leave anywhere, this node's
// included), so each step is measured before the next; a decision waits a
// random delay in [0, Jitter) and is re-checked before it is acted on, so
// of many standbys that decide together the first to act resets the
// others' windows; and JoinLoad > LeaveLoad with a gap (the defaults keep
// LeaveLoad below half of JoinLoad, so the one more provider a join adds
// cannot by itself bring the mean under LeaveLoad).
type DemandPolicy struct {
	// JoinLoad is the mean load at or above which a standby joins.
	// Default 0.75.
	JoinLoad float64
	// LeaveLoad is the mean load at or below which a joined provider
	// leaves. Must be below JoinLoad. Default 0.25.
	LeaveLoad float64
	// MinProviders is how many other providers must remain when one
	// leaves; a standby joins when fewer serve. Default 1; negative: 0.
	MinProviders int
	// Hold is how long demand must be measured, with the same providers,
	// before acting. Default 30s.
	Hold time.Duration
	// Jitter bounds the random delay between a decision and its re-check.
	// Default Hold/3.
	Jitter time.Duration
	// Check is how often demand is sampled. Default Config.Heartbeat/2.
	Check time.Duration
}

func (p *DemandPolicy) defaults(heartbeat time.Duration) error {
	if p.JoinLoad == 0 {
		p.JoinLoad = 0.75
	}
	if p.LeaveLoad == 0 {
		p.LeaveLoad = 0.25
	}
	if p.MinProviders == 0 {
		p.MinProviders = 1
	} else if p.MinProviders < 0 {
		p.MinProviders = 0
	}
	if p.Hold <= 0 {
		p.Hold = 30 * time.Second
	}
	if p.Jitter <= 0 {
		p.Jitter = p.Hold / 3
	}
	if p.Check <= 0 {
		p.Check = heartbeat / 2
	}
	switch {
	case p.JoinLoad <= 0 || p.JoinLoad > 1:
		return fmt.Errorf("%w: join load %v is not in (0, 1]", ErrBadPolicy, p.JoinLoad)
	case p.LeaveLoad < 0 || p.LeaveLoad >= p.JoinLoad:
		return fmt.Errorf("%w: leave load %v is not in [0, join load %v)", ErrBadPolicy, p.LeaveLoad, p.JoinLoad)
	}
	return nil
}

// Standby states.
const (
	StateStandby = "standby" // watching demand, not serving
	StateServing = "serving" // serving (joined on demand, or Serve)
)

// Standby is a service this node is willing to serve: it watches the
// service's heartbeats and serves it while demand (DemandPolicy) is high.
// Stop it, or close Streams.
type Standby struct {
	s    *Streams
	spec ServiceSpec
	pol  DemandPolicy
	svc  Service
	key  []byte
	sub  *p2p.Subscription // heartbeats
	dsub *p2p.Subscription // demand

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	rng    *mrand.Rand // loop goroutine only

	mu      sync.Mutex
	provs   map[peer.ID]*seenProv // from heartbeats, others only
	sv      *Serving              // while joined
	joined  time.Time
	joins   int
	leaves  int
	last    float64   // latest windowed mean load
	demand  time.Time // latest client demand this standby could serve
	waiting bool      // demand counts now
	stopped bool
}

type seenProv struct {
	load    float64
	leaving bool
	seq     uint64
	seen    time.Time
}

// StandbyInfo describes a standby service (GET /v1/services).
type StandbyInfo struct {
	State        string  `json:"state"`
	JoinLoad     float64 `json:"join_load"`
	LeaveLoad    float64 `json:"leave_load"`
	MinProviders int     `json:"min_providers"`
	HoldS        float64 `json:"hold_s"`
	// Providers is how many other providers serve the service now.
	Providers int `json:"providers"`
	// MeanLoad is the mean load over the current window.
	MeanLoad float64 `json:"mean_load"`
	// Demand: a client found no provider it can use (wire.ServiceDemand)
	// since the providers last changed.
	Demand bool `json:"demand"`
	Joins  int  `json:"joins"`
	Leaves int  `json:"leaves"`
}

// Standby registers spec as a service this node serves on demand: it
// fetches and pins the model now (bounded by ctx; a join then starts
// serving without a fetch), subscribes to the service's heartbeats and
// joins and leaves it by pol.
func (s *Streams) Standby(ctx context.Context, spec ServiceSpec, pol DemandPolicy) (*Standby, error) {
	if err := spec.defaults(); err != nil {
		return nil, err
	}
	if err := pol.defaults(s.cfg.Heartbeat); err != nil {
		return nil, err
	}
	if s.cfg.Runner == nil || s.cfg.Content == nil {
		return nil, ErrNotProvider
	}
	if _, err := s.cfg.Workloads.Get(spec.Workload); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadService, err)
	}
	svc := spec.Service()
	key := svc.CID().Bytes()
	if err := s.standbyFree(key, svc); err != nil {
		return nil, err
	}
	if _, err := s.cfg.Content.Get(ctx, spec.Model, MaxModelSize); err != nil {
		return nil, fmt.Errorf("stream: fetch model %s: %w", spec.Model, err)
	}
	if err := s.cfg.Content.Pin(ctx, spec.Model); err != nil {
		return nil, fmt.Errorf("stream: pin model: %w", err)
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
	var dsub *p2p.Subscription
	dt, err := s.joinDemand(svc)
	if err == nil {
		if dsub, err = dt.Subscribe(); err != nil {
			s.leaveDemand(svc)
		}
	}
	if err != nil {
		sub.Cancel()
		s.leaveTopic(svc)
		return nil, err
	}
	var seed [16]byte
	rand.Read(seed[:])
	sb := &Standby{
		s: s, spec: spec, pol: pol, svc: svc, key: key, sub: sub, dsub: dsub, provs: map[peer.ID]*seenProv{},
		rng: mrand.New(mrand.NewPCG(binary.LittleEndian.Uint64(seed[:8]), binary.LittleEndian.Uint64(seed[8:]))),
	}
	sb.ctx, sb.cancel = context.WithCancel(context.Background())
	s.mu.Lock()
	if err := s.standbyFreeLocked(key, svc); err != nil {
		s.mu.Unlock()
		sb.cancel()
		sub.Cancel()
		dsub.Cancel()
		s.leaveTopic(svc)
		s.leaveDemand(svc)
		return nil, err
	}
	s.standby[string(key)] = sb
	s.mu.Unlock()
	sb.wg.Add(3)
	go sb.heartbeats()
	go sb.demands()
	go sb.loop()
	s.log.Info("standby", "service", svc.ID(), "price", spec.Price, "join_load", pol.JoinLoad, "leave_load", pol.LeaveLoad, "hold", pol.Hold)
	return sb, nil
}

func (s *Streams) standbyFree(key []byte, svc Service) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.standbyFreeLocked(key, svc)
}

func (s *Streams) standbyFreeLocked(key []byte, svc Service) error {
	if err := s.running(); err != nil {
		return err
	}
	if s.serving[string(key)] != nil || s.standby[string(key)] != nil {
		return fmt.Errorf("%w: %s", ErrAlreadyServing, svc)
	}
	return nil
}

// Standbys lists the services this node serves on demand.
func (s *Streams) Standbys() []*Standby {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*Standby, 0, len(s.standby))
	for _, sb := range s.standby {
		out = append(out, sb)
	}
	return out
}

// Services lists what this node serves and what it holds on standby: a
// served service has State "serving" (and Auto set when a standby joined
// it), a standby one "standby".
func (s *Streams) Services() []ServingInfo {
	out := s.Served()
	for i := range out {
		out[i].State = StateServing
	}
	for _, sb := range s.Standbys() {
		ai := sb.Info()
		found := false
		for i := range out {
			if out[i].Service == sb.svc.ID() {
				out[i].Auto, found = &ai, true
			}
		}
		if !found {
			out = append(out, ServingInfo{
				Service: sb.svc.ID(), CID: sb.svc.CID().String(), Price: sb.spec.Price.String(), Slots: sb.spec.Slots,
				State: StateStandby, Auto: &ai,
			})
		}
	}
	slices.SortFunc(out, func(a, b ServingInfo) int {
		switch {
		case a.Service < b.Service:
			return -1
		case a.Service > b.Service:
			return 1
		}
		return 0
	})
	return out
}

// Service is the standby's service.
func (sb *Standby) Service() Service { return sb.svc }

// Policy is the standby's policy, defaults filled in.
func (sb *Standby) Policy() DemandPolicy { return sb.pol }

// Serving is the Serving while the standby has joined, else nil.
func (sb *Standby) Serving() *Serving {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	return sb.sv
}

// Info describes the standby's state and the demand it sees.
func (sb *Standby) Info() StandbyInfo {
	now := time.Now()
	sb.mu.Lock()
	defer sb.mu.Unlock()
	st := StateStandby
	if sb.sv != nil {
		st = StateServing
	}
	return StandbyInfo{
		State: st, JoinLoad: sb.pol.JoinLoad, LeaveLoad: sb.pol.LeaveLoad, MinProviders: sb.pol.MinProviders,
		HoldS: sb.pol.Hold.Seconds(), Providers: len(sb.liveLocked(now)), MeanLoad: sb.last, Demand: sb.waiting, Joins: sb.joins, Leaves: sb.leaves,
	}
}

// Stop ends the standby: it stops watching and, when it has joined,
// leaves the service the way Serving.Stop does. It is idempotent.
func (sb *Standby) Stop() error {
	sb.mu.Lock()
	if sb.stopped {
		sb.mu.Unlock()
		return nil
	}
	sb.stopped = true
	sb.mu.Unlock()
	sb.cancel()
	sb.wg.Wait()
	sb.sub.Cancel()
	sb.dsub.Cancel()
	var err error
	sb.mu.Lock()
	sv := sb.sv
	sb.sv = nil
	sb.mu.Unlock()
	if sv != nil {
		err = sv.Stop()
	}
	s := sb.s
	s.mu.Lock()
	if s.standby[string(sb.key)] == sb {
		delete(s.standby, string(sb.key))
	}
	s.mu.Unlock()
	return errors.Join(err, s.leaveTopic(sb.svc), s.leaveDemand(sb.svc))
}

// demands notes the latest demand of a client this standby could serve
// (its price within the client's max price).
func (sb *Standby) demands() {
	defer sb.wg.Done()
	self := sb.s.cfg.Net.ID()
	for {
		m, err := sb.dsub.Next(sb.ctx)
		if err != nil {
			return
		}
		d, ok := m.Value.(*wire.ServiceDemand)
		if !ok || m.From == self {
			continue
		}
		if d.MaxPrice != "" {
			mp, err := wire.ParseWei(d.MaxPrice)
			if err != nil || sb.spec.Price.Cmp(mp) > 0 {
				continue
			}
		}
		sb.mu.Lock()
		sb.demand = time.Now()
		sb.mu.Unlock()
	}
}

// heartbeats keeps the table of the service's other providers.
func (sb *Standby) heartbeats() {
	defer sb.wg.Done()
	self := sb.s.cfg.Net.ID()
	for {
		m, err := sb.sub.Next(sb.ctx)
		if err != nil {
			return
		}
		h, ok := m.Value.(*wire.ServiceHeartbeat)
		if !ok || m.From == self {
			continue
		}
		sb.mu.Lock()
		p := sb.provs[m.From]
		if p == nil {
			p = &seenProv{}
			sb.provs[m.From] = p
		}
		if h.Seq > p.seq {
			p.seq, p.load, p.leaving, p.seen = h.Seq, h.Load, h.Leaving, time.Now()
		}
		sb.mu.Unlock()
	}
}

// liveLocked lists the other providers serving now, sorted, and forgets
// the ones gone. Called with mu held.
func (sb *Standby) liveLocked(now time.Time) []peer.ID {
	var out []peer.ID
	for id, p := range sb.provs {
		if now.Sub(p.seen) > sb.s.cfg.HeartbeatTTL {
			delete(sb.provs, id)
			continue
		}
		if !p.leaving {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// sample is one look at demand.
type sample struct {
	at         time.Time
	mean, self float64
}

// window is the demand measured since the providers last changed.
type window struct {
	provs   []peer.ID // others, sorted
	serving bool
	start   time.Time
	samples []sample
}

// loop samples demand every Check and joins or leaves by the policy.
func (sb *Standby) loop() {
	defer sb.wg.Done()
	tick := time.NewTicker(sb.pol.Check)
	defer tick.Stop()
	var w window
	var due time.Time // a decision waiting for its re-check
	for {
		select {
		case <-sb.ctx.Done():
			return
		case <-tick.C:
		}
		now := time.Now()
		mean, self, others, serving, demandAt := sb.measure(now)
		if serving != w.serving || !slices.Equal(others, w.provs) {
			w = window{provs: others, serving: serving, start: now}
			due = time.Time{}
		}
		w.samples = append(w.samples, sample{at: now, mean: mean, self: self})
		for len(w.samples) > 0 && now.Sub(w.samples[0].at) > sb.pol.Hold {
			w.samples = w.samples[1:]
		}
		var avg, avgSelf float64
		for _, s := range w.samples {
			avg += s.mean
			avgSelf += s.self
		}
		avg /= float64(len(w.samples))
		avgSelf /= float64(len(w.samples))
		// A client that found no provider it can use, since the providers
		// last changed: join after the jitter alone (nothing to measure).
		demand := demandAt.After(w.start) && now.Sub(demandAt) <= sb.s.demandTTL()
		held := now.Sub(w.start) >= sb.pol.Hold
		sb.mu.Lock()
		sb.last, sb.waiting = avg, demand
		sb.mu.Unlock()
		var want bool
		if serving {
			want = held && !demand && len(others) >= sb.pol.MinProviders && avg <= sb.pol.LeaveLoad && avgSelf <= sb.pol.LeaveLoad
		} else {
			want = demand || held && (len(others) < sb.pol.MinProviders || avg >= sb.pol.JoinLoad)
		}
		switch {
		case !want:
			due = time.Time{}
		case due.IsZero():
			due = now.Add(time.Duration(sb.rng.Int64N(int64(sb.pol.Jitter) + 1)))
		case !now.Before(due):
			// Re-checked: the providers did not change since the decision
			// (else the window restarted) and demand still says so.
			if serving {
				sb.leave(avg)
			} else {
				sb.join(avg, len(others))
			}
			due = time.Time{}
		}
	}
}

// measure returns the mean load of the live providers (this one included
// while it serves), this one's load, the other providers and whether this
// one serves. A Serving stopped from outside turns the standby back.
func (sb *Standby) measure(now time.Time) (mean, self float64, others []peer.ID, serving bool, demand time.Time) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	demand = sb.demand
	others = sb.liveLocked(now)
	if sb.sv != nil && sb.sv.isStopped() {
		sb.sv = nil
	}
	var sum float64
	for _, id := range others {
		sum += sb.provs[id].load
	}
	n := len(others)
	if sb.sv != nil {
		serving = true
		self = sb.sv.load()
		sum += self
		n++
	}
	if n > 0 {
		mean = sum / float64(n)
	}
	return mean, self, others, serving, demand
}

func (sb *Standby) join(mean float64, others int) {
	ctx, cancel := context.WithTimeout(sb.ctx, 5*time.Minute)
	defer cancel()
	sv, err := sb.s.Serve(ctx, sb.spec)
	if err != nil {
		if sb.ctx.Err() == nil {
			sb.s.log.Warn("standby: join", "service", sb.svc.ID(), "err", err)
		}
		return
	}
	sb.mu.Lock()
	if sb.stopped {
		sb.mu.Unlock()
		sv.Stop()
		return
	}
	sb.sv, sb.joined = sv, time.Now()
	sb.joins++
	sb.mu.Unlock()
	sb.s.log.Info("standby: joined on demand", "service", sb.svc.ID(), "mean_load", mean, "providers", others)
}

func (sb *Standby) leave(mean float64) {
	sb.mu.Lock()
	sv := sb.sv
	sb.sv = nil
	served := time.Since(sb.joined)
	if sv != nil {
		sb.leaves++
	}
	sb.mu.Unlock()
	if sv == nil {
		return
	}
	if err := sv.Stop(); err != nil {
		sb.s.log.Warn("standby: leave", "service", sb.svc.ID(), "err", err)
	}
	sb.s.log.Info("standby: left on low demand", "service", sb.svc.ID(), "mean_load", mean, "served", served)
}
