package market

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/wire"
)

// client is the client half of the market: it turns jobs into tasks, runs
// one auction per task and drives each task to a result.
type client struct {
	m *Market

	mu   sync.Mutex
	live map[TaskID]*liveTask
	jobs map[JobID]*liveJob
}

// liveJob is a job being worked on in this process.
type liveJob struct {
	id        JobID
	ctx       context.Context // ends at the job's deadline, or when it fails
	cancel    context.CancelFunc
	remaining int
	done      chan struct{} // closed when the job is final
	err       error         // set before done is closed when the job failed
	inputs    map[int][][]byte
	finishing bool // finishJob has begun, guarded by client.mu
}

// liveTask is a task being driven by its goroutine. rec and ann belong
// to that goroutine; the channels feed it.
type liveTask struct {
	job     *liveJob
	rec     *clientTask
	ann     *wire.TaskAnnounce
	inputs  [][]byte // small shard inputs, sent inline with the award
	output  []byte   // inline output of the delivered result
	bids    chan bidIn
	results chan resultIn
	gone    chan peer.ID

	provider peer.ID // current awardee, guarded by client.mu
}

type resultIn struct {
	from  peer.ID
	rc    *wire.ResultCommitment
	reply chan *wire.ResultReply
}

func newClient(m *Market) *client {
	return &client{m: m, live: map[TaskID]*liveTask{}, jobs: map[JobID]*liveJob{}}
}

// Submit validates spec, stores the inputs, signs the job, splits it into
// tasks, persists job and tasks, and starts the auctions. It returns once
// the job is persisted; use Wait for the result.
func (m *Market) Submit(ctx context.Context, spec JobSpec) (JobID, error) {
	if !m.cfg.Client {
		return JobID{}, ErrNotClient
	}
	m.mu.Lock()
	ok := m.started && !m.closed
	m.mu.Unlock()
	if !ok {
		return JobID{}, ErrNotStarted
	}
	return m.client.submit(ctx, spec)
}

func (c *client) submit(ctx context.Context, spec JobSpec) (JobID, error) {
	m := c.m
	if spec.MaxPrice == nil || spec.MaxPrice.Sign() < 0 {
		return JobID{}, fmt.Errorf("%w: max price is required and must not be negative (wei per task)", ErrBadJob)
	}
	if spec.Shards <= 0 {
		spec.Shards = 1
	}
	if spec.Shards > wire.MaxShards {
		return JobID{}, fmt.Errorf("%w: %d shards, at most %d", ErrBadJob, spec.Shards, wire.MaxShards)
	}
	if spec.Verification == "" {
		spec.Verification = "none"
	}
	if spec.Timeout <= 0 {
		spec.Timeout = m.cfg.JobTimeout
	}
	params := exec.Params(spec.Params)
	if params == nil {
		params = exec.Params{}
	}
	if _, _, err := m.cfg.Workloads.CheckParams(spec.Workload, params, 0); err != nil {
		return JobID{}, fmt.Errorf("%w: %w", ErrBadJob, err)
	}
	inputs := spec.Inputs
	if len(inputs) == 0 {
		for _, ic := range spec.InputCIDs {
			b, err := m.cfg.Content.Get(ctx, ic, 0)
			if err != nil {
				return JobID{}, fmt.Errorf("%w: input %s: %w", ErrBadJob, ic, err)
			}
			inputs = append(inputs, b)
		}
	}
	inCIDs, err := c.addAll(ctx, inputs)
	if err != nil {
		return JobID{}, err
	}
	now := m.cfg.Now()
	nonce := make([]byte, 16)
	rand.Read(nonce)
	r := spec.Requirements
	req := &wire.Requirements{MinVramBytes: r.MinVRAM, MinMemoryBytes: r.MinMemory, Gpu: r.GPU, GpuClass: r.GPUClass}
	js := &wire.JobSpec{
		Workload: spec.Workload, Params: wire.SortParams(params), Inputs: cidBytes(inCIDs),
		Requirements: req, MaxPrice: spec.MaxPrice.String(), DeadlineMs: now.Add(spec.Timeout).UnixMilli(),
		Verification: spec.Verification, Shards: uint32(spec.Shards), CreatedMs: now.UnixMilli(), Nonce: nonce,
	}
	if err := wire.SignJobSpec(m.cfg.Key, js); err != nil {
		return JobID{}, err
	}
	if err := js.Validate(); err != nil {
		return JobID{}, fmt.Errorf("%w: %w", ErrBadJob, err)
	}
	digest, err := wire.JobSpecDigest(js)
	if err != nil {
		return JobID{}, err
	}
	id := JobID(digest)
	shards, err := m.cfg.Workloads.Split(spec.Workload, params, inputs, spec.Shards)
	if err != nil {
		return JobID{}, fmt.Errorf("%w: split: %w", ErrBadJob, err)
	}
	job := jobRecord{
		ID: id, Spec: mustMarshal(js), Workload: spec.Workload, Params: params, MaxPrice: js.MaxPrice, VerifierFee: weiString(spec.VerifierFee),
		State: JobRunning, Created: now, Deadline: time.UnixMilli(js.DeadlineMs),
	}
	tasks := make([]*clientTask, len(shards))
	shardInputs := make(map[int][][]byte, len(shards))
	for i, sh := range shards {
		scids, err := c.addAll(ctx, sh.Inputs)
		if err != nil {
			return JobID{}, err
		}
		tid := TaskID(wire.TaskID(digest, uint32(i)))
		a := &wire.TaskAnnounce{
			TaskId: tid[:], JobDigest: digest[:], Shard: uint32(i), Shards: uint32(len(shards)),
			Workload: spec.Workload, Params: wire.SortParams(sh.Params), Inputs: cidBytes(scids),
			Requirements: req, MaxPrice: js.MaxPrice, DeadlineMs: js.DeadlineMs, Verification: js.Verification,
			TimestampMs: now.UnixMilli(),
		}
		if err := wire.SignTaskAnnounce(m.cfg.Key, a); err != nil {
			return JobID{}, err
		}
		tasks[i] = &clientTask{ID: tid, Job: id, Shard: i, State: StateAnnounced, Announce: mustMarshal(a)}
		job.Tasks = append(job.Tasks, tid)
		if inlineSize(sh.Inputs) <= wire.MaxInlineInputs {
			shardInputs[i] = sh.Inputs
		}
	}
	// State before action: the job and its tasks are on disk before the
	// first announce leaves this node.
	if err := m.db.putJob(job, tasks); err != nil {
		return JobID{}, fmt.Errorf("market: persist job: %w", err)
	}
	m.pin(ctx, JobPinOwner(id), jobInputs(js, tasks)...)
	m.emit(Event{Kind: EventJobSubmitted, Job: id, Detail: fmt.Sprintf("%s, %d tasks", spec.Workload, len(tasks))})
	c.startJob(job, tasks, shardInputs)
	return id, nil
}

// jobInputs lists the CIDs of a job's inputs and of its shards' inputs.
func jobInputs(js *wire.JobSpec, tasks []*clientTask) []cid.Cid {
	var out []cid.Cid
	add := func(raws [][]byte) {
		for _, raw := range raws {
			if c, err := wire.ParseCID(raw); err == nil {
				out = append(out, c)
			}
		}
	}
	add(js.Inputs)
	for _, t := range tasks {
		a := new(wire.TaskAnnounce)
		if proto.Unmarshal(t.Announce, a) == nil {
			add(a.Inputs)
		}
	}
	return out
}

func (c *client) addAll(ctx context.Context, blobs [][]byte) ([]cid.Cid, error) {
	out := make([]cid.Cid, len(blobs))
	for i, b := range blobs {
		ci, err := c.m.cfg.Content.AddBytes(ctx, b)
		if err != nil {
			return nil, fmt.Errorf("market: store input %d: %w", i, err)
		}
		out[i] = ci
	}
	return out, nil
}

func cidBytes(cs []cid.Cid) [][]byte {
	out := make([][]byte, len(cs))
	for i, c := range cs {
		out[i] = c.Bytes()
	}
	return out
}

func inlineSize(bs [][]byte) int {
	n := 0
	for _, b := range bs {
		n += len(b)
	}
	return n
}

func mustMarshal(m proto.Message) []byte {
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil {
		panic(err) // unreachable: our own messages always encode
	}
	return b
}

// startJob registers a job and starts a goroutine per unfinished task.
func (c *client) startJob(job jobRecord, tasks []*clientTask, inputs map[int][][]byte) {
	m := c.m
	jctx, cancel := context.WithDeadline(m.ctx, job.Deadline)
	lj := &liveJob{id: job.ID, ctx: jctx, cancel: cancel, done: make(chan struct{}), inputs: inputs}
	var start []*liveTask
	c.mu.Lock()
	c.jobs[job.ID] = lj
	for _, t := range tasks {
		if t.State.Done() {
			continue
		}
		a := new(wire.TaskAnnounce)
		if err := proto.Unmarshal(t.Announce, a); err != nil {
			m.log.Error("stored announce unreadable", "task", t.ID.Short(), "err", err)
			continue
		}
		lt := &liveTask{
			job: lj, rec: t, ann: a, inputs: inputs[t.Shard], provider: t.Provider,
			bids: make(chan bidIn, 64), results: make(chan resultIn, 4), gone: make(chan peer.ID, 1),
		}
		c.live[t.ID] = lt
		start = append(start, lt)
	}
	lj.remaining = len(start)
	c.mu.Unlock()
	if len(start) == 0 {
		m.goTask(func(context.Context) { c.finishJob(lj, nil) })
		return
	}
	for _, lt := range start {
		if !m.goTask(func(context.Context) { c.runTask(lt) }) {
			cancel()
			return
		}
	}
}

// resume restarts every unfinished job found in the database.
func (c *client) resume() error {
	var running []jobRecord
	err := c.m.db.jobs.All("", func(_ string, j jobRecord) error {
		if j.State == JobRunning {
			running = append(running, j)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, j := range running {
		tasks := make([]*clientTask, 0, len(j.Tasks))
		for _, tid := range j.Tasks {
			t, err := c.m.db.clientTask(tid)
			if err != nil {
				return fmt.Errorf("market: job %s task %s: %w", j.ID.Short(), tid.Short(), err)
			}
			tasks = append(tasks, &t)
		}
		c.m.log.Info("resuming job", "job", j.ID.Short(), "tasks", len(tasks))
		c.repin(j, tasks)
		c.startJob(j, tasks, nil)
	}
	return nil
}

// repin pins a resumed job's inputs and accepted outputs again: a no-op
// when the pins survived (they do: they are in the content datastore),
// a repair for jobs persisted by a version that did not pin.
func (c *client) repin(j jobRecord, tasks []*clientTask) {
	ctx, cancel := context.WithTimeout(c.m.ctx, 10*time.Second)
	defer cancel()
	js := new(wire.JobSpec)
	if err := proto.Unmarshal(j.Spec, js); err != nil {
		return
	}
	cs := jobInputs(js, tasks)
	for _, t := range tasks {
		if oc, err := cid.Decode(t.OutputCID); err == nil {
			cs = append(cs, oc)
		}
	}
	c.m.pin(ctx, JobPinOwner(j.ID), cs...)
}

// runTask drives one task from its persisted state to a final state.
func (c *client) runTask(lt *liveTask) {
	m := c.m
	ctx := lt.job.ctx
	var err error
	for !lt.rec.State.Final() && err == nil {
		switch lt.rec.State {
		case StateAnnounced, StateBidding, StateRejected:
			err = c.bidRound(ctx, lt)
		case StateAwarded, StateRunning:
			err = c.waitResult(ctx, lt)
		case StateDelivered, StateVerifying:
			err = c.accept(ctx, lt)
		default:
			err = fmt.Errorf("%w: task in state %s", ErrState, lt.rec.State)
		}
	}
	if m.ctx.Err() != nil {
		return // closing: the persisted state resumes on the next Start
	}
	if err != nil && !lt.rec.State.Final() {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			err = ErrDeadline
			if lt.rec.State == StateBidding && lt.rec.Provider == "" {
				// Still looking for a provider: say who refused and why.
				err = fmt.Errorf("%w: %w", ErrDeadline, &NoBidError{Task: lt.rec.ID, Reasons: lt.rec.Reasons})
			}
		}
		c.failTask(lt, err)
	}
	c.finishTask(lt, err)
}

// bidRound announces the task, collects bids for the window and awards
// the best, keeping the rest on standby.
func (c *client) bidRound(ctx context.Context, lt *liveTask) error {
	m := c.m
	rec := lt.rec
	round := rec.Round
	if rec.State != StateAnnounced {
		round++
	}
	now := m.cfg.Now()
	if uint32(round) != lt.ann.Round || now.Sub(time.UnixMilli(lt.ann.TimestampMs)) > wire.FreshPast/4 {
		a := proto.CloneOf(lt.ann)
		a.Round, a.TimestampMs = uint32(round), now.UnixMilli()
		if err := wire.SignTaskAnnounce(m.cfg.Key, a); err != nil {
			return err
		}
		lt.ann, rec.Announce = a, mustMarshal(a)
	}
	rec.Round = round
	if err := step(&rec.State, StateBidding); err != nil {
		return err
	}
	if err := m.db.putClientTask(rec); err != nil {
		return err
	}
	// Drain answers of earlier rounds.
	for len(lt.bids) > 0 {
		<-lt.bids
	}
	au := newAuction(round, now)
	if err := m.topic.Publish(ctx, rec.Announce); err != nil {
		return fmt.Errorf("market: announce task %s: %w", rec.ID.Short(), err)
	}
	m.emit(Event{Kind: EventAnnounced, Job: rec.Job, Task: rec.ID, Detail: fmt.Sprintf("round %d", round)})
	expected := c.expected(rec)
	// An empty round doubles the next window (up to 8×): under load
	// answers come late, and a network that just started has no mesh yet.
	window := m.cfg.BidWindow << min(rec.Attempt, 3)
	timer := time.NewTimer(window)
	defer timer.Stop()
	var straggle <-chan time.Time
collect:
	for !au.enough(m.cfg.EnoughBids, expected) && !au.hopeless(expected) {
		select {
		case in := <-lt.bids:
			au.add(in, func(p peer.ID) bool { return containsPeer(rec.Failed, p) || m.cfg.Reputation(p) <= ExcludeBelow }, m.cfg.Reputation)
			if straggle == nil && au.satisfied(m.cfg.EnoughBids) {
				// Enough bids: give the rest a short moment, not the window.
				straggle = time.After(window / 4)
			}
		case <-straggle:
			break collect
		case <-timer.C:
			break collect
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	offers := au.ranked()
	if len(offers) == 0 {
		if rec.Reasons == nil {
			rec.Reasons = map[string]string{}
		}
		for p, r := range au.reasons {
			rec.Reasons[p] = r
		}
		if au.hopeless(expected) {
			return &NoBidError{Task: rec.ID, Reasons: rec.Reasons}
		}
		// A round without a bid and without a "busy" answer counts toward
		// NoBidRounds, unless expected providers simply did not answer
		// (congestion): those rounds go on, windows doubling, until the
		// job deadline.
		// Right after start (a restarted client resuming its jobs) the
		// node may not know any peer yet: such rounds do not count either.
		warming := len(expected) == 0 && m.cfg.Now().Sub(m.startedAt) < WarmUp
		congested := len(au.answered) == 0 && (len(expected) > 0 || warming)
		if !au.busy {
			rec.Attempt++
		}
		if rec.Attempt >= m.cfg.NoBidRounds && !congested {
			return &NoBidError{Task: rec.ID, Reasons: rec.Reasons}
		}
		if au.busy {
			// Back off so busy providers can free a slot.
			select {
			case <-time.After(m.cfg.BidWindow):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	}
	rec.Attempt = 0
	rec.Standby = rec.Standby[:0]
	for _, o := range offers {
		m.emit(Event{Kind: EventBid, Job: rec.Job, Task: rec.ID, Peer: o.from, Detail: o.bid.Price})
		rec.Standby = append(rec.Standby, mustMarshal(o.bid))
	}
	return c.awardNext(ctx, lt)
}

// expected lists the providers on the tasks topic whose answers the
// client waits for.
func (c *client) expected(rec *clientTask) []peer.ID {
	ps := c.m.topic.Peers()
	var known map[peer.ID]bool
	if c.m.cfg.Providers != nil {
		// An empty list means "not learned yet" (a node that just started
		// has no capacity ads): every topic peer is expected.
		pr := c.m.cfg.Providers()
		if len(pr) > 0 {
			known = make(map[peer.ID]bool, len(pr))
		}
		for _, p := range pr {
			known[p] = true
		}
	}
	out := ps[:0:0]
	for _, p := range ps {
		if p != c.m.id && !containsPeer(rec.Failed, p) && (known == nil || known[p]) {
			out = append(out, p)
		}
	}
	return out
}

func containsPeer(ps []peer.ID, p peer.ID) bool {
	for _, x := range ps {
		if x == p {
			return true
		}
	}
	return false
}

// awardNext awards the task to the best standby bid that accepts. With no
// standby left the task goes back to bidding.
func (c *client) awardNext(ctx context.Context, lt *liveTask) error {
	m := c.m
	rec := lt.rec
	for len(rec.Standby) > 0 {
		b := new(wire.Bid)
		raw := rec.Standby[0]
		rec.Standby = rec.Standby[1:]
		if err := proto.Unmarshal(raw, b); err != nil {
			continue
		}
		p := b.ProviderID()
		if containsPeer(rec.Failed, p) {
			continue
		}
		// Bid signatures are checked only for the bid that wins.
		if err := wire.VerifyBidCached(m.cfg.SigCache, b); err != nil {
			m.misbehaved(p, err)
			continue
		}
		now := m.cfg.Now()
		deadline := now.Add(2*time.Duration(b.EtaMs)*time.Millisecond + m.cfg.Grace)
		if jd := time.UnixMilli(lt.ann.DeadlineMs); deadline.After(jd) {
			deadline = jd
		}
		aw := &wire.Award{
			TaskId: rec.ID[:], Provider: b.Provider, Price: b.Price, DeadlineMs: deadline.UnixMilli(),
			Announce: lt.ann, Bid: b, Attempt: uint32(len(rec.Failed)), TimestampMs: now.UnixMilli(),
		}
		if m.cfg.Chain != nil {
			hctx, cancel := context.WithTimeout(ctx, time.Second)
			n, h, err := m.cfg.Chain.Head(hctx)
			cancel()
			if err == nil {
				aw.BlockNumber, aw.BlockHash = n, h[:]
			}
		}
		if aw.BlockHash == nil {
			aw.BlockHash = make([]byte, 32)
		}
		if err := wire.SignAward(m.cfg.Key, aw); err != nil {
			return err
		}
		if err := step(&rec.State, StateAwarded); err != nil {
			return err
		}
		rec.Provider, rec.Price, rec.Award, rec.Deadline = p, b.Price, mustMarshal(aw), deadline
		if err := m.db.putClientTask(rec); err != nil {
			return err
		}
		c.setProvider(lt, p)
		m.emit(Event{Kind: EventAwarded, Job: rec.Job, Task: rec.ID, Peer: p, Detail: b.Price})
		c.attachInputs(ctx, lt, aw)
		var reply wire.AwardReply
		rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := m.request(rctx, p, p2p.ProtoAward, aw, &reply)
		cancel()
		if err == nil && reply.Validate() == nil && reply.Accepted && bytes.Equal(reply.TaskId, rec.ID[:]) {
			rec.State = StateRunning // not persisted: after a restart awarded and running are handled alike
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		why := reply.Reason
		if err != nil {
			why = err.Error()
		}
		m.log.Debug("award refused", "task", rec.ID.Short(), "provider", p, "reason", why)
		if err == nil && reply.Code == wire.NoBidCode_NO_BID_BUSY {
			// Busy is transient: the provider bids again once a slot is
			// free. Excluding it for good would, with every provider busy
			// for a while, leave the task no provider at all.
			continue
		}
		rec.Failed = append(rec.Failed, p)
	}
	rec.Provider, rec.Award = "", nil
	c.setProvider(lt, "")
	return step(&rec.State, StateBidding)
}

// resendAward sends a resumed task's persisted award to its provider
// again. Accepted (or already running or done there): the task is running.
// Refused: the task moves on as for any refused award. No answer: the
// provider may still deliver, so the task keeps waiting for its deadline.
func (c *client) resendAward(ctx context.Context, lt *liveTask) error {
	m, rec := c.m, lt.rec
	aw := new(wire.Award)
	if err := proto.Unmarshal(rec.Award, aw); err != nil {
		return c.reassign(ctx, lt, "stored award unreadable")
	}
	var reply wire.AwardReply
	rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	err := m.request(rctx, rec.Provider, p2p.ProtoAward, aw, &reply)
	cancel()
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case err != nil || reply.Validate() != nil || !bytes.Equal(reply.TaskId, rec.ID[:]):
		return nil
	case reply.Accepted:
		rec.State = StateRunning
		return nil
	}
	return c.reassign(ctx, lt, "award refused on resume: "+reply.Reason)
}

// attachInputs puts small inputs inline so the winner need not fetch them.
func (c *client) attachInputs(ctx context.Context, lt *liveTask, aw *wire.Award) {
	if len(aw.Announce.Inputs) == 0 {
		return
	}
	if lt.inputs == nil {
		var ins [][]byte
		for _, raw := range aw.Announce.Inputs {
			ci, err := wire.ParseCID(raw)
			if err != nil {
				return
			}
			b, err := c.m.cfg.Content.Get(ctx, ci, wire.MaxInlineInputs)
			if err != nil || inlineSize(ins)+len(b) > wire.MaxInlineInputs {
				return
			}
			ins = append(ins, b)
		}
		lt.inputs = ins
	}
	if proto.Size(aw)+inlineSize(lt.inputs)+64 > wire.MaxAwardSize {
		return
	}
	aw.InlineInputs = lt.inputs
}

func (c *client) setProvider(lt *liveTask, p peer.ID) {
	c.mu.Lock()
	lt.provider = p
	c.mu.Unlock()
}

// waitResult waits for the awardee's result commitment until the task's
// deadline; silence, a lost connection or a bad result moves the award on.
func (c *client) waitResult(ctx context.Context, lt *liveTask) error {
	m := c.m
	rec := lt.rec
	if rec.State == StateAwarded {
		// Resumed after a restart: the award may have been lost with the
		// crash (persisted, never sent). Awards are idempotent, so send it
		// again rather than wait out the deadline of a task the provider
		// never got.
		if err := c.resendAward(ctx, lt); err != nil {
			return err
		}
		if rec.State != StateAwarded && rec.State != StateRunning {
			return nil // refused: back to bidding or the next standby
		}
	}
	wait := rec.Deadline.Sub(m.cfg.Now())
	timer := time.NewTimer(max(wait, 0))
	defer timer.Stop()
	for {
		select {
		case in := <-lt.results:
			if in.from != rec.Provider {
				in.reply <- &wire.ResultReply{Version: wire.ResultVersion, TaskId: rec.ID[:], Reason: "task is awarded to another provider"}
				continue
			}
			if len(in.rc.InlineOutput) > 0 && !bytes.Equal(ethcrypto.Keccak256(in.rc.InlineOutput), in.rc.ResultHash) {
				in.reply <- &wire.ResultReply{Version: wire.ResultVersion, TaskId: rec.ID[:], Reason: "inline output does not match result_hash"}
				return c.reassign(ctx, lt, "bad inline output")
			}
			stored := proto.CloneOf(in.rc)
			stored.InlineOutput = nil
			if err := step(&rec.State, StateDelivered); err != nil {
				return err
			}
			rec.Commitment = mustMarshal(stored)
			if err := m.db.putClientTask(rec); err != nil {
				in.reply <- &wire.ResultReply{Version: wire.ResultVersion, TaskId: rec.ID[:], Reason: "client cannot store the result now"}
				return err
			}
			in.reply <- &wire.ResultReply{Version: wire.ResultVersion, TaskId: rec.ID[:], Accepted: true}
			lt.output = in.rc.InlineOutput
			m.emit(Event{Kind: EventDelivered, Job: rec.Job, Task: rec.ID, Peer: in.from})
			return nil
		case p := <-lt.gone:
			if p == rec.Provider {
				return c.reassign(ctx, lt, "provider disconnected")
			}
		case <-timer.C:
			return c.reassign(ctx, lt, "provider silent past its deadline")
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// reassign takes the task from its provider: the next standby bid gets it,
// or, with none left, a new round.
func (c *client) reassign(ctx context.Context, lt *liveTask, why string) error {
	rec := lt.rec
	c.m.emit(Event{Kind: EventReassigned, Job: rec.Job, Task: rec.ID, Peer: rec.Provider, Detail: why})
	c.m.log.Info("task reassigned", "task", rec.ID.Short(), "provider", rec.Provider, "why", why)
	rec.Failed = append(rec.Failed, rec.Provider)
	rec.Commitment, rec.OutputCID = nil, ""
	lt.output = nil
	if len(rec.Standby) > 0 {
		return c.awardNext(ctx, lt)
	}
	rec.Provider, rec.Award = "", nil
	c.setProvider(lt, "")
	return step(&rec.State, StateBidding)
}

// accept fetches and checks the delivered output, then accepts the task.
// (Verification by a committee slots in here: delivered → verifying.)
func (c *client) accept(ctx context.Context, lt *liveTask) error {
	m := c.m
	rec := lt.rec
	rc := new(wire.ResultCommitment)
	if err := proto.Unmarshal(rec.Commitment, rc); err != nil {
		return c.reassign(ctx, lt, "stored commitment unreadable")
	}
	out := lt.output
	ocid, err := wire.ParseCID(rc.OutputCid)
	if err != nil {
		return c.reassign(ctx, lt, "bad output cid")
	}
	if out != nil {
		local, err := m.cfg.Content.AddBytes(ctx, out)
		if err != nil {
			return err
		}
		if !local.Equals(ocid) {
			m.log.Debug("inline output stored under another CID", "task", rec.ID.Short(), "claimed", ocid, "local", local)
		}
		ocid = local
	} else {
		fctx, cancel := context.WithTimeout(ctx, m.cfg.Grace+fetchTime(rc.OutputSize))
		out, err = m.cfg.Content.Get(fctx, ocid, int64(max(rc.OutputSize, 1)))
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return c.reassign(ctx, lt, "output not retrievable: "+err.Error())
		}
	}
	if !bytes.Equal(ethcrypto.Keccak256(out), rc.ResultHash) {
		m.misbehaved(rec.Provider, ErrBadResult)
		return c.reassign(ctx, lt, ErrBadResult.Error())
	}
	// Committee (verification.go): rejected results go to the next bidder;
	// accepted ones are paid (vouchers persisted) before the acceptance is.
	v, rejected, err := c.verify(ctx, lt, rc, out)
	if rejected || err != nil {
		return err
	}
	// The output stays with the job: merge reads it, and the client has
	// it when the provider, once paid, lets its copy go.
	m.pin(ctx, JobPinOwner(rec.Job), ocid)
	paid, err := c.pay(rec, rc, v)
	if err != nil {
		return err
	}
	if err := step(&rec.State, StateAccepted); err != nil {
		return err
	}
	rec.OutputCID = ocid.String()
	rec.Standby = nil
	if paid {
		rec.State = StatePaid // accepted → paid: the vouchers are on disk
	}
	if err := m.db.putClientTask(rec); err != nil {
		return err
	}
	m.emit(Event{Kind: EventAccepted, Job: rec.Job, Task: rec.ID, Peer: rec.Provider})
	return nil
}

// fetchTime allows 1 s per 16 MiB on top of the grace period.
func fetchTime(size uint64) time.Duration { return time.Duration(size>>24) * time.Second }

func (c *client) failTask(lt *liveTask, err error) {
	rec := lt.rec
	rec.State = StateFailed
	rec.Error = err.Error()
	if perr := c.m.db.putClientTask(rec); perr != nil {
		c.m.log.Error("persist failed task", "task", rec.ID.Short(), "err", perr)
	}
	c.m.emit(Event{Kind: EventTaskFailed, Job: rec.Job, Task: rec.ID, Detail: err.Error()})
}

// finishTask retires a task; the last task of a job merges it, the first
// failure fails it.
func (c *client) finishTask(lt *liveTask, err error) {
	c.mu.Lock()
	delete(c.live, lt.rec.ID)
	lj := lt.job
	lj.remaining--
	last := lj.remaining == 0
	c.mu.Unlock()
	if lt.rec.State == StateFailed {
		c.finishJob(lj, err)
		return
	}
	if last {
		c.finishJob(lj, nil)
	}
}

// finishJob merges a job whose tasks are all done, or records its failure.
// It runs once per job; later calls are no-ops.
func (c *client) finishJob(lj *liveJob, failure error) {
	m := c.m
	c.mu.Lock()
	if c.jobs[lj.id] != lj || lj.finishing {
		c.mu.Unlock()
		return
	}
	lj.finishing = true
	c.mu.Unlock()
	// The job stays registered until its final state is persisted: a Wait
	// meanwhile waits on done instead of reading a state still "running".
	defer close(lj.done)
	defer func() {
		c.mu.Lock()
		delete(c.jobs, lj.id)
		c.mu.Unlock()
	}()
	defer lj.cancel()
	j, err := m.db.job(lj.id)
	if err != nil {
		lj.err = err
		return
	}
	if failure == nil {
		ci, err := c.merge(m.ctx, j)
		if err != nil {
			failure = err
		} else {
			m.pin(m.ctx, JobPinOwner(j.ID), ci)
			j.ResultCID = ci.String()
			j.State = JobDone
		}
	}
	if failure != nil {
		if m.ctx.Err() != nil {
			return // closing: resume later
		}
		j.State = JobFailed
		j.Error = failure.Error()
		var nb *NoBidError
		if errors.As(failure, &nb) {
			j.Reasons = nb.Lines()
		}
		lj.err = failure
	}
	j.Finished = m.cfg.Now()
	if err := m.db.jobs.Put(j.ID.String(), j); err != nil {
		m.log.Error("persist job", "job", j.ID.Short(), "err", err)
	}
	if j.State == JobDone {
		m.emit(Event{Kind: EventJobDone, Job: j.ID, Detail: j.ResultCID})
	} else {
		m.emit(Event{Kind: EventJobFailed, Job: j.ID, Detail: j.Error})
	}
}

// merge joins the shard outputs by the workload's Merge; one shard's
// output is the job's result as is.
func (c *client) merge(ctx context.Context, j jobRecord) (cid.Cid, error) {
	m := c.m
	parts := make([]exec.Part, len(j.Tasks))
	for _, tid := range j.Tasks {
		t, err := m.db.clientTask(tid)
		if err != nil {
			return cid.Undef, err
		}
		ci, err := cid.Decode(t.OutputCID)
		if err != nil {
			return cid.Undef, fmt.Errorf("market: task %s output: %w", tid.Short(), err)
		}
		if len(j.Tasks) == 1 {
			return ci, nil
		}
		a := new(wire.TaskAnnounce)
		if err := proto.Unmarshal(t.Announce, a); err != nil {
			return cid.Undef, err
		}
		out, err := m.cfg.Content.Get(ctx, ci, 0)
		if err != nil {
			return cid.Undef, fmt.Errorf("market: task %s output: %w", tid.Short(), err)
		}
		parts[t.Shard] = exec.Part{Params: exec.Params(wire.ParamMap(a.Params)), Output: out}
	}
	merged, err := m.cfg.Workloads.Merge(j.Workload, exec.Params(j.Params), parts)
	if err != nil {
		return cid.Undef, fmt.Errorf("market: merge: %w", err)
	}
	return m.cfg.Content.AddBytes(ctx, merged)
}

// Wait blocks until the job is done or failed, or ctx ends.
func (m *Market) Wait(ctx context.Context, id JobID) (JobResult, error) {
	c := m.client
	c.mu.Lock()
	lj := c.jobs[id]
	c.mu.Unlock()
	if lj != nil {
		select {
		case <-lj.done:
		case <-ctx.Done():
			return JobResult{}, ctx.Err()
		}
		if lj.err != nil {
			return JobResult{}, fmt.Errorf("%w: %w", ErrJobFailed, lj.err)
		}
	}
	info, err := m.Job(id)
	if err != nil {
		return JobResult{}, err
	}
	switch info.State {
	case JobDone:
		ci, err := cid.Decode(info.ResultCID)
		if err != nil {
			return JobResult{}, err
		}
		return JobResult{ID: id, ResultCID: ci, Tasks: info.Tasks, Elapsed: info.Finished.Sub(info.Created)}, nil
	case JobFailed:
		if nb := m.persistedNoBid(id, info); nb != nil {
			// Finished before Wait was called: give callers the same
			// typed error a live Wait returns.
			return JobResult{}, fmt.Errorf("%w: %w", ErrJobFailed, nb)
		}
		return JobResult{}, fmt.Errorf("%w: %s", ErrJobFailed, info.Error)
	}
	return JobResult{}, fmt.Errorf("%w: job %s is not running in this process", ErrNotStarted, id.Short())
}

// persistedNoBid rebuilds the *NoBidError of a job that failed for want
// of bids (its record keeps the reason lines; the failed task keeps the
// per-peer reasons), or returns nil.
func (m *Market) persistedNoBid(id JobID, info JobInfo) *NoBidError {
	if len(info.Reasons) == 0 {
		return nil
	}
	j, err := m.db.job(id)
	if err != nil {
		return nil
	}
	for _, tid := range j.Tasks {
		t, err := m.db.clientTask(tid)
		if err == nil && t.State == StateFailed {
			return &NoBidError{Task: tid, Reasons: t.Reasons}
		}
	}
	return nil
}

// Job returns a job's persisted state.
func (m *Market) Job(id JobID) (JobInfo, error) {
	j, err := m.db.job(id)
	if err != nil {
		return JobInfo{}, err
	}
	info := JobInfo{
		ID: j.ID, State: j.State, Workload: j.Workload, Params: j.Params, MaxPrice: j.MaxPrice,
		Created: j.Created, Finished: j.Finished, ResultCID: j.ResultCID, Error: j.Error, Reasons: j.Reasons,
		Counts: map[TaskState]int{}, Expires: m.expires(j.Finished),
	}
	for _, tid := range j.Tasks {
		t, err := m.db.clientTask(tid)
		if err != nil {
			return JobInfo{}, err
		}
		info.Tasks = append(info.Tasks, TaskInfo{
			ID: t.ID, Shard: t.Shard, State: t.State, Provider: t.Provider, Price: t.Price,
			Round: t.Round, Attempt: len(t.Failed), OutputCID: t.OutputCID, Error: t.Error,
		})
		info.Counts[t.State]++
	}
	return info, nil
}

// Jobs lists this node's jobs, newest first (tasks omitted).
func (m *Market) Jobs() ([]JobInfo, error) {
	var out []JobInfo
	err := m.db.jobs.All("", func(_ string, j jobRecord) error {
		out = append(out, JobInfo{
			ID: j.ID, State: j.State, Workload: j.Workload, Params: j.Params, MaxPrice: j.MaxPrice,
			Created: j.Created, Finished: j.Finished, ResultCID: j.ResultCID, Error: j.Error,
			Counts: map[TaskState]int{"tasks": len(j.Tasks)}, Expires: m.expires(j.Finished),
		})
		return nil
	})
	sort.Slice(out, func(i, k int) bool { return out[i].Created.After(out[k].Created) })
	return out, err
}

// handleBid serves /ogpu/bid/1: one bid or no-bid from a provider.
func (c *client) handleBid(ctx context.Context, from peer.ID, s *p2p.Stream) {
	var msg wire.BidMessage
	if err := s.ReadMsg(&msg); err != nil {
		c.m.misbehaved(from, err)
		return
	}
	if err := msg.Check(from); err != nil {
		c.m.misbehaved(from, err)
		return
	}
	var tid []byte
	in := bidIn{from: from, at: c.m.cfg.Now()}
	if b := msg.GetBid(); b != nil {
		tid, in.bid = b.TaskId, b
	} else {
		tid, in.nobid = msg.GetNoBid().TaskId, msg.GetNoBid()
	}
	c.mu.Lock()
	lt := c.live[TaskID(tid)]
	c.mu.Unlock()
	if lt == nil {
		return // the auction is over
	}
	select {
	case lt.bids <- in:
	default:
	}
}

// handleResult serves /ogpu/result/1: a provider's result commitment.
func (c *client) handleResult(ctx context.Context, from peer.ID, s *p2p.Stream) {
	m := c.m
	var rc wire.ResultCommitment
	if err := s.ReadMsg(&rc); err != nil {
		m.misbehaved(from, err)
		return
	}
	if err := wire.VerifyResultInCached(m.cfg.SigCache, m.cfg.ResultDomain, &rc, from); err != nil {
		m.misbehaved(from, err)
		s.WriteMsg(&wire.ResultReply{Version: wire.ResultVersion, TaskId: rc.TaskId, Reason: wire.Truncate(err.Error())})
		return
	}
	tid := TaskID(rc.TaskId)
	c.mu.Lock()
	lt := c.live[tid]
	c.mu.Unlock()
	reply := &wire.ResultReply{Version: wire.ResultVersion, TaskId: rc.TaskId}
	if lt != nil {
		ch := make(chan *wire.ResultReply, 1)
		select {
		case lt.results <- resultIn{from: from, rc: &rc, reply: ch}:
			select {
			case reply = <-ch:
			case <-ctx.Done():
				return
			}
		case <-ctx.Done():
			return
		}
	} else {
		// Not live: a duplicate after acceptance is acknowledged, anything
		// else refused. Never counted twice.
		t, err := m.db.clientTask(tid)
		switch {
		case err != nil:
			reply.Reason = "unknown task"
		case t.Provider == from && (t.State.Done() || t.State == StateDelivered) && sameResult(t.Commitment, &rc):
			reply.Accepted = true
		default:
			reply.Reason = "task is not awarded to you"
		}
	}
	s.WriteMsg(reply)
}

func sameResult(stored []byte, rc *wire.ResultCommitment) bool {
	var s wire.ResultCommitment
	if proto.Unmarshal(stored, &s) != nil {
		return false
	}
	return bytes.Equal(s.ResultHash, rc.ResultHash) && bytes.Equal(s.OutputCid, rc.OutputCid)
}

// peerGone tells tasks awarded to p that their provider left.
func (c *client) peerGone(p peer.ID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, lt := range c.live {
		if lt.provider == p {
			select {
			case lt.gone <- p:
			default:
			}
		}
	}
}

// request sends req to p on pid and reads one reply.
func (m *Market) request(ctx context.Context, p peer.ID, pid protocol.ID, req, resp proto.Message) error {
	s, err := m.cfg.Net.OpenStream(ctx, p, pid)
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { s.Reset() })
	defer stop()
	if err := s.WriteMsg(req); err != nil {
		s.Reset()
		return err
	}
	if err := s.CloseWrite(); err != nil {
		s.Reset()
		return err
	}
	if err := s.ReadMsg(resp); err != nil {
		s.Reset()
		return err
	}
	return s.Close()
}
