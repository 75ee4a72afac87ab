package main

import (
	"bufio"
	"context"
	"encoding/json"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/node"
)

// TestLocalnet is docs/localnet.sh with N=3 on the process harness: a dev
// chain, a bootstrap node and three `ogpu run` daemons configured for the
// chain; they stake, node 0 deposits and submits a 3-shard job through
// the CLI; after the daemons stop, `ogpu chain settle` puts the
// providers' vouchers on chain. Every provider is paid on chain, never
// more than its tasks' awarded prices, and what the client's deposit lost
// is exactly what the providers were paid.
func TestLocalnet(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	const n = 3
	info := startDevnet(t, n)

	boot := startDaemon(t, initDir(t, "--bootstrap-node"), "bootstrap")
	var listen []string
	for _, a := range boot.status()["listen"].([]any) {
		listen = append(listen, a.(string))
	}
	bootArg := strings.Join(listen, ",")

	var nodes []*daemon
	addrOf := map[string]common.Address{} // peer ID → account
	for i := range n {
		dir := chainDir(t, info, i)
		d := startDaemon(t, dir, "run", "--bootstrap", bootArg)
		st := d.status()
		addrOf[st["peer_id"].(string)] = common.HexToAddress(st["address"].(string))
		if addrOf[st["peer_id"].(string)] != info.Accounts[i].Address {
			t.Fatalf("node %d runs as %s, not the funded key %s", i, st["address"], info.Accounts[i].Address)
		}
		nodes = append(nodes, d)
	}
	for _, d := range nodes {
		mustOgpu(t, "chain", "stake", "1ether", "--datadir", d.datadir)
	}
	mustOgpu(t, "chain", "deposit", "2ether", "--datadir", nodes[0].datadir)
	deposit := func() *big.Int {
		var res struct{ Balances accountState }
		if err := json.Unmarshal([]byte(mustOgpu(t, "chain", "balance", "--datadir", nodes[0].datadir, "--json")), &res); err != nil {
			t.Fatal(err)
		}
		return res.Balances.Deposit
	}
	before := deposit()

	waitUntil(t, 45*time.Second, func() bool { return len(nodes[0].status()["capacity"].([]any)) >= n })
	out := mustOgpu(t, "submit", "--datadir", nodes[0].datadir, "--workload", "hashgrind", "--param", "end=65536",
		"--param", "difficulty=12", "--max-price", "5000", "--shards", "3", "--timeout", "1m", "--wait", "--json")
	var job market.JobInfo
	if err := json.Unmarshal([]byte(out), &job); err != nil {
		t.Fatalf("submit --json: %v\n%s", err, out)
	}
	if job.State != market.JobDone || len(job.Tasks) != 3 || job.ResultCID == "" {
		t.Fatalf("job: %s", out)
	}
	owed := map[common.Address]*big.Int{} // awarded prices per provider
	total := new(big.Int)
	for _, tk := range job.Tasks {
		p, ok := new(big.Int).SetString(tk.Price, 10)
		a, known := addrOf[tk.Provider.String()]
		if !ok || !known {
			t.Fatalf("task %s: price %q provider %s", tk.ID.Short(), tk.Price, tk.Provider)
		}
		if owed[a] == nil {
			owed[a] = new(big.Int)
		}
		owed[a].Add(owed[a], p)
		total.Add(total, p)
	}

	// The operator surface sees the chain: stake, deposit and the queue.
	api, err := os.ReadFile(filepath.Join(nodes[0].datadir, "api"))
	if err != nil {
		t.Fatal(err)
	}
	var pay node.Payments
	getJSON(t, "http://"+strings.TrimSpace(string(api))+"/v1/payments", &pay)
	if !pay.Chain || pay.Stake != "1000000000000000000" || pay.Deposit != before.String() || pay.Spent != total.String() {
		t.Errorf("/v1/payments of the client: %+v (deposit %s, spent %s)", pay, before, total)
	}

	// The daemons stop (the settle command needs each node's database).
	for i := len(nodes) - 1; i >= 0; i-- {
		nodes[i].stop()
	}
	boot.stop()
	for _, d := range nodes {
		mustOgpu(t, "chain", "settle", "--datadir", d.datadir, "--json")
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, closeRPC, err := settle.Dial(ctx, settle.ChainConfig{RPC: info.RPC, Contract: info.Contract}, nil, settle.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer closeRPC()
	client := info.Accounts[0].Address
	paid := new(big.Int)
	for a, want := range owed {
		got, err := c.Paid(ctx, client, a)
		if err != nil {
			t.Fatal(err)
		}
		if got.Cmp(want) != 0 {
			t.Errorf("provider %s: paid on chain %s wei for tasks priced %s in all", a, got, want)
		}
		paid.Add(paid, got)
	}
	if lost := new(big.Int).Sub(before, deposit()); lost.Cmp(paid) != 0 {
		t.Errorf("the client's deposit lost %s wei but providers were paid %s: money not conserved", lost, paid)
	}
	t.Logf("3 tasks for %s wei; %s wei settled on chain to %d providers", total, paid, len(owed))
}

// startDevnet runs `ogpu devnet --json` with `accounts` funded keys and
// stops it when the test ends.
func startDevnet(t *testing.T, accounts int) devnetInfo {
	t.Helper()
	dev := exec.Command(ogpuBin, "devnet", "--json", "--http", "127.0.0.1:0", "--accounts", strconv.Itoa(accounts))
	stdout, err := dev.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errOut := &syncBuffer{}
	dev.Stderr = errOut
	if err := dev.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	t.Cleanup(func() {
		dev.Process.Signal(syscall.SIGINT)
		select {
		case err := <-exited:
			if err != nil {
				t.Errorf("devnet exit: %v\n%s", err, errOut.String())
			}
		case <-time.After(20 * time.Second):
			dev.Process.Kill()
			t.Error("devnet did not stop on SIGINT")
		}
	})
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() {
		t.Fatalf("devnet printed nothing: %v\n%s", lines.Err(), errOut.String())
	}
	go func() { exited <- dev.Wait() }()
	var info devnetInfo
	if err := json.Unmarshal(lines.Bytes(), &info); err != nil {
		t.Fatalf("devnet output %q: %v", lines.Text(), err)
	}
	if len(info.Accounts) != accounts {
		t.Fatalf("devnet: %d accounts, want %d", len(info.Accounts), accounts)
	}
	return info
}

// chainDir makes a data directory holding funded key i of the devnet and
// a config.toml (from `ogpu init`) whose [chain] points at the devnet.
func chainDir(t *testing.T, info devnetInfo, i int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "node")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	key := strings.TrimPrefix(info.Accounts[i].PrivateKey, "0x") + "\n"
	if err := os.WriteFile(filepath.Join(dir, "key"), []byte(key), 0o600); err != nil {
		t.Fatal(err)
	}
	mustOgpu(t, "init", "--datadir", dir)
	path := filepath.Join(dir, "config.toml")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := regexp.MustCompile(`(?m)^rpc = .*$`).ReplaceAllString(string(raw), `rpc = "`+info.RPC+`"`)
	s = regexp.MustCompile(`(?m)^contract = .*$`).ReplaceAllString(s, `contract = "`+info.Contract.Hex()+`"`)
	if s == string(raw) {
		t.Fatalf("config.toml has no [chain] rpc/contract keys:\n%s", raw)
	}
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func mustOgpu(t *testing.T, args ...string) string {
	t.Helper()
	out, err := ogpu(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}
