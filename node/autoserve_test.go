package node_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market/stream"
	"github.com/ogpu/ogpu/node"
	"github.com/ogpu/ogpu/node/sim"
)

// busyRunner is a real runner whose device is busy d per request.
type busyRunner struct {
	r stream.Runner
	d time.Duration
}

func (b busyRunner) Run(ctx context.Context, t exec.Task) (exec.Result, error) {
	res, err := b.r.Run(ctx, t)
	select {
	case <-time.After(b.d):
	case <-ctx.Done():
	}
	return res, err
}

func postJSON(t *testing.T, url string, body any) (int, []byte) {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

func services(t *testing.T, base string) []stream.ServingInfo {
	t.Helper()
	var out []stream.ServingInfo
	if err := json.Unmarshal(httpGet(t, base+"/v1/services"), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestServeAuto: POST /v1/services with "auto" puts a service on standby
// on node 2 (GET /v1/services says "standby"); node 1 serves it with one
// slot; a session from node 0 saturates node 1, so node 2 joins ("serving")
// and answers requests; the load stops and node 2 leaves ("standby").
func TestServeAuto(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a 3-node network")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	c, err := sim.New(sim.Config{
		Nodes: 3,
		NodeConfig: func(int) node.Config {
			cfg := node.Simulation()
			cfg.API.Listen = "127.0.0.1:0"
			return cfg
		},
		Options: func(int) []node.Option {
			return []node.Option{node.WithStreamConfig(func(sc *stream.Config) {
				sc.Heartbeat = 200 * time.Millisecond
				if sc.Runner != nil {
					sc.Runner = busyRunner{r: sc.Runner, d: 2 * time.Millisecond}
				}
			})}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	layers := []int{16, 32, 8}
	model, _ := exec.MLPModel(layers, 1)
	modelCID, err := c.Nodes[1].Content().AddBytes(ctx, model)
	if err != nil {
		t.Fatal(err)
	}
	sv, err := c.Nodes[1].Serve(ctx, stream.ServiceSpec{Workload: "mlp", Model: modelCID, Price: big.NewInt(1), Slots: 1, Window: 16})
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + c.Nodes[2].APIAddr()
	for _, tc := range []struct {
		name string
		req  node.ServeRequest
		want string
	}{
		{"policy without auto", node.ServeRequest{Workload: "mlp", Model: modelCID.String(), Price: "1", JoinLoad: 0.5}, "need"},
		{"leave over join", node.ServeRequest{Workload: "mlp", Model: modelCID.String(), Price: "1", Auto: true, JoinLoad: 0.5, LeaveLoad: 0.5}, "bad demand policy"},
		{"negative hold", node.ServeRequest{Workload: "mlp", Model: modelCID.String(), Price: "1", Auto: true, HoldS: -1}, "hold_s"},
	} {
		if code, body := postJSON(t, base+"/v1/services", tc.req); code != http.StatusBadRequest || !strings.Contains(string(body), tc.want) {
			t.Errorf("%s: %d %s, want 400 with %q", tc.name, code, body, tc.want)
		}
	}
	code, body := postJSON(t, base+"/v1/services", node.ServeRequest{
		Workload: "mlp", Model: modelCID.String(), Price: "1", Slots: 1, Window: 16, Auto: true, HoldS: 0.5,
	})
	var info stream.ServingInfo
	if err := json.Unmarshal(body, &info); err != nil || code != http.StatusOK {
		t.Fatalf("POST auto: %d %s", code, body)
	}
	if info.State != stream.StateStandby || info.Auto == nil || info.Auto.JoinLoad != 0.75 || info.Auto.HoldS != 0.5 {
		t.Fatalf("POST auto answered %+v", info)
	}
	state := func() string {
		for _, s := range services(t, base) {
			if s.Service == sv.Service().ID() {
				return s.State
			}
		}
		return "missing"
	}
	if got := state(); got != stream.StateStandby {
		t.Fatalf("GET /v1/services: state %q", got)
	}

	ss, err := c.Nodes[0].OpenStream(ctx, sv.Service().ID(), stream.SessionOptions{MaxProviders: 2, MaxPending: 64, SampleRate: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	x, _ := exec.F32Blob([]int{1, 16}, make([]float32, 16))
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	sent := make(chan int, 1)
	go func() {
		n := 0
		defer func() { sent <- n }()
		for {
			if _, err := ss.Send(sctx, x); err != nil {
				return
			}
			n++
		}
	}()
	answered, by2 := 0, 0
	id2 := c.Nodes[2].ID()
	recv := func(until func() bool, what string) {
		t.Helper()
		deadline := time.After(30 * time.Second)
		for !until() {
			select {
			case r := <-ss.Results():
				if r.Err != nil {
					t.Fatalf("request %d: %v", r.Seq, r.Err)
				}
				answered++
				if r.Provider == id2 {
					by2++
				}
			case <-deadline:
				t.Fatalf("timed out waiting for %s (answered %d)", what, answered)
			}
		}
	}
	t0 := time.Now()
	recv(func() bool { return by2 >= 20 && state() == stream.StateServing }, "node 2 to join and answer")
	t.Logf("joined after %s", time.Since(t0))
	stop()
	n := <-sent
	recv(func() bool { return answered == n }, "every request answered")
	deadline := time.Now().Add(30 * time.Second)
	for state() != stream.StateStandby {
		if time.Now().After(deadline) {
			t.Fatalf("node 2 did not leave: %+v", services(t, base))
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("left after %s", time.Since(t0))
	st := ss.Stats()
	t.Logf("sent %d, answered %d (%d by the standby), duplicates dropped %d", n, answered, by2, st.Duplicates)
	if st.Answered != int64(n) || st.Failed != 0 {
		t.Fatalf("stats %+v", st)
	}
}
