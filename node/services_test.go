package node_test

import (
	"context"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"testing"
	"time"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market/stream"
	"github.com/ogpu/ogpu/node"
	"github.com/ogpu/ogpu/node/sim"
)

func httpDelete(t *testing.T, url string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodDelete, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestServicesRemembered: services registered through POST /v1/services
// (one served, one on standby) are served again after the provider
// restarts; DELETE /v1/services/{id} stops one and forgets it, so the next
// restart brings back only the other; a library Serve is not remembered.
func TestServicesRemembered(t *testing.T) {
	if testing.Short() {
		t.Skip("restarts a node of a 2-node network")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dir := t.TempDir()
	c, err := sim.New(sim.Config{
		Nodes: 2,
		NodeConfig: func(i int) node.Config {
			cfg := node.Simulation()
			if i == 1 {
				cfg.API.Listen = "127.0.0.1:0"
				cfg.InMemory, cfg.DataDir = false, dir
			}
			return cfg
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	var models []string
	for seed := range uint64(3) {
		m, _ := exec.MLPModel([]int{8, 16, 4}, seed+1)
		id, err := c.Nodes[1].Content().AddBytes(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		models = append(models, id.String())
	}
	base := func() string { return "http://" + c.Nodes[1].APIAddr() }
	served := node.ServeRequest{Workload: "mlp", Model: models[0], Price: "3", Slots: 1}
	standby := node.ServeRequest{Workload: "mlp", Model: models[1], Price: "4", Auto: true, HoldS: 60, MinProviders: -1}
	ids := map[string]string{}
	for name, req := range map[string]node.ServeRequest{"served": served, "standby": standby} {
		code, body := postJSON(t, base()+"/v1/services", req)
		var info stream.ServingInfo
		if err := json.Unmarshal(body, &info); err != nil || code != http.StatusOK {
			t.Fatalf("POST %s: %d %s", name, code, body)
		}
		ids[name] = info.Service
	}
	// A library Serve: the caller owns it, it is not remembered.
	lib, _ := exec.MLPModel([]int{8, 16, 4}, 9)
	libCID, _ := c.Nodes[1].Content().AddBytes(ctx, lib)
	if _, err := c.Nodes[1].Serve(ctx, stream.ServiceSpec{Workload: "mlp", Model: libCID, Price: big.NewInt(1)}); err != nil {
		t.Fatal(err)
	}

	restart := func(want int) map[string]string {
		t.Helper()
		if err := c.Kill(1); err != nil {
			t.Fatal(err)
		}
		if err := c.Restart(ctx, 1); err != nil {
			t.Fatal(err)
		}
		var got map[string]string
		deadline := time.Now().Add(30 * time.Second)
		for {
			got = map[string]string{}
			for _, s := range services(t, base()) {
				got[s.Service] = s.State
			}
			if len(got) >= want || time.Now().After(deadline) {
				return got
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	got := restart(2)
	if len(got) != 2 || got[ids["served"]] != stream.StateServing || got[ids["standby"]] != stream.StateStandby {
		t.Fatalf("after a restart: %v, want %s serving and %s on standby", got, ids["served"], ids["standby"])
	}

	for _, tc := range []struct {
		name string
		id   string
		want int
	}{
		{"malformed", "no-cid", http.StatusBadRequest},
		{"not served", "mlp:" + models[2], http.StatusNotFound},
		{"served", ids["served"], http.StatusOK},
		{"again", ids["served"], http.StatusNotFound},
	} {
		if code, body := httpDelete(t, base()+"/v1/services/"+tc.id); code != tc.want {
			t.Errorf("DELETE %s: %d %s, want %d", tc.name, code, body, tc.want)
		}
	}
	for _, s := range services(t, base()) {
		if s.Service == ids["served"] {
			t.Fatalf("still listed after DELETE: %+v", s)
		}
	}
	got = restart(1)
	if len(got) != 1 || got[ids["standby"]] != stream.StateStandby {
		t.Fatalf("after DELETE and a restart: %v, want only %s on standby", got, ids["standby"])
	}
}
