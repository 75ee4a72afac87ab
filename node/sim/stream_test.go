package sim

import (
	"context"
	"testing"
	"time"
)

// TestStreamKill is the streaming must-show in the simulator: 1,000
// requests over a session while 2 of the 4 serving providers are killed
// mid-stream.
func TestStreamKill(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := New(Config{Nodes: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err := c.RunStreams(ctx, StreamScenario{Sessions: 1, Requests: 1000, Providers: 4, Kills: 2, Layers: []int{16, 32, 8}})
	t.Logf("%+v", rep)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Answered != 1000 || rep.Duplicates != 0 || rep.Lost != 0 || rep.Failed != 0 || rep.Wrong != 0 {
		t.Fatalf("answered %d, duplicates %d, lost %d, failed %d, wrong %d", rep.Answered, rep.Duplicates, rep.Lost, rep.Failed, rep.Wrong)
	}
	if rep.Killed != 2 || rep.Failovers < 2 {
		t.Fatalf("killed %d, failovers %d: failover not exercised", rep.Killed, rep.Failovers)
	}
}
