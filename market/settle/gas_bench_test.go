package settle

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
)

// BenchmarkSettle reports the gas of settle batches and of a 5-of-7 slash
// under the mainnet fork schedule (Osaka) and, for comparison, under geth's
// default simulated config with draft forks (EIP-8037/8038).
//
//	go test ./market/settle -run '^$' -bench Settle -benchtime 3x
//
// Metrics: gas/voucher = batch gas / n; gas/extra = (gas(n) − gas(1)) / (n−1);
// "client" batches are n vouchers of one client to n payees (what a client
// or an aggregator submits), "payee" batches are n clients paying one payee
// (what a provider's settler submits). Pairs already exist (steady state);
// gas/voucher-new is the first settlement of new pairs.
func BenchmarkSettle(b *testing.B) {
	for _, draft := range []bool{false, true} {
		sched := "mainnet"
		if draft {
			sched = "draft"
		}
		for _, shape := range []string{"client", "payee"} {
			for _, n := range []int{1, 10, 50, 200} {
				b.Run(fmt.Sprintf("%s/%s/n=%d", sched, shape, n), func(b *testing.B) { benchSettle(b, draft, shape, n) })
			}
		}
		b.Run(sched+"/slash-5-of-7", func(b *testing.B) { benchSlash(b, draft) })
	}
}

func benchEnv(b *testing.B, draft bool, keys int, p Params) *env {
	e := newEnv(b, 0, &p)
	if draft {
		sim, err := NewSim(e.ctx, SimConfig{DraftForks: true, Params: &p})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { sim.Close() })
		e.sim = sim
	}
	for i := range keys {
		raw := make([]byte, 32)
		raw[0], raw[30], raw[31] = 0x66, byte(i>>8), byte(i+1)
		k := e.key(identity.FromBytes(raw))
		if err := e.sim.Fund(e.ctx, k.Address(), ether(100)); err != nil {
			b.Fatal(err)
		}
		e.keys = append(e.keys, k)
		e.cl = append(e.cl, e.client(e.sim.Client(e.ctx, k)))
	}
	return e
}

func benchSettle(b *testing.B, draft bool, shape string, n int) {
	// keys[0] submits; client shape: keys[1] pays n fresh addresses;
	// payee shape: keys[1..n] pay keys[0].
	nkeys := 2
	if shape == "payee" {
		nkeys = n + 1
	}
	e := benchEnv(b, draft, nkeys, TestParams())
	d := e.cl[0].Domain()
	type pair struct {
		client int
		payee  common.Address
	}
	var pairs []pair
	for i := range n {
		if shape == "client" {
			pairs = append(pairs, pair{1, common.BigToAddress(big.NewInt(int64(0x1000 + i)))})
		} else {
			pairs = append(pairs, pair{1 + i, e.keys[0].Address()})
		}
	}
	for i := 1; i < nkeys; i++ {
		e.tx(e.cl[i].Deposit(e.ctx, ether(50)))
	}
	round := int64(0)
	settle := func(ps []pair) uint64 {
		round++
		var vs []typed.SignedVoucher
		for _, p := range ps {
			vs = append(vs, voucher(b, d, e.keys[p.client], p.payee, gwei(1000*round)))
		}
		tx, err := e.cl[0].Settle(e.ctx, vs, common.Hash{1})
		if err != nil && draft {
			b.Skipf("draft forks: %v", err) // 200 new pairs exceed the 16.7M per-tx cap
		}
		return e.tx(tx, err).GasUsed
	}
	first := settle(pairs) // creates the pairs
	one := settle(pairs[:1])
	var gas uint64
	b.ResetTimer()
	for range b.N {
		gas = settle(pairs)
	}
	b.ReportMetric(float64(gas), "gas/batch")
	b.ReportMetric(float64(gas)/float64(n), "gas/voucher")
	b.ReportMetric(float64(first)/float64(n), "gas/voucher-new")
	if n > 1 {
		b.ReportMetric(float64(gas-one)/float64(n-1), "gas/extra")
	}
}

func benchSlash(b *testing.B, draft bool) {
	p := TestParams()
	p.Quorum, p.CommitteeSize = 5, 7
	e := benchEnv(b, draft, 2+14, p)
	s := &slashEnv{env: e, client: e.keys[0], provider: e.keys[1], verifiers: e.keys[2:]}
	e.tx(e.cl[0].Deposit(e.ctx, ether(10)))
	for i := 1; i < len(e.keys); i++ {
		e.tx(e.cl[i].Stake(e.ctx, ether(10)))
	}
	var gas uint64
	b.ResetTimer()
	for i := range b.N {
		c, sig, el := s.commitment(5, byte(i))
		tx := e.tx(e.cl[2].Slash(e.ctx, Evidence{c, sig, s.attest(c, false, el[:5]...)}))
		gas = tx.GasUsed
	}
	b.ReportMetric(float64(gas), "gas/slash")
}
