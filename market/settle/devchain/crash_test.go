package devchain

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/log"
	"go.uber.org/goleak"

	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
	"github.com/ogpu/ogpu/store"
)

const (
	childEnv   = "OGPU_SETTLE_CRASH_CHILD"
	crashPairs = 8
	crashSteps = 480 // the child waits for a flush every 2 steps: ≈ 240 flushes
)

func TestMain(m *testing.M) {
	log.SetDefault(log.NewLogger(log.DiscardHandler())) // the embedded geth's global logger; tests only
	if os.Getenv(childEnv) != "" {
		if err := crashChild(); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	goleak.VerifyTestMain(m,
		goleak.IgnoreAnyFunction("github.com/ethereum/go-ethereum/metrics.(*meterArbiter).tick"),
		goleak.IgnoreAnyFunction("github.com/ethereum/go-ethereum/core.(*txSenderCacher).cache"),
		goleak.IgnoreAnyFunction("github.com/ethereum/go-ethereum/eth/filters.(*FilterAPI).timeoutLoop"),
		goleak.IgnoreAnyFunction("github.com/syndtr/goleveldb/leveldb.(*DB).mpoolDrain"),
		goleak.IgnoreAnyFunction("github.com/dgraph-io/ristretto/v2/z.(*AllocatorPool).freeupAllocators"),
		goleak.IgnoreTopFunction("github.com/dgraph-io/badger/v4.(*DB).monitorCache"),
		goleak.IgnoreAnyFunction("net/http.(*persistConn).writeLoop"),
		goleak.IgnoreAnyFunction("net/http.(*persistConn).readLoop"),
		goleak.IgnoreAnyFunction("internal/poll.runtime_pollWait"),
	)
}

// testKey is deterministic so parent and child derive the same accounts.
func testKey(i int) *identity.Key {
	raw := make([]byte, 32)
	raw[0], raw[31] = 0x5e, byte(i+1)
	k, err := identity.FromBytes(raw)
	if err != nil {
		panic(err)
	}
	return k
}

// crashVoucher is step s of the child's deterministic voucher stream:
// client s mod crashPairs pays the payee (key 0) a rising cumulative amount.
func crashVoucher(d identity.Domain, s int) (typed.SignedVoucher, error) {
	client := testKey(1 + s%crashPairs)
	amt := new(big.Int).Mul(big.NewInt(int64(s/crashPairs+1)), big.NewInt(1e12))
	return typed.Voucher{Client: client.Address(), Payee: testKey(0).Address(), CumulativeAmount: amt}.Sign(client, d)
}

func crashChild() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, closeRPC, err := settle.Dial(ctx, settle.ChainConfig{RPC: os.Getenv("OGPU_RPC"), Contract: common.HexToAddress(os.Getenv("OGPU_CONTRACT"))},
		testKey(0), settle.ClientOptions{Poll: 2 * time.Millisecond})
	if err != nil {
		return err
	}
	defer closeRPC()
	db, err := store.Open(store.Config{Dir: os.Getenv("OGPU_DIR"), Logger: quiet()})
	if err != nil {
		return err
	}
	defer db.Close()
	progress := db.MustTable("crash_progress", store.Money())
	s, err := settle.New(settle.Config{Chain: c, DB: db, Logger: quiet(), MaxBatch: 2, MaxAge: 10 * time.Millisecond,
		Tick: 2 * time.Millisecond, RetryMin: 5 * time.Millisecond, RetryMax: 50 * time.Millisecond, Rebroadcast: 200 * time.Millisecond})
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Start(ctx); err != nil {
		return err
	}
	step := 0
	if raw, err := progress.Get([]byte("step")); err == nil {
		step, _ = strconv.Atoi(string(raw))
	}
	for ; step < crashSteps; step++ {
		v, err := crashVoucher(c.Domain(), step)
		if err != nil {
			return err
		}
		if err := s.Enqueue(v); err != nil {
			return err
		}
		if err := progress.Put([]byte("step"), []byte(strconv.Itoa(step+1))); err != nil {
			return err
		}
		if step%2 == 1 { // pace: one flush per two vouchers
			for {
				nv, _, f, err := s.Pending()
				if err != nil {
					return err
				}
				if nv == 0 && !f {
					break
				}
				time.Sleep(time.Millisecond)
			}
		}
	}
	return s.Flush(ctx)
}

// maxCrashKills bounds the SIGKILLs of one test run: on a loaded machine a
// child may need longer than any kill window to make progress.
const maxCrashKills = 96

// killAfter is when to SIGKILL the child after kills earlier kills: never
// (a nil channel) once maxCrashKills is reached.
func killAfter(kills int, rng *rand.Rand) <-chan time.Time {
	if kills >= maxCrashKills {
		return nil
	}
	return time.After(time.Duration(80+rng.IntN(400)) * time.Millisecond * time.Duration(1+kills/32))
}

// TestSettlerSurvivesSIGKILL runs the settler in a child process against a
// dev chain in this process, kills it with SIGKILL at random points, and
// restarts it until it finishes: every voucher must be paid exactly once.
func TestSettlerSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("re-execs the test binary many times")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()
	var keys []*identity.Key
	for i := range 1 + crashPairs {
		keys = append(keys, testKey(i))
	}
	chain, err := Start(ctx, Config{Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	for i := 1; i <= crashPairs; i++ {
		c, closeRPC, err := settle.Dial(ctx, settle.ChainConfig{RPC: chain.URL, Contract: chain.Contract}, keys[i], settle.ClientOptions{Poll: 2 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Deposit(ctx, big.NewInt(1e18)); err != nil {
			t.Fatal(err)
		}
		closeRPC()
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	kills := 0
	for run := 0; ; run++ {
		if ctx.Err() != nil {
			t.Fatalf("gave up after %d runs, %d kills", run, kills)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"=1", "OGPU_RPC="+chain.URL, "OGPU_CONTRACT="+chain.Contract.Hex(), "OGPU_DIR="+dir)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("child run %d: %v", run, err)
			}
			t.Logf("finished after %d runs, %d SIGKILLs", run+1, kills)
			goto verify
		// Kill at a random point; the window widens as kills accumulate,
		// so a slow machine (or -race) still lets children make progress,
		// and after maxCrashKills the child is left to finish.
		case <-killAfter(kills, rng):
			_ = cmd.Process.Signal(syscall.SIGKILL)
			<-done
			kills++
		}
	}
verify:
	ro, closeRPC, err := settle.Dial(ctx, settle.ChainConfig{RPC: chain.URL, Contract: chain.Contract}, nil, settle.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer closeRPC()
	want := map[common.Address]*big.Int{}
	for s := range crashSteps {
		v, _ := crashVoucher(ro.Domain(), s)
		want[v.Client] = v.CumulativeAmount
	}
	for client, amt := range want {
		paid, err := ro.Paid(ctx, client, keys[0].Address())
		if err != nil {
			t.Fatal(err)
		}
		if paid.Cmp(amt) != 0 {
			t.Errorf("client %s: paid %s, want exactly %s", client, paid, amt)
		}
		dep, err := ro.FreeDeposit(ctx, client)
		if err != nil {
			t.Fatal(err)
		}
		if new(big.Int).Add(dep, paid).Cmp(big.NewInt(1e18)) != 0 {
			t.Errorf("client %s: deposit %s + paid %s != 1 ether", client, dep, paid)
		}
	}
	batches, err := ro.AllBatches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if b.Total.Sign() == 0 {
			t.Errorf("batch %s paid nothing: vouchers submitted after they were paid", b.TxHash)
		}
	}
	t.Logf("%d flushes (settle transactions), %d SIGKILLs", len(batches), kills)
	if len(batches) < 200 {
		t.Errorf("only %d flushes, want ≥ 200", len(batches))
	}
}
