package sim

import (
	"context"
	"testing"
	"time"
)

// TestChurn: a fifth of the providers are killed and restarted while 150
// tasks run; none is lost, every result matches the CPU reference.
func TestChurn(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rep, err := Run(ctx, Scenario{Nodes: 8, Clients: 2, Tasks: 150, Churn: 0.34, Check: true, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Churned != 2 {
		t.Fatalf("churned %d providers, want 2", rep.Churned)
	}
	if rep.TasksLost != 0 || rep.TasksDone != 150 || rep.ResultsWrong != 0 {
		t.Fatalf("done %d, failed %d, lost %d, wrong %d; errors %v", rep.TasksDone, rep.TasksFailed, rep.TasksLost, rep.ResultsWrong, rep.Errors)
	}
	if len(rep.Timeline) == 0 || rep.Timeline[len(rep.Timeline)-1].Done != 150 || rep.RSSBytes == 0 || rep.WallSeconds <= 0 {
		t.Fatalf("timeline %v, rss %d, wall %v", rep.Timeline, rep.RSSBytes, rep.WallSeconds)
	}
	t.Logf("reassigned %d, p50 %.1f ms", rep.Reassigned, rep.Latency.P50)
}
