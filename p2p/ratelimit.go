package p2p

import (
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
)

// Rate is a token bucket: PerSecond tokens refill each second up to Burst.
// The zero Rate is unlimited.
type Rate struct {
	PerSecond float64
	Burst     int
}

// maxBuckets bounds the per-peer table; full (idle) buckets are dropped
// when it is reached, so an attacker rotating peer IDs cannot grow memory.
const maxBuckets = 4096

type bucket struct {
	tokens float64
	last   time.Time
}

// limiter keeps one token bucket per peer. Safe for concurrent use; no
// goroutines (idle buckets are pruned on insert).
type limiter struct {
	rate Rate
	mu   sync.Mutex
	m    map[peer.ID]*bucket
}

func newLimiter(r Rate) *limiter {
	if r.PerSecond <= 0 {
		return nil
	}
	if r.Burst < 1 {
		r.Burst = 1
	}
	return &limiter{rate: r, m: make(map[peer.ID]*bucket)}
}

// allow takes one token from p's bucket. A nil limiter allows everything.
func (l *limiter) allow(p peer.ID, now time.Time) bool {
	if l == nil {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.m[p]
	if !ok {
		if len(l.m) >= maxBuckets {
			l.prune(now)
		}
		b = &bucket{tokens: float64(l.rate.Burst), last: now}
		l.m[p] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = min(float64(l.rate.Burst), b.tokens+el*l.rate.PerSecond)
		b.last = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// prune drops buckets that have refilled completely; if none has, it drops
// half of the table (any bucket it drops restarts full, which only favours
// that peer briefly).
func (l *limiter) prune(now time.Time) {
	full := time.Duration(float64(l.rate.Burst) / l.rate.PerSecond * float64(time.Second))
	for p, b := range l.m {
		if now.Sub(b.last) >= full {
			delete(l.m, p)
		}
	}
	if len(l.m) < maxBuckets {
		return
	}
	n := 0
	for p := range l.m {
		delete(l.m, p)
		if n++; n >= maxBuckets/2 {
			return
		}
	}
}
