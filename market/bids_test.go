package market

import (
	"testing"
	"time"
)

func TestBidBook(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	tid := func(b byte) TaskID { var id TaskID; id[0] = b; return id }
	b := newBidBook()
	b.sent(tid(1), t0)
	b.sent(tid(2), t0)
	b.sent(tid(3), t0.Add(BidExpiry/2))
	b.won(tid(2))
	b.sent(tid(1), t0.Add(BidExpiry/4)) // a re-announce round: the newest bid counts

	steps := []struct {
		at   time.Duration
		lost []TaskID
	}{
		{BidExpiry - time.Millisecond, nil},
		{BidExpiry + BidExpiry/4, []TaskID{tid(1)}},
		{2 * BidExpiry, []TaskID{tid(3)}},
		{3 * BidExpiry, nil}, // nothing twice; the won bid never
	}
	for _, st := range steps {
		got := b.expire(t0.Add(st.at))
		if len(got) != len(st.lost) || (len(got) == 1 && got[0] != st.lost[0]) {
			t.Errorf("expire at +%v = %v, want %v", st.at, got, st.lost)
		}
	}
	for i := range maxOpenBids {
		var id TaskID
		id[0], id[1], id[2] = 9, byte(i>>8), byte(i)
		if !b.sent(id, t0) {
			t.Fatalf("book full after %d bids, want %d", i, maxOpenBids)
		}
	}
	if b.sent(tid(200), t0) {
		t.Error("a full book tracked one more bid")
	}
}
