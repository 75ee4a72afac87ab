package sim

import (
	"context"
	"errors"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/node"
)

// checkByzantine asserts the issue-6 properties on a report.
func checkByzantine(t *testing.T, rep Report, wantLiars int) {
	t.Helper()
	cr := rep.ChainReport
	if cr == nil {
		t.Fatal("no chain report")
	}
	t.Logf("tasks %d done / %d failed / %d lost; lies %d injected, %d caught; slashed %d (liars %d/%d, honest %d); settlement %+v; money %+v; paid %d; slash gas %d",
		rep.TasksDone, rep.TasksFailed, rep.TasksLost, cr.LiesInjected, cr.LiesCaught, cr.ProvidersSlashed, cr.LiarsSlashed, len(cr.Liars),
		cr.HonestSlashed, cr.Settlement, cr.Money, cr.TasksPaid, cr.SlashGas)
	if rep.TasksDone != rep.TasksSubmitted {
		t.Errorf("%d of %d tasks done (%v)", rep.TasksDone, rep.TasksSubmitted, rep.Errors)
	}
	if len(cr.Liars) != wantLiars {
		t.Errorf("%d liars, want %d", len(cr.Liars), wantLiars)
	}
	if cr.LiesInjected == 0 || cr.LiesCaught != cr.LiesInjected {
		t.Errorf("lies: %d injected, %d caught", cr.LiesInjected, cr.LiesCaught)
	}
	if cr.LiarsSlashed != len(cr.Liars) || cr.HonestSlashed != 0 {
		t.Errorf("slashed: %d of %d liars, %d honest", cr.LiarsSlashed, len(cr.Liars), cr.HonestSlashed)
	}
	if cr.TasksPaid != rep.TasksDone {
		t.Errorf("%d tasks paid, %d done", cr.TasksPaid, rep.TasksDone)
	}
	if !cr.Money.Balanced {
		t.Errorf("money not balanced: %+v", cr.Money)
	}
}

// TestByzantineSmall is the always-on variant: 8 nodes, 80 tasks, 2
// liars among 7 providers.
func TestByzantineSmall(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rep, err := Run(ctx, Scenario{Nodes: 8, Clients: 1, Tasks: 80, Byzantine: 0.3, Mix: []string{"hashgrind", "matmul"}, InFlight: 8, Seed: 3, Adversary: &Adversary{}})
	if err != nil {
		t.Fatal(err)
	}
	checkByzantine(t, rep, 2)
}

// TestByzantine20 is the issue-6 must-show: 20 nodes, 500 tasks of
// deterministic workloads, 10 % lying providers (2 of the 19 that are not
// the client): every lie caught, every liar slashed on the chain, no honest
// provider slashed, every task paid, money balanced.
func TestByzantine20(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("-short or -race (≈ 3 min under the race detector): TestByzantineSmall covers the same path")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	rep, err := Run(ctx, Scenario{Nodes: 20, Clients: 1, Tasks: 500, Byzantine: 0.1, Mix: []string{"hashgrind", "matmul"}, InFlight: 16, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("elapsed %.2f s (%.1f tasks/s)", rep.ElapsedS, rep.ThroughputTasksPerS)
	checkByzantine(t, rep, 2)
}

// TestCreditLimit: a client that never pays (its vouchers never reach the
// providers) is served until every provider's credit limit
// is used up, then refused with the reason; a paying client is still served.
func TestCreditLimit(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	const nodes, seed, limit = 4, 7, 3000 // three tasks at the 1000-wei floor
	alloc := map[common.Address]*big.Int{}
	for i := range nodes {
		k, err := TestKey(seed, i)
		if err != nil {
			t.Fatal(err)
		}
		alloc[k.Address()] = big.NewInt(1e18)
	}
	ch, err := settle.NewSim(ctx, settle.SimConfig{Alloc: alloc})
	if err != nil {
		t.Fatal(err)
	}
	defer ch.Close()
	chains := make([]*settle.Client, nodes)
	for i := range nodes {
		k, _ := TestKey(seed, i)
		if chains[i], err = ch.Client(ctx, k); err != nil {
			t.Fatal(err)
		}
		if _, err := chains[i].Deposit(ctx, big.NewInt(1e15)); err != nil {
			t.Fatal(err)
		}
	}
	c, err := New(Config{Nodes: nodes, Seed: seed, Degree: nodes - 1,
		NodeConfig: func(i int) node.Config {
			nc := node.Simulation()
			if i == 0 {
				nc.Roles = []node.Role{node.RoleClient}
			}
			return nc
		},
		Options: func(i int) []node.Option {
			pc := market.PayConfig{CreditLimit: big.NewInt(limit)}
			if i == 0 {
				pc.Deliver = neverPay // the freeloader signs vouchers but never sends them
			}
			return []node.Option{node.WithChain(chains[i]), node.WithPayConfig(pc)}
		}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitMarket(ctx); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	submit := func(n *node.Node) error {
		p, in, err := TinyTask("hashgrind", rng)
		if err != nil {
			t.Fatal(err)
		}
		id, err := n.Submit(ctx, market.JobSpec{Workload: "hashgrind", Params: p, Inputs: in, MaxPrice: big.NewInt(1_000_000),
			Verification: "none", Timeout: 20 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		_, err = n.Wait(ctx, id)
		return err
	}
	served := 0
	var refusal error
	for served < 20 {
		if refusal = submit(c.Nodes[0]); refusal != nil {
			break
		}
		served++
	}
	// 3 providers × 3 unpaid tasks each; a provider may have bid on one
	// more before its last delivery was counted.
	if want := (nodes - 1) * limit / 1000; served < want || served > want+nodes-1 {
		t.Errorf("the freeloader was served %d tasks, want %d (+ up to %d in flight)", served, want, nodes-1)
	}
	var nb *market.NoBidError
	if !errors.As(refusal, &nb) || !strings.Contains(refusal.Error(), "credit limit") {
		t.Fatalf("refusal = %v, want a no-bid naming the credit limit", refusal)
	}
	t.Logf("freeloader served %d tasks, then: %v", served, refusal)
	freeloader := c.keys[0].Address()
	for i := 1; i < nodes; i++ {
		if u := c.Nodes[i].Market().Unpaid(freeloader); u.Cmp(big.NewInt(limit)) < 0 || u.Cmp(big.NewInt(limit+1000)) > 0 {
			t.Errorf("provider %d: freeloader owes %s, want %d (+ one task in flight)", i, u, limit)
		}
	}
	// A client that pays is still served by the same providers.
	if err := submit(c.Nodes[1]); err != nil {
		t.Fatalf("paying client refused: %v", err)
	}
}
