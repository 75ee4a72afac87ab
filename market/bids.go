package market

import (
	"sync"
	"time"
)

// BidExpiry is how long a provider waits for the award of a task it bid
// on before it counts the bid as lost. Clients award within their bid
// window (150 ms, doubled per round) or hand the task to a standby bidder
// when the winner fails, well inside this.
const BidExpiry = 30 * time.Second

// maxOpenBids bounds the bid book: a provider that bids on more tasks than
// this within BidExpiry stops tracking the newest (they are neither won nor
// lost in the counts).
const maxOpenBids = 1 << 16

// bidBook tracks a provider's open bids: sent, then won when the task's
// award is accepted, or lost when BidExpiry passes without one.
type bidBook struct {
	mu   sync.Mutex
	open map[TaskID]time.Time // task → when the last bid on it was sent
}

func newBidBook() *bidBook { return &bidBook{open: map[TaskID]time.Time{}} }

// sent records a bid; false when the book is full and the bid untracked.
func (b *bidBook) sent(tid TaskID, now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.open[tid]; !ok && len(b.open) >= maxOpenBids {
		return false
	}
	b.open[tid] = now
	return true
}

// won closes the bid on tid (its award was accepted).
func (b *bidBook) won(tid TaskID) {
	b.mu.Lock()
	delete(b.open, tid)
	b.mu.Unlock()
}

// expire closes and returns the bids sent before now-BidExpiry: lost.
func (b *bidBook) expire(now time.Time) []TaskID {
	b.mu.Lock()
	defer b.mu.Unlock()
	var lost []TaskID
	for tid, at := range b.open {
		if now.Sub(at) >= BidExpiry {
			lost = append(lost, tid)
			delete(b.open, tid)
		}
	}
	return lost
}

// expireLoop reports lost bids until done is closed. Owned by the market.
func (p *provider) expireLoop(done <-chan struct{}) {
	t := time.NewTicker(BidExpiry / 10)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			for _, tid := range p.bids.expire(p.m.cfg.Now()) {
				p.m.emit(Event{Kind: EventBidLost, Task: tid})
			}
		}
	}
}
