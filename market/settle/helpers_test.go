package settle

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"go.uber.org/goleak"

	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
)

func TestMain(m *testing.M) {
	if runChild() {
		return
	}
	goleak.VerifyTestMain(m,
		goleak.IgnoreAnyFunction("github.com/ethereum/go-ethereum/metrics.(*meterArbiter).tick"),
		goleak.IgnoreAnyFunction("github.com/ethereum/go-ethereum/core.(*txSenderCacher).cache"),
		goleak.IgnoreAnyFunction("github.com/ethereum/go-ethereum/eth/filters.(*FilterAPI).timeoutLoop"),
		goleak.IgnoreTopFunction("github.com/golang/glog.(*fileSink).flushDaemon"),
		goleak.IgnoreAnyFunction("github.com/dgraph-io/ristretto/v2/z.(*AllocatorPool).freeupAllocators"),
		goleak.IgnoreTopFunction("github.com/dgraph-io/badger/v4.(*DB).monitorCache"),
		goleak.IgnoreTopFunction("go.opencensus.io/stats/view.(*worker).start"),
		goleak.IgnoreAnyFunction("github.com/ethereum/go-ethereum/core/state/snapshot.(*diskLayer).generate"),
		goleak.IgnoreAnyFunction("github.com/syndtr/goleveldb/leveldb.(*DB).mpoolDrain"),
	)
}

func ether(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e18)) }
func gwei(n int64) *big.Int  { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e9)) }

type env struct {
	t    testing.TB
	ctx  context.Context
	sim  *Sim
	keys []*identity.Key
	cl   []*Client
}

// newEnv starts a simulated chain with n funded accounts.
func newEnv(t testing.TB, n int, p *Params) *env {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	alloc := map[common.Address]*big.Int{}
	var keys []*identity.Key
	for i := range n {
		raw := make([]byte, 32)
		raw[0], raw[30], raw[31] = 0x77, byte(i>>8), byte(i+1)
		k, err := identity.FromBytes(raw)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
		alloc[k.Address()] = ether(1000)
	}
	sim, err := NewSim(ctx, SimConfig{Alloc: alloc, Params: p})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, ctx: ctx, sim: sim, keys: keys}
	for _, k := range keys {
		c, err := sim.Client(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		e.cl = append(e.cl, c)
	}
	t.Cleanup(func() {
		sim.Close()
		cancel()
	})
	return e
}

func (e *env) tx(tx *Tx, err error) *Tx {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
	return tx
}

func (e *env) num(v *big.Int, err error) *big.Int {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

func (e *env) staker(v StakerAccount, err error) StakerAccount {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

func (e *env) client(v *Client, err error) *Client {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

func (e *env) yes(v bool, err error) bool {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

func (e *env) key(k *identity.Key, err error) *identity.Key {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
	return k
}

func wantRevert(t *testing.T, err error, name string) {
	t.Helper()
	if !errors.Is(err, ErrReverted) || RevertName(err) != name {
		t.Fatalf("got %v, want revert %s", err, name)
	}
}

func voucher(t testing.TB, d identity.Domain, client *identity.Key, payee common.Address, amount *big.Int) typed.SignedVoucher {
	t.Helper()
	sv, err := typed.Voucher{Client: client.Address(), Payee: payee, CumulativeAmount: amount}.Sign(client, d)
	if err != nil {
		t.Fatal(err)
	}
	return sv
}
