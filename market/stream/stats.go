package stream

import (
	"math/big"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
)

// Stats count what a session did.
type Stats struct {
	// Requests sent by the caller (Do and Send).
	Requests int64 `json:"requests"`
	// Answered requests (delivered to the caller with an output).
	Answered int64 `json:"answered"`
	// Failed requests (delivered with an error).
	Failed int64 `json:"failed"`
	// Duplicates are answers dropped because the request was already
	// answered or had moved to another provider; never delivered.
	Duplicates int64 `json:"duplicates_dropped"`
	// Failovers: providers dropped while serving the session.
	Failovers int64 `json:"failovers"`
	// Replayed requests (sent again after a failover or provider error).
	Replayed int64 `json:"replayed"`
	// Vouchers sent, and the value they added.
	Vouchers int64    `json:"vouchers"`
	Paid     *big.Int `json:"paid_wei"`
	// Sampled answers queued for checking, Checked, and Caught (wrong).
	Sampled int64 `json:"sampled"`
	Checked int64 `json:"checked"`
	Caught  int64 `json:"caught"`
	// Providers known now.
	Providers []ProviderInfo `json:"providers"`
}

// ProviderInfo is a session's view of one provider.
type ProviderInfo struct {
	Peer      peer.ID       `json:"peer"`
	Price     string        `json:"price"`
	Load      float64       `json:"load"`
	Latency   time.Duration `json:"latency_ns"`
	InUse     bool          `json:"in_use"`
	InFlight  int           `json:"in_flight"`
	Answered  int64         `json:"answered"`
	Failures  int           `json:"failures"`
	Banned    bool          `json:"banned"`
	Available bool          `json:"available"`
}

// Stats returns a snapshot of the session's counters.
func (ss *Session) Stats() Stats {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	st := ss.stats
	st.Paid = new(big.Int).Set(bigOr0(ss.stats.Paid))
	now := time.Now()
	usable := map[peer.ID]bool{}
	for _, p := range ss.usable(now) {
		usable[p.id] = true
	}
	for _, p := range ss.provs {
		pi := ProviderInfo{Peer: p.id, Price: p.price.String(), Load: p.load, Latency: p.latency(), Failures: p.fails, Banned: p.banned, Available: usable[p.id]}
		if c := ss.conns[p.id]; c != nil {
			pi.InUse, pi.InFlight, pi.Answered = c.ready, len(c.inflight), c.answered
		}
		st.Providers = append(st.Providers, pi)
	}
	return st
}

func (ss *Session) count(f func(*Stats)) {
	ss.mu.Lock()
	f(&ss.stats)
	ss.mu.Unlock()
}
