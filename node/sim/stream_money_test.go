package sim

import (
	"context"
	"math/big"
	"testing"
	"time"
)

// TestStreamAndBatchShareLedger: batch tasks and a streaming session (with
// a provider killed mid-stream) pay the same providers through one
// persistent voucher ledger; everything settles and balances on-chain, and
// the providers' earnings include the stream's requests.
func TestStreamAndBatchShareLedger(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	adv := &Adversary{Price: big.NewInt(1000)}
	rep, err := Run(ctx, Scenario{Nodes: 6, Tasks: 30, Seed: 5, Adversary: adv,
		Stream: StreamScenario{Sessions: 1, Requests: 200, Kills: 1}})
	if err != nil {
		t.Fatal(err)
	}
	cr, st := rep.ChainReport, rep.Stream
	if cr == nil || st == nil {
		t.Fatalf("chain report %v, stream report %v", cr, st)
	}
	if st.Answered != 200 || st.Duplicates != 0 || st.Lost != 0 {
		t.Fatalf("stream: %+v", *st)
	}
	if !cr.Money.Balanced {
		t.Fatalf("money not balanced: %+v", cr.Money)
	}
	batch := new(big.Int).Mul(big.NewInt(int64(rep.TasksDone)), adv.Price)
	earned, _ := new(big.Int).SetString(cr.Money.ProviderEarned, 10)
	if earned.Cmp(batch) <= 0 {
		t.Fatalf("providers earned %s, no more than the batch tasks' %s: stream requests unpaid", earned, batch)
	}
	t.Logf("providers earned %s wei (batch %s), balanced", earned, batch)
}
