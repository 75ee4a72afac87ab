package market

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"time"

	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/wire"
)

// maxBidSenders bounds the goroutines sending bids at once; announces that
// arrive beyond it are not answered (the client treats that as unseen).
const maxBidSenders = 256

// provider is the provider half of the market: it answers announces with
// bids or reasons, accepts awards, runs tasks and delivers signed result
// commitments.
type provider struct {
	m   *Market
	sem chan struct{}

	bids *bidBook // open bids, for the won/lost counts

	mu     sync.Mutex
	used   int             // slots held by awarded or running tasks
	active map[TaskID]bool // tasks between award and delivery
}

func newProvider(m *Market) *provider {
	return &provider{m: m, sem: make(chan struct{}, maxBidSenders), active: map[TaskID]bool{}, bids: newBidBook()}
}

func (p *provider) freeSlots() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.m.cfg.Slots - p.used
}

// onAnnounce decides on an announce and answers the client in the
// background. It must not block the topic loop.
func (p *provider) onAnnounce(from peer.ID, a *wire.TaskAnnounce) {
	m := p.m
	p.mu.Lock()
	mine := p.active[TaskID(a.TaskId)]
	p.mu.Unlock()
	if mine {
		return
	}
	d := decide(a, m.cfg.Offer(), m.cfg.Workloads, m.cfg.ETA, p.freeSlots(), m.cfg.Now())
	msg := &wire.BidMessage{}
	if d.bids() {
		b := &wire.Bid{TaskId: a.TaskId, Round: a.Round, Price: d.price.String(), EtaMs: d.eta.Milliseconds(), TimestampMs: m.cfg.Now().UnixMilli()}
		if err := wire.SignBid(m.cfg.Key, b); err != nil {
			m.log.Error("sign bid", "err", err)
			return
		}
		msg.Body = &wire.BidMessage_Bid{Bid: b}
	} else {
		msg.Body = &wire.BidMessage_NoBid{NoBid: &wire.NoBid{Version: wire.BidVersion, TaskId: a.TaskId, Round: a.Round, Code: d.code, Reason: d.reason}}
	}
	select {
	case p.sem <- struct{}{}:
	default:
		return
	}
	if !m.goTask(func(ctx context.Context) {
		defer func() { <-p.sem }()
		if m.pay != nil {
			m.pay.checkCredit(ctx, a, msg) // payment.go: deposit and credit limit
		}
		p.sendBid(ctx, from, msg)
	}) {
		<-p.sem
	}
}

func (p *provider) sendBid(ctx context.Context, client peer.ID, msg *wire.BidMessage) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	s, err := p.m.cfg.Net.OpenStream(ctx, client, p2p.ProtoBid)
	if err != nil {
		p.m.log.Debug("send bid", "client", client, "err", err)
		return
	}
	if err := s.WriteMsg(msg); err != nil {
		s.Reset()
		return
	}
	s.Close()
	if b := msg.GetBid(); b != nil {
		tid := TaskID(b.TaskId)
		if p.bids.sent(tid, p.m.cfg.Now()) {
			p.m.emit(Event{Kind: EventBidSent, Task: tid, Peer: client, Detail: b.Price})
		}
	}
}

func refuse(s *p2p.Stream, tid []byte, why string) {
	s.WriteMsg(&wire.AwardReply{Version: wire.AwardVersion, TaskId: tid, Reason: wire.Truncate(why)})
}

// refuseBusy refuses an award for now: every slot is in use.
func refuseBusy(s *p2p.Stream, tid []byte) {
	s.WriteMsg(&wire.AwardReply{Version: wire.AwardVersion, TaskId: tid, Reason: "busy: every slot in use", Code: wire.NoBidCode_NO_BID_BUSY})
}

// handleAward serves /ogpu/award/1. The award is persisted before it is
// acknowledged; a duplicate award is acknowledged and changes nothing.
func (p *provider) handleAward(ctx context.Context, from peer.ID, s *p2p.Stream) {
	m := p.m
	var aw wire.Award
	if err := s.ReadMsg(&aw); err != nil {
		m.misbehaved(from, err)
		return
	}
	if err := wire.VerifyAwardCached(m.cfg.SigCache, &aw, from, m.id); err != nil {
		m.misbehaved(from, err)
		refuse(s, aw.TaskId, err.Error())
		return
	}
	if d := decide(aw.Announce, m.cfg.Offer(), m.cfg.Workloads, m.cfg.ETA, 1, m.cfg.Now()); !d.bids() {
		refuse(s, aw.TaskId, d.reason)
		return
	} else if price, err := wire.ParseWei(aw.Price); err != nil || price.Cmp(d.price) < 0 {
		refuse(s, aw.TaskId, "award price below this provider's floor "+d.price.String())
		return
	} else if m.pay != nil {
		if why := m.pay.refusal(ctx, aw.Announce.Address, price); why != "" {
			refuse(s, aw.TaskId, why)
			return
		}
	}
	tid := TaskID(aw.TaskId)
	now := m.cfg.Now()
	deadline := time.UnixMilli(aw.DeadlineMs)
	p.mu.Lock()
	if p.active[tid] {
		p.mu.Unlock()
		s.WriteMsg(&wire.AwardReply{Version: wire.AwardVersion, TaskId: aw.TaskId, Accepted: true})
		return
	}
	rec, found, err := m.db.provTask(tid)
	if err != nil {
		p.mu.Unlock()
		refuse(s, aw.TaskId, "provider storage error")
		return
	}
	if found && rec.State != StateFailed && rec.State != StateRejected {
		// Already ran (or runs) this task: never a second result. Resend
		// the commitment we made, if any.
		p.mu.Unlock()
		s.WriteMsg(&wire.AwardReply{Version: wire.AwardVersion, TaskId: aw.TaskId, Accepted: true})
		if rec.State == StateDelivered || rec.State.Done() {
			r := rec
			m.goTask(func(ctx context.Context) { p.deliver(ctx, &r, nil) })
		}
		return
	}
	switch {
	case !deadline.After(now):
		p.mu.Unlock()
		refuse(s, aw.TaskId, "deadline already passed")
		return
	case p.used >= m.cfg.Slots:
		p.mu.Unlock()
		refuseBusy(s, aw.TaskId)
		return
	}
	rec = providerTask{ID: tid, Client: from, State: StateAwarded, Award: mustMarshal(&aw), Deadline: deadline, Updated: now}
	rec.Award = mustMarshal(stripInline(&aw))
	if err := m.db.putProvTask(&rec); err != nil {
		p.mu.Unlock()
		refuse(s, aw.TaskId, "provider storage error")
		return
	}
	p.used++
	p.active[tid] = true
	p.mu.Unlock()
	s.WriteMsg(&wire.AwardReply{Version: wire.AwardVersion, TaskId: aw.TaskId, Accepted: true})
	p.bids.won(tid)
	m.emit(Event{Kind: EventBidWon, Task: tid, Job: JobID(aw.Announce.JobDigest), Peer: from, Detail: aw.Price})
	if !m.goTask(func(ctx context.Context) { p.run(ctx, &rec, &aw) }) {
		p.release(tid, false)
	}
}

func stripInline(aw *wire.Award) *wire.Award {
	if len(aw.InlineInputs) == 0 {
		return aw
	}
	c := proto.CloneOf(aw)
	c.InlineInputs = nil
	return c
}

// release frees the task's slot; done also forgets it.
func (p *provider) release(tid TaskID, slotOnly bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.active[tid] {
		if p.used > 0 {
			p.used--
		}
		if !slotOnly {
			delete(p.active, tid)
		}
	}
}

func (p *provider) forget(tid TaskID) {
	p.mu.Lock()
	delete(p.active, tid)
	p.mu.Unlock()
}

// run fetches the inputs, runs the task, stores the output and delivers a
// signed commitment. Each step is persisted first.
func (p *provider) run(ctx context.Context, rec *providerTask, aw *wire.Award) {
	m := p.m
	tid := rec.ID
	slotHeld := true
	defer func() {
		if slotHeld {
			p.release(tid, true)
		}
	}()
	if rec.State == StateAwarded {
		if err := step(&rec.State, StateRunning); err != nil {
			return
		}
		rec.Updated = m.cfg.Now()
		if err := m.db.putProvTask(rec); err != nil {
			m.log.Error("persist task", "task", tid.Short(), "err", err)
			return
		}
	}
	a := aw.Announce
	m.emit(Event{Kind: EventRunning, Task: tid, Job: JobID(a.JobDigest), Peer: rec.Client})
	rctx, cancel := context.WithDeadline(ctx, rec.Deadline)
	defer cancel()
	out, err := p.execute(rctx, aw)
	if err != nil {
		if ctx.Err() != nil {
			return // closing: resumes on the next start
		}
		m.log.Warn("task run failed", "task", tid.Short(), "err", err)
		rec.State, rec.Error, rec.Updated = StateFailed, err.Error(), m.cfg.Now()
		m.db.putProvTask(rec)
		p.release(tid, false)
		slotHeld = false
		p.releaseInputs(ctx, tid)
		return
	}
	ocid, err := m.cfg.Content.AddBytes(ctx, out)
	if err != nil {
		m.log.Error("store output", "task", tid.Short(), "err", err)
		return
	}
	// Pinned before the commitment is persisted: the client fetches it
	// after delivery, and a restart must not lose it (see retention.go).
	m.pin(ctx, TaskOutputPinOwner(tid), ocid)
	rc := &wire.ResultCommitment{
		TaskId: tid[:], OutputCid: ocid.Bytes(), ResultHash: ethcrypto.Keccak256(out),
		OutputSize: uint64(len(out)), TimestampMs: m.cfg.Now().UnixMilli(),
		// The award's client and block make the signature slash evidence.
		ClientAddress: a.Address, AwardBlock: aw.BlockNumber, AwardBlockHash: aw.BlockHash,
	}
	if err := wire.SignResult(m.cfg.Key, m.cfg.ResultDomain, rc); err != nil {
		m.log.Error("sign result", "err", err)
		return
	}
	// The commitment is on disk before it leaves: after a restart the same
	// commitment is resent, the task is never run into a second result.
	if err := step(&rec.State, StateDelivered); err != nil {
		return
	}
	rec.Commitment, rec.OutputCID, rec.Updated = mustMarshal(rc), ocid.String(), m.cfg.Now()
	if err := m.db.putProvTask(rec); err != nil {
		m.log.Error("persist task", "task", tid.Short(), "err", err)
		return
	}
	p.release(tid, true)
	slotHeld = false
	p.releaseInputs(ctx, tid)
	m.emit(Event{Kind: EventRan, Task: tid, Job: JobID(a.JobDigest), Peer: rec.Client})
	p.deliver(ctx, rec, out)
}

// execute fetches the inputs (inline ones are checked against their CIDs)
// and runs the workload.
func (p *provider) execute(ctx context.Context, aw *wire.Award) ([]byte, error) {
	m := p.m
	a := aw.Announce
	inputs := make([][]byte, len(a.Inputs))
	for i, raw := range a.Inputs {
		want, err := wire.ParseCID(raw)
		if err != nil {
			return nil, err
		}
		if i < len(aw.InlineInputs) && aw.InlineInputs[i] != nil {
			got, err := m.cfg.Content.AddBytes(ctx, aw.InlineInputs[i])
			if err == nil && got.Equals(want) {
				inputs[i] = aw.InlineInputs[i]
				m.pin(ctx, TaskInputPinOwner(TaskID(a.TaskId)), want)
				continue
			}
		}
		b, err := m.cfg.Content.Get(ctx, want, 0)
		if err != nil {
			return nil, fmt.Errorf("market: fetch input %d (%s): %w", i, want, err)
		}
		m.pin(ctx, TaskInputPinOwner(TaskID(a.TaskId)), want)
		inputs[i] = b
	}
	res, err := m.cfg.Runner.Run(ctx, exec.Task{Workload: a.Workload, Params: exec.Params(wire.ParamMap(a.Params)), Inputs: inputs})
	if err != nil {
		return nil, err
	}
	return res.Output, nil
}

// releaseInputs lets a finished run's inputs go (GC frees them unless
// another task or job holds them).
func (p *provider) releaseInputs(ctx context.Context, tid TaskID) {
	if _, err := p.m.unpinOwner(ctx, TaskInputPinOwner(tid)); err != nil {
		p.m.log.Warn("release inputs", "task", tid.Short(), "err", err)
	}
}

// deliver sends the commitment until the client answers, backing off, up
// to a minute past the deadline. out, when small, travels inline.
func (p *provider) deliver(ctx context.Context, rec *providerTask, out []byte) {
	m := p.m
	defer p.forget(rec.ID)
	rc := new(wire.ResultCommitment)
	if err := proto.Unmarshal(rec.Commitment, rc); err != nil {
		return
	}
	if out == nil && rc.OutputSize <= wire.MaxInlineOutput {
		if c, err := cid.Cast(rc.OutputCid); err == nil {
			out, _ = m.cfg.Content.Get(ctx, c, wire.MaxInlineOutput)
		}
	}
	if len(out) <= wire.MaxInlineOutput && bytes.Equal(ethcrypto.Keccak256(out), rc.ResultHash) {
		rc.InlineOutput = out
	}
	giveUp := rec.Deadline.Add(time.Minute)
	backoff := 20 * time.Millisecond
	for {
		var reply wire.ResultReply
		rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := m.request(rctx, rec.Client, p2p.ProtoResult, rc, &reply)
		cancel()
		if err == nil && reply.Validate() == nil {
			to := StateRejected
			if reply.Accepted {
				to = StateAccepted
				if m.pay != nil {
					m.pay.oweTask(rec) // payment.go: counts toward the client's unpaid balance
				}
			} else {
				m.log.Info("result refused", "task", rec.ID.Short(), "client", rec.Client, "reason", reply.Reason)
				// Nobody will fetch a refused output.
				if _, err := m.unpinOwner(ctx, TaskOutputPinOwner(rec.ID)); err != nil {
					m.log.Warn("release refused output", "task", rec.ID.Short(), "err", err)
				}
			}
			if rec.State == StateDelivered {
				rec.State, rec.Updated = to, m.cfg.Now()
				m.db.putProvTask(rec)
			}
			return
		}
		if ctx.Err() != nil || m.cfg.Now().After(giveUp) {
			return
		}
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return
		}
		backoff = min(2*backoff, 2*time.Second)
	}
}

// resume restarts tasks found awarded, running or delivered.
func (p *provider) resume() error {
	m := p.m
	var todo []providerTask
	err := m.db.ptasks.All("", func(_ string, t providerTask) error {
		switch t.State {
		case StateAwarded, StateRunning, StateDelivered:
			todo = append(todo, t)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := range todo {
		rec := &todo[i]
		if rec.State == StateDelivered {
			p.mu.Lock()
			p.active[rec.ID] = true
			p.mu.Unlock()
			m.goTask(func(ctx context.Context) { p.deliver(ctx, rec, nil) })
			continue
		}
		aw := new(wire.Award)
		if err := proto.Unmarshal(rec.Award, aw); err != nil {
			return fmt.Errorf("market: stored award %s: %w", rec.ID.Short(), err)
		}
		if !rec.Deadline.After(m.cfg.Now()) {
			rec.State, rec.Error, rec.Updated = StateFailed, "deadline passed while the node was down", m.cfg.Now()
			m.db.putProvTask(rec)
			p.releaseInputs(m.ctx, rec.ID)
			continue
		}
		p.mu.Lock()
		p.used++
		p.active[rec.ID] = true
		p.mu.Unlock()
		m.log.Info("resuming task", "task", rec.ID.Short(), "state", rec.State)
		m.goTask(func(ctx context.Context) { p.run(ctx, rec, aw) })
	}
	return nil
}
