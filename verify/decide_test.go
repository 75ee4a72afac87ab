package verify

import (
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
)

func votes(spec string) []Vote {
	out := make([]Vote, len(spec))
	for i, c := range spec {
		switch c {
		case 'v':
			out[i] = Vote{Signed: true, Valid: true}
		case 'x':
			out[i] = Vote{Signed: true}
		}
	}
	return out
}

// TestDecide: v = valid, x = invalid, . = silent or refused.
func TestDecide(t *testing.T) {
	tests := []struct {
		votes    string
		quorum   int
		accepted bool
		reason   string
	}{
		{"vvv", 2, true, ""},
		{"vv.", 2, true, ""},
		{"v..", 2, false, ReasonInconclusive}, // too few valid
		{"v", 3, true, ""},                    // committee smaller than the quorum: all of it
		{"xxv", 2, false, ReasonWrong},
		{"xx.vv", 3, false, ReasonInconclusive}, // tie
		{"vvvvxxx", 3, true, ""},                // always-approve minority cannot flip
		{"vvxxx..", 3, false, ReasonWrong},
		{"...", 2, false, ReasonInconclusive},
	}
	for _, tc := range tests {
		v := decide(votes(tc.votes), tc.quorum)
		if v.Accepted != tc.accepted || v.Reason != tc.reason {
			t.Errorf("%q q=%d: accepted %v %q, want %v %q", tc.votes, tc.quorum, v.Accepted, v.Reason, tc.accepted, tc.reason)
		}
	}
	if !settledAccept(votes("vvv..."), 0, 3) || settledAccept(votes("vv"), 2, 2) {
		t.Error("early close")
	}
}

func TestReputation(t *testing.T) {
	r := NewReputation()
	honest, liar, slow := peer.ID("a"), peer.ID("b"), peer.ID("c")
	for range 10 {
		r.Success(honest, 10*time.Millisecond)
	}
	r.Lie(liar)
	r.Timeout(slow)
	if !(r.Score(honest) > r.Score(slow) && r.Score(slow) > r.Score(liar)) {
		t.Fatalf("scores: honest %v slow %v liar %v", r.Score(honest), r.Score(slow), r.Score(liar))
	}
	if r.Score(liar) > -10 {
		t.Fatal("one proven lie must reach the market's exclusion threshold (-10)")
	}
	r.Lie(liar)
	r.Lie(liar)
	if s := r.AppScore(liar); s > -80 {
		t.Fatalf("three lies: app score %v, want graylisted (≤ -80)", s)
	}
	if got := r.Get(honest); got.Successes != 10 || got.Latency != 10*time.Millisecond {
		t.Fatalf("record %+v", got)
	}
}
