package market

import (
	"sort"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/p2p/wire"
)

// bidIn is one answer to an announce as the client received it.
type bidIn struct {
	from  peer.ID
	at    time.Time
	bid   *wire.Bid   // set for a bid
	nobid *wire.NoBid // set for a refusal
}

// offer is a ranked bid.
type offer struct {
	bid     *wire.Bid
	from    peer.ID
	latency time.Duration // announce → bid
	rep     float64
}

// auction collects one round's answers.
type auction struct {
	round    int
	start    time.Time
	offers   []offer
	answered map[peer.ID]bool
	reasons  map[string]string
	busy     bool // some provider said busy: worth another round
}

func newAuction(round int, start time.Time) *auction {
	return &auction{round: round, start: start, answered: map[peer.ID]bool{}, reasons: map[string]string{}}
}

// add records an answer; duplicates from the same peer are ignored.
func (a *auction) add(in bidIn, excluded func(peer.ID) bool, rep func(peer.ID) float64) {
	if a.answered[in.from] {
		return
	}
	switch {
	case in.bid != nil:
		if int(in.bid.Round) != a.round || excluded(in.from) {
			return
		}
		a.answered[in.from] = true
		a.offers = append(a.offers, offer{bid: in.bid, from: in.from, latency: in.at.Sub(a.start), rep: rep(in.from)})
	case in.nobid != nil:
		if int(in.nobid.Round) != a.round {
			return
		}
		a.answered[in.from] = true
		a.reasons[in.from.String()] = in.nobid.Reason
		if in.nobid.Code.Transient() {
			a.busy = true
		}
	}
}

// enough reports whether the window may close early: every expected
// provider has answered with at least one bid in, or twice enough bids
// are in.
func (a *auction) enough(want int, expected []peer.ID) bool {
	if len(a.offers) >= 2*want {
		return true
	}
	if len(a.offers) == 0 {
		return false
	}
	return a.allAnswered(expected)
}

// satisfied reports whether enough bids are in to stop waiting for
// stragglers.
func (a *auction) satisfied(want int) bool { return len(a.offers) >= want }

func (a *auction) allAnswered(expected []peer.ID) bool {
	if len(expected) == 0 {
		return false
	}
	for _, p := range expected {
		if !a.answered[p] {
			return false
		}
	}
	return true
}

// hopeless reports a round in which every expected provider refused for a
// reason that will not go away: the task fails fast.
func (a *auction) hopeless(expected []peer.ID) bool {
	return len(a.offers) == 0 && !a.busy && len(a.reasons) > 0 && a.allAnswered(expected)
}

// ranked returns the offers best first: lowest price, then higher
// reputation, then lower latency.
func (a *auction) ranked() []offer {
	out := append([]offer(nil), a.offers...)
	sort.SliceStable(out, func(i, j int) bool {
		pi, _ := wire.ParseWei(out[i].bid.Price)
		pj, _ := wire.ParseWei(out[j].bid.Price)
		if c := pi.Cmp(pj); c != 0 {
			return c < 0
		}
		if out[i].rep != out[j].rep {
			return out[i].rep > out[j].rep
		}
		return out[i].latency < out[j].latency
	})
	return out
}
