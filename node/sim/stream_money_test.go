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

// TestStreamLiarSlashed is issue 7's "a provider that returns wrong
// outputs on sampled requests is caught and slashed", end to end on real
// nodes: every node staked on one simulated chain, one of the four stream
// providers lies on every answer (stream.Config.Tamper) and is cheapest, so
// the session starts with it. The session's sampled re-check catches a lie,
// the client node sends it to a committee of staked verifiers over
// /ogpu/verify/1, the committee's evidence goes to the client's settler,
// which slashes the liar: its on-chain stake drops. The honest providers
// are never slashed, the session still answers every request once, and
// money balances (the slash credit included).
func TestStreamLiarSlashed(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rep, err := Run(ctx, Scenario{Nodes: 6, Tasks: 10, Seed: 9, Adversary: &Adversary{},
		Stream: StreamScenario{Sessions: 1, Requests: 300, Liars: 1, SampleRate: 0.1}})
	if err != nil {
		t.Fatal(err)
	}
	cr, st := rep.ChainReport, rep.Stream
	if cr == nil || st == nil {
		t.Fatalf("chain report %v, stream report %v", cr, st)
	}
	t.Logf("stream: %d answered, %d failed, %d failovers; %d lies, %d caught, %d proven, slashed %d (honest %d); wrong %d (from liars %d); slash gas %d; money %+v",
		st.Answered, st.Failed, st.Failovers, st.Lies, st.Caught, st.Proven, st.Slashed, st.HonestSlashed, st.Wrong, st.WrongFromLiars, cr.SlashGas, cr.Money)
	if st.Answered != 300 || st.Duplicates != 0 || st.Lost != 0 || st.Failed != 0 {
		t.Fatalf("session: %d answered, %d duplicates, %d lost, %d failed of 300 (%v)", st.Answered, st.Duplicates, st.Lost, st.Failed, st.Errors)
	}
	if st.Lies == 0 || st.Caught == 0 {
		t.Fatalf("lies %d, caught %d: the liar was never used or never caught", st.Lies, st.Caught)
	}
	if st.Proven == 0 {
		t.Fatal("no caught lie was proven by a committee")
	}
	if st.Slashed != 1 || st.HonestSlashed != 0 || cr.HonestSlashed != 0 {
		t.Fatalf("slashed: %d of 1 stream liar, %d honest stream providers, %d honest in all", st.Slashed, st.HonestSlashed, cr.HonestSlashed)
	}
	if st.Wrong != st.WrongFromLiars {
		t.Fatalf("%d wrong outputs, only %d from the liar", st.Wrong, st.WrongFromLiars)
	}
	if !cr.Money.Balanced {
		t.Fatalf("money not balanced: %+v", cr.Money)
	}
}
