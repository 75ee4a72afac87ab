package verify

import (
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
)

func TestReputationChanged(t *testing.T) {
	r := NewReputation()
	a, b := peer.ID("a"), peer.ID("b")
	if got := r.Changed(); got != nil {
		t.Fatalf("fresh table changed: %v", got)
	}
	r.Lie(a)
	r.Success(b, time.Millisecond)
	got := r.Changed()
	if len(got) != 2 || got[a].Lies != 1 || got[b].Successes != 1 {
		t.Fatalf("Changed = %+v, want a with 1 lie and b with 1 success", got)
	}
	if again := r.Changed(); again != nil {
		t.Fatalf("Changed twice: %v", again)
	}
	r.MarkChanged([]peer.ID{a, "unknown"}) // a failed save hands a back
	if got := r.Changed(); len(got) != 1 || got[a].Lies != 1 {
		t.Fatalf("after MarkChanged: %+v, want only a", got)
	}

	// Restore fills a fresh table without marking it changed and keeps
	// what the table already learned.
	r2 := NewReputation()
	r2.Timeout(b)
	r2.Changed()
	r2.Restore(map[peer.ID]Record{a: {Lies: 3}, b: {Successes: 9}})
	if got := r2.Get(a); got.Lies != 3 {
		t.Errorf("restored a = %+v", got)
	}
	if got := r2.Get(b); got.Timeouts != 1 || got.Successes != 0 {
		t.Errorf("b = %+v, want the live record kept", got)
	}
	if got := r2.Changed(); got != nil {
		t.Errorf("Restore marked records changed: %v", got)
	}
}
