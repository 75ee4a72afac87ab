package node_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/node"
	"github.com/ogpu/ogpu/node/sim"
)

// apiCluster is a 3-node simulated network whose nodes serve the API on
// loopback, and in which node 0 ran a 2-shard job to the end.
type apiCluster struct {
	*sim.Cluster
	base []string // http://127.0.0.1:PORT of each node
	job  market.JobID
}

func startAPICluster(t *testing.T) *apiCluster {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := sim.New(sim.Config{Nodes: 3, NodeConfig: func(int) node.Config {
		cfg := node.Simulation()
		cfg.API.Listen = "127.0.0.1:0"
		return cfg
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitMarket(ctx); err != nil {
		t.Fatal(err)
	}
	ac := &apiCluster{Cluster: c}
	for _, n := range c.Nodes {
		ac.base = append(ac.base, "http://"+n.APIAddr())
	}
	ac.job, err = c.Nodes[0].Submit(ctx, market.JobSpec{
		Workload: "hashgrind", Params: map[string]string{"end": "4096", "difficulty": "4"},
		MaxPrice: big.NewInt(5000), Shards: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Nodes[0].Wait(ctx, ac.job); err != nil {
		t.Fatal(err)
	}
	return ac
}

func httpGet(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v\n%s", url, resp.StatusCode, err, b)
	}
	return b
}

// scrape reads a Prometheus text exposition into series → value.
func scrape(t *testing.T, url string) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(string(httpGet(t, url))))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("bad exposition line %q", line)
		}
		out[line[:i]] = v
	}
	return out
}

func TestMetrics(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a 3-node network")
	}
	c := startAPICluster(t)
	client := scrape(t, c.base[0]+"/metrics")
	id := c.Nodes[0].ID().String()
	checks := []struct {
		series string
		ok     func(float64) bool
		want   string
	}{
		{`ogpu_node_info{address="` + c.Nodes[0].Key().Address().Hex() + `",peer_id="` + id + `"}`, eq(1), "1"},
		{`ogpu_tasks{state="accepted"}`, eq(2), "2 (both shards)"},
		{`ogpu_tasks{state="failed"}`, eq(0), "0"},
		{`ogpu_jobs{state="done"}`, eq(1), "1"},
		{`ogpu_auction_awards_total`, ge(2), "≥ 2"},
		{`ogpu_auction_bids_received_total`, ge(2), "≥ 2"},
		{`ogpu_capacity_table_size`, ge(2), "≥ 2 (the other nodes)"},
		{`ogpu_peers`, ge(1), "≥ 1"},
		{`ogpu_spent_wei`, ge(1), "> 0 (two awarded prices)"},
		{`ogpu_chain_configured`, eq(0), "0 (no chain in this sim)"},
		{`ogpu_provider_tasks_running`, eq(0), "0"},
		{`ogpu_stream_frauds_total{outcome="caught"}`, eq(0), "0 (no sessions)"},
		{`ogpu_stream_frauds_total{outcome="evidence"}`, eq(0), "0"},
	}
	for _, ck := range checks {
		v, ok := client[ck.series]
		if !ok || !ck.ok(v) {
			t.Errorf("%s = %v (present %v), want %s", ck.series, v, ok, ck.want)
		}
	}
	// The providers' side: between them they won and ran both tasks.
	var sent, won, ran float64
	for _, b := range c.base[1:] {
		m := scrape(t, b+"/metrics")
		if _, ok := m["ogpu_bids_lost_total"]; !ok {
			t.Errorf("%s: no ogpu_bids_lost_total series", b)
		}
		sent += m["ogpu_bids_sent_total"]
		won += m["ogpu_bids_won_total"]
		ran += m["ogpu_provider_tasks_ran_total"]
	}
	if won < 2 || ran < 2 || sent < won {
		t.Errorf("providers sent %v bids, won %v and ran %v tasks, want ≥ 2 won and ran, sent ≥ won", sent, won, ran)
	}

	var p node.Payments
	if err := json.Unmarshal(httpGet(t, c.base[0]+"/v1/payments"), &p); err != nil {
		t.Fatal(err)
	}
	if p.Chain || p.Spent == "0" || p.Spent != strconv.FormatFloat(client["ogpu_spent_wei"], 'f', 0, 64) {
		t.Errorf("/v1/payments %+v vs ogpu_spent_wei %v", p, client["ogpu_spent_wei"])
	}
}

// A PaymentsSource fills the settlement metrics.
func TestMetricsPaymentsSource(t *testing.T) {
	cfg := node.Simulation()
	cfg.API.Listen = "127.0.0.1:0"
	src := fixedPayments{Chain: true, Earned: "3000000000000000000", Stake: "2000000000000000000", QueuedVouchers: 4, QueuedEvidence: 1, InFlight: true, Batches: 2}
	n, err := node.New(cfg, node.WithPayments(src))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := n.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	// The node's own ad goes out from the capacity loop just after Start.
	for deadline := time.Now().Add(10 * time.Second); len(n.Capacity()) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("own capacity ad never arrived")
		}
		time.Sleep(10 * time.Millisecond) // poll interval of a deadline loop
	}
	m := scrape(t, "http://"+n.APIAddr()+"/metrics")
	for series, want := range map[string]float64{
		`ogpu_chain_configured`: 1, `ogpu_earnings_wei`: 3e18, `ogpu_stake_wei`: 2e18, `ogpu_deposit_wei`: 0,
		`ogpu_settlement_queue{kind="vouchers"}`: 4, `ogpu_settlement_queue{kind="evidence"}`: 1,
		`ogpu_settlement_in_flight`: 1, `ogpu_settlement_batches_total`: 2, `ogpu_capacity_table_size`: 1, // its own ad
	} {
		if got, ok := m[series]; !ok || got != want {
			t.Errorf("%s = %v (present %v), want %v", series, got, ok, want)
		}
	}
}

type fixedPayments node.Payments

func (f fixedPayments) Payments(context.Context) (node.Payments, error) { return node.Payments(f), nil }

func eq(want float64) func(float64) bool { return func(v float64) bool { return v == want } }
func ge(min float64) func(float64) bool  { return func(v float64) bool { return v >= min } }
