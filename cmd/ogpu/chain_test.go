package main

import (
	"bufio"
	"context"
	"encoding/json"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	ethcommon "github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
	"github.com/ogpu/ogpu/store"
)

// TestDevnetTwoProcesses starts `ogpu devnet --json`, then two separate
// `ogpu chain deposit` processes with two funded keys use the same chain.
func TestDevnetTwoProcesses(t *testing.T) {
	dev := exec.Command(ogpuBin, "devnet", "--json", "--http", "127.0.0.1:0", "--accounts", "2")
	stdout, err := dev.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	dev.Stderr = os.Stderr
	if err := dev.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	defer func() {
		_ = dev.Process.Signal(syscall.SIGINT)
		select {
		case err := <-exited:
			if err != nil {
				t.Errorf("devnet exit: %v", err)
			}
		case <-time.After(20 * time.Second):
			dev.Process.Kill()
			t.Error("devnet did not stop on SIGINT")
		}
	}()
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() {
		t.Fatalf("devnet printed nothing: %v", lines.Err())
	}
	go func() { exited <- dev.Wait() }()
	var info devnetInfo
	if err := json.Unmarshal(lines.Bytes(), &info); err != nil {
		t.Fatalf("devnet output %q: %v", lines.Text(), err)
	}
	if len(info.Accounts) != 2 || !strings.HasPrefix(info.RPC, "http://127.0.0.1:") {
		t.Fatalf("devnet info %+v", info)
	}
	var dirs []string
	for i, a := range info.Accounts {
		dir := filepath.Join(t.TempDir(), "n"+string(rune('0'+i)))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "key"), []byte(strings.TrimPrefix(a.PrivateKey, "0x")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	common := func(dir string) []string {
		return []string{"--datadir", dir, "--rpc", info.RPC, "--contract", info.Contract.Hex(), "--json"}
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	outs := make([]string, 2)
	for i, dir := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = ogpu(t, append([]string{"chain", "deposit", "1.5ether"}, common(dir)...)...)
		}()
	}
	wg.Wait()
	for i := range dirs {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		var res struct {
			Tx       struct{ Hash string } `json:"tx"`
			Balances accountState          `json:"balances"`
		}
		if err := json.Unmarshal([]byte(outs[i]), &res); err != nil {
			t.Fatalf("deposit output %q: %v", outs[i], err)
		}
		want, _ := new(big.Int).SetString("1500000000000000000", 10)
		if res.Tx.Hash == "" || res.Balances.Deposit.Cmp(want) != 0 || res.Balances.Address != info.Accounts[i].Address {
			t.Fatalf("process %d: %s", i, outs[i])
		}
	}
	// One process stakes, the other reads it: both see one chain.
	if _, err := ogpu(t, append([]string{"chain", "stake", "2ether"}, common(dirs[0])...)...); err != nil {
		t.Fatal(err)
	}
	out, err := ogpu(t, append([]string{"chain", "balance", info.Accounts[0].Address.Hex()}, common(dirs[1])...)...)
	if err != nil {
		t.Fatal(err)
	}
	var res struct{ Balances accountState }
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Balances.Stake.Cmp(new(big.Int).Mul(big.NewInt(2), big.NewInt(1e18))) != 0 {
		t.Fatalf("stake seen by the other process: %s", out)
	}
	// A batch settled by this process carries a receipts root; the CLI
	// verifies a receipt's proof against it on the chain.
	verifyReceiptCLI(t, info, dirs, common(dirs[1]))

	settleAndProveCLI(t, info, dirs, common(dirs[1]))

	// Usage errors exit 2.
	if _, err := ogpu(t, append([]string{"chain", "deposit", "lots"}, common(dirs[0])...)...); err == nil || !strings.Contains(err.Error(), "exit status 2") {
		t.Fatalf("bad amount: %v", err)
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"123", "123", true}, {"1.5ether", "1500000000000000000", true}, {"20gwei", "20000000000", true},
		{"7 wei", "7", true}, {"0.1eth", "100000000000000000", true}, {"1.5", "", false}, {"-1", "", false}, {"x", "", false},
	}
	for _, tc := range tests {
		got, err := parseAmount(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got.String() != tc.want) {
			t.Errorf("parseAmount(%q) = %v, %v", tc.in, got, err)
		}
	}
}

func verifyReceiptCLI(t *testing.T, info devnetInfo, dirs []string, flags []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	client, err := identity.LoadOrCreate(dirs[0], "")
	if err != nil {
		t.Fatal(err)
	}
	payee := info.Accounts[1].Address
	c, closeRPC, err := settle.Dial(ctx, settle.ChainConfig{RPC: info.RPC, Contract: info.Contract}, client, settle.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer closeRPC()
	rs := []settle.Receipt{
		{TaskID: ethcommon.Hash{1}, Client: client.Address(), Payee: payee, Amount: big.NewInt(3e9)},
		{TaskID: ethcommon.Hash{2}, Client: client.Address(), Payee: payee, Amount: big.NewInt(4e9)},
		{TaskID: ethcommon.Hash{3}, Client: client.Address(), Payee: payee, Amount: big.NewInt(5e9)},
	}
	tree := settle.NewMerkleTree(rs)
	v, err := typed.Voucher{Client: client.Address(), Payee: payee, CumulativeAmount: big.NewInt(12e9)}.Sign(client, c.Domain())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Settle(ctx, []typed.SignedVoucher{v}, tree.Root()); err != nil {
		t.Fatal(err)
	}
	proof, _ := tree.Proof(rs[1])
	write := func(p settle.ReceiptProof) string {
		path := filepath.Join(t.TempDir(), "proof.json")
		raw, _ := json.Marshal(p)
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	out, err := ogpu(t, append([]string{"receipt", "verify", write(settle.ReceiptProof{Receipt: rs[1], Root: tree.Root(), Proof: proof})}, flags...)...)
	if err != nil || !strings.Contains(out, `"valid":true`) {
		t.Fatalf("verify: %v %s", err, out)
	}
	forged := rs[1]
	forged.Amount = big.NewInt(9e9)
	if _, err := ogpu(t, append([]string{"receipt", "verify", write(settle.ReceiptProof{Receipt: forged, Root: tree.Root(), Proof: proof})}, flags...)...); err == nil ||
		!strings.Contains(err.Error(), "does not match") {
		t.Fatalf("forged receipt: %v", err)
	}
}

// settleAndProveCLI queues a voucher in the payee's node database, settles
// it with `ogpu chain settle`, then proves and verifies a receipt of it.
func settleAndProveCLI(t *testing.T, info devnetInfo, dirs []string, flags []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	client, err := identity.LoadOrCreate(dirs[0], "")
	if err != nil {
		t.Fatal(err)
	}
	payee, err := identity.LoadOrCreate(dirs[1], "")
	if err != nil {
		t.Fatal(err)
	}
	c, closeRPC, err := settle.Dial(ctx, settle.ChainConfig{RPC: info.RPC, Contract: info.Contract}, payee, settle.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer closeRPC()
	db, err := store.Open(store.Config{Dir: filepath.Join(dirs[1], "db"), Logger: quietLog()})
	if err != nil {
		t.Fatal(err)
	}
	s, err := settle.New(settle.Config{Chain: c, DB: db, Logger: quietLog()})
	if err != nil {
		t.Fatal(err)
	}
	rs := []settle.Receipt{
		{TaskID: ethcommon.Hash{7}, Client: client.Address(), Payee: payee.Address(), Amount: big.NewInt(1e9)},
		{TaskID: ethcommon.Hash{8}, Client: client.Address(), Payee: payee.Address(), Amount: big.NewInt(2e9)},
	}
	v, err := typed.Voucher{Client: client.Address(), Payee: payee.Address(), CumulativeAmount: big.NewInt(20e9)}.Sign(client, c.Domain())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Enqueue(v, rs...); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db.Close()
	out, err := ogpu(t, append([]string{"chain", "settle"}, flags...)...)
	if err != nil || !strings.Contains(out, `"batches":1`) {
		t.Fatalf("chain settle: %v %s", err, out)
	}
	root := settle.NewMerkleTree(rs).Root()
	proof, err := ogpu(t, "receipt", "prove", "--datadir", dirs[1], "--root", root.Hex(), "--task", rs[1].TaskID.Hex())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "p.json")
	if err := os.WriteFile(path, []byte(proof), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := ogpu(t, append([]string{"receipt", "verify", path}, flags...)...); err != nil || !strings.Contains(out, `"valid":true`) {
		t.Fatalf("verify proved receipt: %v %s", err, out)
	}
}
