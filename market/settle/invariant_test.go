package settle

import (
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/p2p/typed"
)

// TestInvariantRandomOps runs random sequences of every operation (many of
// them reverting) and checks after each step that
//
//	balance(contract) == Σ deposit + Σ stake + Σ earnings + Σ owed + burned
func TestInvariantRandomOps(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run("seed", func(t *testing.T) { invariantRun(t, seed, 120) })
	}
}

func invariantRun(t *testing.T, seed uint64, steps int) {
	s := newSlashEnv(t, 6, TestParams())
	rng := rand.New(rand.NewPCG(seed, 99))
	n := len(s.keys)
	addrs := make([]common.Address, n)
	for i, k := range s.keys {
		addrs[i] = k.Address()
	}
	d := s.cl[0].Domain()
	cum := map[[2]int]*big.Int{}
	amt := func() *big.Int { return gwei(int64(1 + rng.IntN(3000))) }
	ops := map[string]int{}
	for step := 0; step < steps; step++ {
		i := rng.IntN(n)
		c := s.cl[i]
		var err error
		var op string
		switch r := rng.IntN(100); {
		case r < 15:
			op = "deposit"
			_, err = c.Deposit(s.ctx, amt())
		case r < 22:
			op = "requestWithdraw"
			_, err = c.RequestWithdraw(s.ctx, amt())
		case r < 28:
			op = "withdraw"
			_, err = c.Withdraw(s.ctx)
		case r < 36:
			op = "stake"
			_, err = c.Stake(s.ctx, amt())
		case r < 42:
			op = "requestUnstake"
			_, err = c.RequestUnstake(s.ctx, amt())
		case r < 48:
			op = "unstake"
			_, err = c.Unstake(s.ctx)
		case r < 75:
			op = "settle"
			var batch []typed.SignedVoucher
			for range 1 + rng.IntN(4) {
				cl, py := rng.IntN(n), rng.IntN(n)
				k := [2]int{cl, py}
				if cum[k] == nil {
					cum[k] = new(big.Int)
				}
				next := new(big.Int).Add(cum[k], gwei(int64(rng.IntN(2000))-300)) // sometimes lower
				if next.Sign() < 0 {
					next.SetInt64(0)
				}
				if next.Cmp(cum[k]) > 0 {
					cum[k] = next
				}
				batch = append(batch, voucher(t, d, s.keys[cl], addrs[py], next))
			}
			_, err = c.Settle(s.ctx, batch, common.Hash{byte(step)})
		case r < 85:
			op = "withdrawEarnings"
			_, err = c.WithdrawEarnings(s.ctx, addrs)
		case r < 92:
			op = "slash"
			cm, sig, el := s.commitment(2, byte(step))
			_, err = s.cl[2].Slash(s.ctx, Evidence{cm, sig, s.attest(cm, false, el[:2]...)})
		default:
			op = "time"
			err = s.sim.AdjustTime(time.Duration(1+rng.IntN(15)) * time.Second)
		}
		if err == nil {
			ops[op]++
		} else {
			ops[op+"(reverted)"]++
		}
		checkInvariant(t, s.env, addrs)
	}
	t.Logf("ops: %v", ops)
}

func checkInvariant(t *testing.T, e *env, addrs []common.Address) {
	t.Helper()
	c := e.cl[0]
	sum := new(big.Int)
	for _, a := range addrs {
		ca, err := c.ClientAccount(e.ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		st := e.staker(c.StakeOf(e.ctx, a))
		sum.Add(sum, ca.Deposit).Add(sum, st.Stake).Add(sum, st.Earnings)
		for _, p := range addrs {
			sum.Add(sum, e.num(c.Owed(e.ctx, a, p)))
		}
	}
	sum.Add(sum, e.num(c.Burned(e.ctx)))
	bal := e.num(c.Balance(e.ctx, c.Contract()))
	if bal.Cmp(sum) != 0 {
		t.Fatalf("contract balance %s != accounted %s", bal, sum)
	}
	if ts := e.num(c.TotalStake(e.ctx)); ts.Sign() < 0 {
		t.Fatal("negative total stake")
	}
}
