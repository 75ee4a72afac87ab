package sim

import (
	"context"
	"testing"
	"time"
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
