package stream

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/wire"
)

// MaxModelSize bounds the model a provider fetches.
const MaxModelSize = 1 << 30

// Serving is one service this node serves. Stop it, or close Streams.
type Serving struct {
	s      *Streams
	spec   ServiceSpec
	svc    Service
	key    []byte // service CID bytes
	model  []byte
	layers []int
	topic  *p2p.Topic

	jobs   chan job
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	queued, running, served atomic.Int64
	latUs                   atomic.Int64 // EWMA of run time
	leaving                 atomic.Bool
	seq                     uint64

	mu       sync.Mutex
	sessions map[*psession]struct{}
	stopped  bool
}

// ServingInfo describes a served service (GET /v1/services).
type ServingInfo struct {
	Service   string  `json:"service"`
	CID       string  `json:"cid"`
	Price     string  `json:"price"`
	Slots     int     `json:"slots"`
	Load      float64 `json:"load"`
	LatencyUs int64   `json:"latency_us"`
	Served    int64   `json:"served"`
	Sessions  int     `json:"sessions"`
	// State is "serving" or "standby" (Streams.Services; empty from
	// Served).
	State string `json:"state,omitempty"`
	// Auto is set for a service served on demand (Streams.Standby).
	Auto *StandbyInfo `json:"auto,omitempty"`
}

type job struct {
	ps    *psession
	seq   uint64
	input []byte
}

// Serve starts serving spec: it fetches and pins the model (bounded by
// ctx), joins the service's heartbeat topic, starts spec.Slots workers and
// the heartbeat, and announces the service CID in the DHT when one is on.
func (s *Streams) Serve(ctx context.Context, spec ServiceSpec) (*Serving, error) {
	if err := spec.defaults(); err != nil {
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
	s.mu.Lock()
	err := s.running()
	if err == nil && s.serving[string(key)] != nil {
		err = fmt.Errorf("%w: %s", ErrAlreadyServing, svc)
	}
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	model, err := s.cfg.Content.Get(ctx, spec.Model, MaxModelSize)
	if err != nil {
		return nil, fmt.Errorf("stream: fetch model %s: %w", spec.Model, err)
	}
	if err := s.cfg.Content.Pin(ctx, spec.Model); err != nil {
		return nil, fmt.Errorf("stream: pin model: %w", err)
	}
	layers, err := exec.MLPLayers(model)
	if err != nil {
		return nil, fmt.Errorf("%w: model %s: %w", ErrBadService, spec.Model, err)
	}
	t, err := s.joinTopic(svc)
	if err != nil {
		return nil, err
	}
	sv := &Serving{
		s: s, spec: spec, svc: svc, key: key, model: model, layers: layers, topic: t,
		jobs: make(chan job, 16*spec.Slots), sessions: map[*psession]struct{}{},
		seq: uint64(s.cfg.Now().UnixNano()),
	}
	sv.ctx, sv.cancel = context.WithCancel(context.Background())
	s.mu.Lock()
	if err := s.running(); err != nil || s.serving[string(key)] != nil {
		s.mu.Unlock()
		sv.cancel()
		s.leaveTopic(svc)
		if err == nil {
			err = fmt.Errorf("%w: %s", ErrAlreadyServing, svc)
		}
		return nil, err
	}
	s.serving[string(key)] = sv
	s.mu.Unlock()
	for range spec.Slots {
		sv.wg.Add(1)
		go sv.worker()
	}
	sv.wg.Add(1)
	go sv.heartbeatLoop()
	if d := s.cfg.Net.DHT(); d != nil {
		sv.wg.Add(1)
		go func() {
			defer sv.wg.Done()
			sv.provideLoop()
		}()
	}
	s.log.Info("serving", "service", svc.ID(), "price", spec.Price, "slots", spec.Slots, "layers", layers)
	return sv, nil
}

// Service is the served service.
func (sv *Serving) Service() Service { return sv.svc }

// Info describes the service and its load.
func (sv *Serving) Info() ServingInfo {
	sv.mu.Lock()
	n := len(sv.sessions)
	sv.mu.Unlock()
	return ServingInfo{
		Service: sv.svc.ID(), CID: sv.svc.CID().String(), Price: sv.spec.Price.String(), Slots: sv.spec.Slots,
		Load: sv.load(), LatencyUs: sv.latUs.Load(), Served: sv.served.Load(), Sessions: n,
	}
}

// Stop leaves the service: a last heartbeat says so, open sessions are
// stopped (their clients move elsewhere and replay what was in flight) and
// the workers end. It is idempotent.
func (sv *Serving) Stop() error {
	sv.mu.Lock()
	if sv.stopped {
		sv.mu.Unlock()
		return nil
	}
	sv.stopped = true
	sess := make([]*psession, 0, len(sv.sessions))
	for ps := range sv.sessions {
		sess = append(sess, ps)
	}
	sv.mu.Unlock()
	sv.leaving.Store(true)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	err := sv.publish(ctx)
	cancel()
	for _, ps := range sess {
		ps.stop(wire.StreamErrorCode_STREAM_LEAVING, "provider leaves the service")
	}
	sv.cancel()
	sv.wg.Wait()
	s := sv.s
	s.mu.Lock()
	if s.serving[string(sv.key)] == sv {
		delete(s.serving, string(sv.key))
	}
	s.mu.Unlock()
	if lerr := s.leaveTopic(sv.svc); lerr != nil {
		err = errors.Join(err, lerr)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		err = nil // the last heartbeat is best effort
	}
	return err
}

func (sv *Serving) isStopped() bool {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	return sv.stopped
}

func (sv *Serving) load() float64 {
	l := float64(sv.queued.Load()+sv.running.Load()) / float64(4*sv.spec.Slots)
	return math.Min(1, l)
}

func (sv *Serving) worker() {
	defer sv.wg.Done()
	for {
		select {
		case <-sv.ctx.Done():
			return
		case j := <-sv.jobs:
			sv.queued.Add(-1)
			sv.running.Add(1)
			m := sv.run(j)
			sv.running.Add(-1)
			j.ps.send(m)
		}
	}
}

// run executes one request and builds its response.
func (sv *Serving) run(j job) *wire.StreamProviderMsg {
	fail := func(code wire.StreamErrorCode, err error) *wire.StreamProviderMsg {
		return &wire.StreamProviderMsg{Body: &wire.StreamProviderMsg_Response{Response: &wire.StreamResponse{
			Seq: j.seq, Error: code, Reason: wire.Truncate(err.Error()),
		}}}
	}
	p, err := exec.MLPRequestParams(sv.layers, j.input)
	if err != nil {
		return fail(wire.StreamErrorCode_STREAM_BAD_INPUT, err)
	}
	t0 := time.Now()
	res, err := sv.s.cfg.Runner.Run(j.ps.ctx, exec.Task{
		Workload: sv.spec.Workload, Params: p, Inputs: [][]byte{sv.model, j.input},
	})
	if err != nil {
		if errors.Is(err, exec.ErrBadInput) || errors.Is(err, exec.ErrBadParam) || errors.Is(err, exec.ErrBadBlob) {
			return fail(wire.StreamErrorCode_STREAM_BAD_INPUT, err)
		}
		return fail(wire.StreamErrorCode_STREAM_INTERNAL, err)
	}
	el := time.Since(t0)
	us := el.Microseconds()
	if old := sv.latUs.Load(); old == 0 {
		sv.latUs.Store(us)
	} else {
		sv.latUs.Store((7*old + us) / 8)
	}
	out := res.Output
	if sv.s.cfg.Tamper != nil {
		out = sv.s.cfg.Tamper(out)
	}
	c := j.ps.commitment(j.seq, j.input, out)
	sig, err := c.Sign(sv.s.cfg.Key, sv.s.cfg.Domain)
	if err != nil {
		return fail(wire.StreamErrorCode_STREAM_INTERNAL, err)
	}
	sv.served.Add(1)
	return &wire.StreamProviderMsg{Body: &wire.StreamProviderMsg_Response{Response: &wire.StreamResponse{
		Seq: j.seq, Output: out, CommitmentSig: sig, ExecUs: uint32(min(us, math.MaxUint32)),
	}}}
}

func keccak(b []byte) common.Hash { return ethcrypto.Keccak256Hash(b) }

// heartbeatLoop publishes at once, every Heartbeat, and promptly when new
// peers join the topic (a client that just subscribed learns the price
// without waiting a period).
func (sv *Serving) heartbeatLoop() {
	defer sv.wg.Done()
	period := sv.s.cfg.Heartbeat
	fast := min(period/4, 250*time.Millisecond)
	tick := time.NewTicker(fast)
	defer tick.Stop()
	var last time.Time
	peers := -1
	for {
		n := len(sv.topic.Peers())
		now := time.Now()
		if n > peers || now.Sub(last) >= period {
			ctx, cancel := context.WithTimeout(sv.ctx, period)
			if err := sv.publish(ctx); err != nil && sv.ctx.Err() == nil {
				sv.s.log.Debug("heartbeat", "service", sv.svc.ID(), "err", err)
			}
			cancel()
			last = now
		}
		peers = n
		select {
		case <-sv.ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (sv *Serving) publish(ctx context.Context) error {
	sv.mu.Lock()
	sv.seq++
	seq := sv.seq
	sv.mu.Unlock()
	h := &wire.ServiceHeartbeat{
		Service: sv.key, Price: sv.spec.Price.String(), Load: sv.load(), LatencyUs: uint32(min(sv.latUs.Load(), math.MaxUint32)),
		Slots: uint32(sv.spec.Slots), Leaving: sv.leaving.Load(), Seq: seq, TimestampMs: sv.s.cfg.Now().UnixMilli(),
	}
	if err := wire.SignServiceHeartbeat(sv.s.cfg.Key, h); err != nil {
		return err
	}
	b, err := marshal(h)
	if err != nil {
		return err
	}
	return sv.topic.Publish(ctx, b)
}

// provideLoop announces the service CID in the DHT, retrying failures
// and refreshing the record every 10 minutes.
func (sv *Serving) provideLoop() {
	c := sv.svc.CID()
	for {
		wait := 10 * time.Minute
		ctx, cancel := context.WithTimeout(sv.ctx, time.Minute)
		if d := sv.s.cfg.Net.DHT(); d != nil {
			if err := d.Provide(ctx, c, true); err != nil {
				wait = 5 * time.Second
				sv.s.log.Debug("dht provide", "service", sv.svc.ID(), "err", err)
			}
		}
		cancel()
		select {
		case <-sv.ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// price and limit of a session.
func (sv *Serving) terms() (price, limit *big.Int) { return sv.spec.Price, sv.spec.CreditLimit }
