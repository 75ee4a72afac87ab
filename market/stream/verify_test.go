package stream_test

import (
	"context"
	"encoding/binary"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/market/stream"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
)

func ether(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e18)) }

// lie adds 1 to every output element: far outside the mlp tolerance.
func lie(out []byte) []byte {
	b := append([]byte(nil), out...)
	for i := exec.HeaderSize(2); i+4 <= len(b); i += 4 {
		v := math.Float32frombits(binary.LittleEndian.Uint32(b[i:]))
		binary.LittleEndian.PutUint32(b[i:], math.Float32bits(v+1))
	}
	return b
}

// TestLiarCaughtAndSlashed: a provider that returns wrong outputs is
// caught on a sampled request, dropped from the session (the rest is
// answered by an honest provider, never flagged), and its signed
// commitment plus two verifiers' "invalid" attestations slash it on the
// Settlement contract (simulated chain, quorum 2).
func TestLiarCaughtAndSlashed(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// Chain accounts: verifiers staked so that each is always eligible
	// (stake·k ≥ total stake with k = 3).
	verifiers := []*identity.Key{mustKey(t), mustKey(t)}
	var frauds = make(chan stream.Fraud, 16)
	var sim *settle.Sim
	var chainClient *settle.Client
	var liarKey *identity.Key
	c := newCluster(t, clusterOpts{n: 3, config: func(i int, cfg *stream.Config) {
		if sim == nil {
			var err error
			alloc := map[common.Address]*big.Int{}
			for _, v := range verifiers {
				alloc[v.Address()] = ether(100)
			}
			if sim, err = settle.NewSim(ctx, settle.SimConfig{Alloc: alloc}); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { sim.Close() })
		}
		cl, err := sim.Client(ctx, cfg.Key)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Domain = cl.Domain()
		cfg.Head = func(ctx context.Context) (uint64, common.Hash, error) {
			b, err := cl.Head(ctx)
			return b.Number, b.Hash, err
		}
		switch i {
		case 0: // the client
			cfg.OnFraud = func(f stream.Fraud) { frauds <- f }
			chainClient = cl
		case 1: // the liar
			cfg.Tamper = lie
			liarKey = cfg.Key
		}
	}})
	fund := func(k *identity.Key) *settle.Client {
		if err := sim.Fund(ctx, k.Address(), ether(100)); err != nil {
			t.Fatal(err)
		}
		cl, err := sim.Client(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		return cl
	}
	waitTx := func(tx *settle.Tx, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	liar := fund(liarKey)
	waitTx(liar.Stake(ctx, ether(1)))
	var vcl []*settle.Client
	for _, v := range verifiers {
		cl, err := sim.Client(ctx, v)
		if err != nil {
			t.Fatal(err)
		}
		waitTx(cl.Stake(ctx, ether(10)))
		vcl = append(vcl, cl)
	}
	waitTx(fund(c.members[0].key).Deposit(ctx, ether(1)))

	c.serve(1, nil, 1) // the liar is cheapest: the session starts with it
	svc := c.serve(5, nil, 2)
	ss, err := c.members[0].st.Open(ctx, svc.ID(), stream.SessionOptions{SampleRate: 0.25, MaxProviders: 1, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	waitFor(t, 10*time.Second, "both providers", func() bool { return len(ss.Stats().Providers) == 2 })

	var fraud stream.Fraud
	caught := false
	for i := 0; i < 400 && !caught; i++ {
		if _, err := ss.Do(ctx, input(t, 1, uint64(i))); err != nil {
			t.Fatal(err)
		}
		select {
		case fraud = <-frauds:
			caught = true
		default:
		}
	}
	if !caught {
		select {
		case fraud = <-frauds:
		case <-time.After(5 * time.Second):
			t.Fatalf("liar not caught; stats %+v", ss.Stats())
		}
	}
	if fraud.Provider != liarKey.PeerID() {
		t.Fatalf("caught %s, the liar is %s", fraud.Provider, liarKey.PeerID())
	}
	// The session moved to the honest provider; its answers are right and
	// it is never flagged.
	for i := range 40 {
		in := input(t, 2, uint64(1000+i))
		out, err := ss.Do(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.matches(in, out); err != nil {
			t.Fatalf("after the catch: %v", err)
		}
	}
	waitFor(t, 5*time.Second, "sampled checks", func() bool { return ss.Stats().Checked >= 5 })
	// Samples of the liar queued before the catch may be caught too; the
	// honest provider never is.
	for len(frauds) > 0 {
		if f := <-frauds; f.Provider != liarKey.PeerID() {
			t.Fatalf("honest provider %s flagged: %s", f.Provider, f.Detail)
		}
	}

	// Committee: each verifier re-runs the sample itself and attests.
	cpu := exec.NewCPU(exec.CPUConfig{Workers: 1})
	defer cpu.Close()
	var atts []typed.SignedAttestation
	for _, v := range verifiers {
		a, err := stream.Attest(ctx, cpu, exec.DefaultRegistry(), c.blob, fraud.Sample, v, chainClient.Domain())
		if err != nil {
			t.Fatal(err)
		}
		if a.Valid {
			t.Fatal("verifier found the lie valid")
		}
		atts = append(atts, a)
	}
	ev := fraud.Evidence(atts)
	if err := ev.Check(chainClient.Domain()); err != nil {
		t.Fatal(err)
	}
	before, err := chainClient.StakeOf(ctx, liarKey.Address())
	if err != nil {
		t.Fatal(err)
	}
	sim.Mine() // calls run on the head block; the award block must be older
	waitTx(vcl[0].Slash(ctx, ev))
	after, err := chainClient.StakeOf(ctx, liarKey.Address())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("liar stake %s → %s wei", before.Stake, after.Stake)
	if after.Stake.Cmp(before.Stake) >= 0 {
		t.Fatalf("liar not slashed: stake %s → %s", before.Stake, after.Stake)
	}
}

func mustKey(t testing.TB) *identity.Key {
	t.Helper()
	k, err := identity.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return k
}
