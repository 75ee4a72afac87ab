package node

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ogpu/ogpu/market/stream"
	"github.com/ogpu/ogpu/store"
	"github.com/ogpu/ogpu/verify"
)

// StreamFraudStats counts the wrong answers this node's stream sessions
// caught on sampled re-checks and what verification committees made of
// them (GET /metrics; ogpu sim).
type StreamFraudStats struct {
	// Caught: answers a session's own re-check found wrong (the session
	// dropped the provider and the reputation table recorded a lie).
	Caught int64 `json:"caught"`
	// Committee: caught answers a committee checked (with a chain).
	Committee int64 `json:"committee"`
	// Evidence: answers a committee proved wrong; slash evidence queued in
	// the settler.
	Evidence int64 `json:"evidence"`
	// Failed: checks that could not run or reached no decision after
	// every retry (no committee, sample too large to send, no quorum);
	// Dropped: caught while the queue was full.
	Failed  int64 `json:"failed"`
	Dropped int64 `json:"dropped"`
	// Pending: caught answers waiting for a committee, persisted so that
	// a restart or a crash does not let a liar escape; Backoff: those of
	// them waiting to retry after a check that reached no decision.
	Pending int64 `json:"pending"`
	Backoff int64 `json:"backoff"`
}

// StreamFrauds returns the counts of wrong stream answers caught and
// proven.
func (n *Node) StreamFrauds() StreamFraudStats { return n.money.frauds.stats() }

// Stream frauds: queue bound, the time one committee check may take, the
// retries of a check that reached no decision (after fraudRetry, tripled
// each time, fraudAttempts checks in all: about 10 minutes), and how often
// the worker looks again while the node knows no verifier to ask (just
// started: its capacity table is still filling).
const (
	fraudQueue    = 1024
	fraudTimeout  = time.Minute
	fraudRetry    = 5 * time.Second
	fraudAttempts = 6
	fraudIdle     = 30 * time.Second
	fraudNoPeers  = time.Second
	fraudTable    = "stream_frauds"
)

// fraudRecord is a caught wrong answer waiting for a committee: a row of
// the stream_frauds table, keyed by session and sequence number.
type fraudRecord struct {
	Fraud    stream.Fraud `json:"fraud"`
	Caught   time.Time    `json:"caught"`
	Attempts int          `json:"attempts"`
	Next     time.Time    `json:"next"` // zero: due now
	LastErr  string       `json:"last_err,omitempty"`
}

func fraudKey(f stream.Fraud) []byte {
	return fmt.Appendf(nil, "%s/%020d", hex.EncodeToString(f.Session), f.Seq)
}

// streamFrauds hands the wrong answers that stream sessions catch to a
// verification committee (verify.CheckStream) off the session's path. A
// caught answer is written to the stream_frauds table (fsynced) before it
// is queued, and removed only once a committee decided on it or every
// retry failed, so slash evidence is not lost to a restart, a kill -9 or
// a committee that is briefly unreachable. One worker owned by the node
// runs the checks, stopped on Close before the verifier and the settler.
// Its zero value counts catches only (no chain: nothing to slash).
type streamFrauds struct {
	v   *verify.Verifier
	log *slog.Logger
	// ready reports whether the node knows any verifier to ask; until it
	// does, checks wait without using up an attempt.
	ready func() bool
	db    *store.DB
	t     *store.Table
	now   func() time.Time

	wake   chan struct{}
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex // serializes the table's writers (submit, worker)
	pending int64      // rows in the table, under mu

	caught, committee, evidence, failed, dropped, backoff atomic.Int64
}

// start restores the frauds a previous run left pending and starts the
// worker that asks v's committees. Called once, before sessions can catch
// anything.
func (f *streamFrauds) start(v *verify.Verifier, ready func() bool, db *store.DB, now func() time.Time, log *slog.Logger) error {
	t, err := db.Table(fraudTable, store.Money())
	if err != nil {
		return err
	}
	f.v, f.ready, f.db, f.t, f.now, f.log = v, ready, db, t, now, log
	f.wake = make(chan struct{}, 1)
	recs, bad, err := f.load()
	if err != nil {
		return fmt.Errorf("node: load stream frauds: %w", err)
	}
	if bad > 0 {
		log.Warn("stream: skipped unreadable pending frauds", "count", bad)
	}
	f.pending = int64(len(recs))
	if len(recs) > 0 {
		// A restart is a new chance for a committee: retries that were
		// backing off are due at once.
		err := db.Update(func(tx *store.Tx) error {
			for _, r := range recs {
				if r.Next.IsZero() {
					continue
				}
				r.Next = time.Time{}
				b, err := json.Marshal(r)
				if err != nil {
					return err
				}
				if err := tx.Put(t, fraudKey(r.Fraud), b); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("node: reschedule stream frauds: %w", err)
		}
		log.Info("stream: wrong answers from a previous run still wait for a committee", "count", len(recs))
	}
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		f.run(ctx)
	}()
	return nil
}

// close stops the worker. Frauds still pending stay in the table for the
// next start.
func (f *streamFrauds) close() error {
	if f.cancel == nil {
		return nil
	}
	f.cancel()
	f.wg.Wait()
	if n := f.stats().Pending; n > 0 {
		f.log.Info("stream: closing with wrong answers still waiting for a committee; checked after the next start", "count", n)
	}
	return nil
}

// submit is the sessions' OnFraud: it counts the catch and persists the
// fraud for the worker. It does not wait for a committee.
func (f *streamFrauds) submit(fr stream.Fraud) {
	f.caught.Add(1)
	if f.t == nil {
		return
	}
	log := f.log.With("provider", fr.Provider, "seq", fr.Seq)
	b, err := json.Marshal(fraudRecord{Fraud: fr, Caught: f.now()})
	if err != nil {
		f.dropped.Add(1)
		log.Error("stream: cannot encode a wrong answer for a committee", "err", err)
		return
	}
	f.mu.Lock()
	if f.pending >= fraudQueue {
		f.mu.Unlock()
		f.dropped.Add(1)
		log.Warn("stream: committee queue full; wrong answer not sent", "pending", fraudQueue)
		return
	}
	key := fraudKey(fr)
	added := false
	err = f.db.Update(func(tx *store.Tx) error {
		added = false
		if _, err := tx.Get(f.t, key); !errors.Is(err, store.ErrNotFound) {
			return err // nil: caught twice, the first row stands
		}
		added = true
		return tx.Put(f.t, key, b)
	})
	if err == nil && added {
		f.pending++
	}
	f.mu.Unlock()
	if err != nil {
		f.dropped.Add(1)
		log.Error("stream: cannot persist a wrong answer for a committee", "err", err)
		return
	}
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// run checks the due frauds, then sleeps until the next is due (at most
// fraudIdle) or a new one is submitted.
func (f *streamFrauds) run(ctx context.Context) {
	for {
		next := f.checkDue(ctx)
		wait := fraudIdle
		if !next.IsZero() {
			wait = min(wait, max(time.Millisecond, next.Sub(f.now())))
		}
		tm := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			tm.Stop()
			return
		case <-f.wake:
		case <-tm.C:
		}
		tm.Stop()
	}
}

// load reads every pending fraud, oldest first.
func (f *streamFrauds) load() (recs []fraudRecord, bad int, err error) {
	err = f.t.Iterate(nil, func(_, v []byte) error {
		var r fraudRecord
		if json.Unmarshal(v, &r) != nil {
			bad++
			return nil
		}
		recs = append(recs, r)
		return nil
	})
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].Caught.Before(recs[j].Caught) })
	return recs, bad, err
}

// checkDue asks a committee about every fraud that is due and returns
// when the earliest of the others is (zero: none pending).
func (f *streamFrauds) checkDue(ctx context.Context) time.Time {
	recs, _, err := f.load()
	if err != nil {
		f.log.Warn("stream: read pending frauds", "err", err)
		return f.now().Add(fraudIdle)
	}
	if len(recs) > 0 && f.ready != nil && !f.ready() {
		return f.now().Add(fraudNoPeers)
	}
	var next time.Time
	var inBackoff int64
	for _, r := range recs {
		if ctx.Err() != nil {
			return next
		}
		if !r.Next.After(f.now()) { // due
			var keep bool
			if r, keep = f.check(ctx, r); !keep {
				continue
			}
		}
		inBackoff++
		if next.IsZero() || r.Next.Before(next) {
			next = r.Next
		}
	}
	f.backoff.Store(inBackoff)
	return next
}

// check asks the committee about one fraud and records the outcome: the
// row is deleted once decided, or rescheduled (keep) after a check that
// reached no decision.
func (f *streamFrauds) check(ctx context.Context, r fraudRecord) (fraudRecord, bool) {
	fr := r.Fraud
	cctx, cancel := context.WithTimeout(ctx, fraudTimeout)
	defer cancel()
	log := f.log.With("provider", fr.Provider, "service", fr.Service.ID(), "seq", fr.Seq, "attempt", r.Attempts+1)
	vd, err := f.v.CheckStream(cctx, verify.StreamSample{
		Workload: fr.Service.Workload, Model: fr.Service.Model, Session: fr.Session, Seq: fr.Seq,
		Input: fr.Input, Output: fr.Output, Provider: fr.Provider, Commitment: fr.Commitment, Sig: fr.Sig,
	})
	if ctx.Err() != nil || errors.Is(err, verify.ErrClosed) {
		return r, false // closing: the row stays for the next start
	}
	retry := false
	switch {
	case err != nil && (errors.Is(err, verify.ErrBadRequest) || errors.Is(err, verify.ErrCannotCheck) ||
		errors.Is(err, verify.ErrConfig) || errors.Is(err, verify.ErrPolicy)):
		f.failed.Add(1)
		log.Warn("stream: a wrong answer cannot go to a committee", "err", err)
	case err != nil:
		retry = true
		r.LastErr = err.Error()
	case vd.Evidence != nil:
		f.committee.Add(1)
		f.evidence.Add(1)
		log.Warn("stream: committee proved a wrong answer; slash evidence queued", "attestations", len(vd.Evidence.Attestations))
	case vd.Accepted:
		f.committee.Add(1)
		log.Warn("stream: committee found an answer right that this node's re-check found wrong", "members", len(vd.Agreeing()))
	case vd.Reason == verify.ReasonWrong:
		// Decided, but not slashable: too few eligible members among those
		// who found it wrong, or the settler refused the evidence (the
		// provider is already slashed for this session).
		f.committee.Add(1)
		log.Warn("stream: committee found a wrong answer wrong without slashable evidence")
	default:
		retry = true
		r.LastErr = "no decision: " + vd.Reason
	}
	if retry {
		r.Attempts++
		if r.Attempts >= fraudAttempts {
			f.failed.Add(1)
			log.Warn("stream: committee reached no decision on a wrong answer; giving up", "attempts", r.Attempts, "err", r.LastErr)
			retry = false
		} else {
			d := fraudRetry
			for range r.Attempts - 1 {
				d *= 3
			}
			r.Next = f.now().Add(d)
			log.Info("stream: committee check of a wrong answer reached no decision; will retry", "err", r.LastErr, "at", r.Next)
		}
	}
	key := fraudKey(fr)
	f.mu.Lock()
	defer f.mu.Unlock()
	var werr error
	if retry {
		b, err := json.Marshal(r)
		if err == nil {
			err = f.t.Put(key, b)
		}
		werr = err
	} else if werr = f.t.Delete(key); werr == nil {
		f.pending--
	}
	if werr != nil {
		log.Warn("stream: update pending fraud", "err", werr)
	}
	return r, retry
}

func (f *streamFrauds) stats() StreamFraudStats {
	f.mu.Lock()
	pending := f.pending
	f.mu.Unlock()
	return StreamFraudStats{Caught: f.caught.Load(), Committee: f.committee.Load(), Evidence: f.evidence.Load(),
		Failed: f.failed.Load(), Dropped: f.dropped.Load(), Pending: pending, Backoff: f.backoff.Load()}
}
