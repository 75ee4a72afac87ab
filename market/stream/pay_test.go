package stream_test

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/market/stream"
	"github.com/ogpu/ogpu/p2p/typed"
)

// refusing is a client that never pays.
type refusing struct{}

func (refusing) Owed(common.Address) *big.Int { return new(big.Int) }
func (refusing) Pay(common.Address, *big.Int) (typed.SignedVoucher, error) {
	return typed.SignedVoucher{}, errors.New("this client does not pay")
}

func TestCredit(t *testing.T) {
	// Price 10 wei, credit limit 100 wei: ten unpaid requests at most.
	spec := func(s *stream.ServiceSpec) { s.Window = 4; s.CreditLimit = big.NewInt(100) }
	tests := []struct {
		name     string
		ledger   stream.Ledger
		requests int
	}{
		{"paying client is served", nil, 100},
		{"unpaid client is stopped at the limit", refusing{}, 30},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t, clusterOpts{n: 2, config: func(i int, cfg *stream.Config) {
				if i == 0 && tc.ledger != nil {
					cfg.Ledger = tc.ledger
				}
			}})
			svc := c.serve(10, spec, 1)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			ss, err := c.members[0].st.Open(ctx, svc.ID(), stream.SessionOptions{SampleRate: -1, RetryAfter: time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			defer ss.Close()
			for i := range tc.requests {
				if _, err := ss.Send(ctx, input(t, 1, uint64(i))); err != nil {
					t.Fatal(err)
				}
			}
			client := c.members[0].key.Address()
			provider := c.members[1].st
			if tc.ledger == nil {
				for range tc.requests {
					if r := <-ss.Results(); r.Err != nil {
						t.Fatal(r.Err)
					}
				}
				ss.Close() // pays the rest
				waitFor(t, 5*time.Second, "the last voucher", func() bool {
					v, ok := provider.Vouchers()[client]
					return ok && v.CumulativeAmount.Cmp(big.NewInt(10*int64(tc.requests))) == 0
				})
				if st := ss.Stats(); st.Failovers != 0 || st.Vouchers < int64(tc.requests)/3 {
					t.Fatalf("stats %+v", st)
				}
				return
			}
			waitFor(t, 10*time.Second, "the provider to stop the session", func() bool { return ss.Stats().Failovers >= 1 })
			if st := ss.Stats(); st.Answered != 10 {
				t.Fatalf("unpaid client got %d answers, want 10 (credit limit / price)", st.Answered)
			}
			if _, ok := provider.Vouchers()[client]; ok {
				t.Fatal("provider holds a voucher from a client that never paid")
			}
		})
	}
}
