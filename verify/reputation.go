package verify

import (
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
)

// maxReputation bounds the table so rotating peer IDs cannot grow it.
const maxReputation = 1 << 14

// App-score weights (p2p.Config.AppScore, gossipsub P5 with weight 1; see
// p2p/score.go for the thresholds: gossip −10, publish −50, graylist −80).
const (
	AppScorePerLie     = -30.0 // three proven lies graylist a peer
	AppScorePerTimeout = -2.0  // capped at AppScoreTimeoutCap
	AppScoreTimeoutCap = -20.0
	AppScorePerSuccess = 0.05 // capped at AppScoreSuccessCap
	AppScoreSuccessCap = 5.0
)

// Record is one peer's history as seen by this node.
type Record struct {
	Successes int           `json:"successes"` // results accepted by a committee (or unchecked)
	Lies      int           `json:"lies"`      // results a committee rejected
	Timeouts  int           `json:"timeouts"`  // awards lost to silence or late answers
	Latency   time.Duration `json:"latency"`   // moving average, award → delivery
	Attested  int           `json:"attested"`  // attestations given as a committee member
	Dissents  int           `json:"dissents"`  // attestations against the committee's verdict
}

// Reputation is the table of peers' records: a local opinion built from
// experience. It feeds auction tie breaks (Score) and gossipsub's
// application score (AppScore). It lives in memory; the node persists the
// records that changed (Changed) and restores them at start (Restore), so
// a restart does not forgive a liar. Safe for concurrent use; every method
// is fast and never blocks.
type Reputation struct {
	mu    sync.Mutex
	m     map[peer.ID]*Record
	dirty map[peer.ID]struct{}
}

// NewReputation returns an empty table.
func NewReputation() *Reputation {
	return &Reputation{m: map[peer.ID]*Record{}, dirty: map[peer.ID]struct{}{}}
}

// rec returns p's record for an update and marks it changed. Called with
// r.mu held.
func (r *Reputation) rec(p peer.ID) *Record {
	x, ok := r.m[p]
	if !ok {
		if len(r.m) >= maxReputation {
			return &Record{} // full: the update is dropped
		}
		x = &Record{}
		r.m[p] = x
	}
	r.dirty[p] = struct{}{}
	return x
}

// Changed returns copies of the records updated since the last call, for
// persisting; a caller that fails to persist them calls MarkChanged.
func (r *Reputation) Changed() map[peer.ID]Record {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.dirty) == 0 {
		return nil
	}
	out := make(map[peer.ID]Record, len(r.dirty))
	for p := range r.dirty {
		if x, ok := r.m[p]; ok {
			out[p] = *x
		}
	}
	clear(r.dirty)
	return out
}

// MarkChanged marks peers' records changed again (a failed save).
func (r *Reputation) MarkChanged(ps []peer.ID) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range ps {
		if _, ok := r.m[p]; ok {
			r.dirty[p] = struct{}{}
		}
	}
}

// Restore loads persisted records (at start, before use). Records already
// in the table are kept; the table's bound applies.
func (r *Reputation) Restore(recs map[peer.ID]Record) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for p, x := range recs {
		if _, ok := r.m[p]; ok || len(r.m) >= maxReputation {
			continue
		}
		x := x
		r.m[p] = &x
	}
}

// Success records an accepted result delivered after latency.
func (r *Reputation) Success(p peer.ID, latency time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	x := r.rec(p)
	x.Successes++
	if x.Latency == 0 {
		x.Latency = latency
	} else {
		x.Latency = (7*x.Latency + latency) / 8
	}
}

// Lie records a result a committee rejected.
func (r *Reputation) Lie(p peer.ID) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rec(p).Lies++
}

// Timeout records an award lost to silence or lateness.
func (r *Reputation) Timeout(p peer.ID) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rec(p).Timeouts++
}

// Attested records a member's attestation and whether it agreed with the
// committee's verdict.
func (r *Reputation) Attested(p peer.ID, agreed bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	x := r.rec(p)
	x.Attested++
	if !agreed {
		x.Dissents++
	}
}

// Get returns p's record.
func (r *Reputation) Get(p peer.ID) Record {
	r.mu.Lock()
	defer r.mu.Unlock()
	if x, ok := r.m[p]; ok {
		return *x
	}
	return Record{}
}

// Score ranks providers for auction tie breaks (higher is better): each
// lie costs 10, each timeout or dissent 1, successes add up to 1.
func (r *Reputation) Score(p peer.ID) float64 {
	x := r.Get(p)
	return min(float64(x.Successes)/100, 1) - 10*float64(x.Lies) - float64(x.Timeouts) - float64(x.Dissents)
}

// AppScore is the gossipsub application-specific score of p (see the
// AppScore* constants). Fast and non-blocking, as p2p.Config.AppScore
// requires.
func (r *Reputation) AppScore(p peer.ID) float64 {
	x := r.Get(p)
	return min(AppScorePerSuccess*float64(x.Successes), AppScoreSuccessCap) +
		max(AppScorePerTimeout*float64(x.Timeouts+x.Dissents), AppScoreTimeoutCap) +
		AppScorePerLie*float64(x.Lies)
}
