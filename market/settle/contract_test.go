package settle

import (
	"bytes"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"

	"github.com/ogpu/ogpu/market/settle/contract"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
)

func TestDepositWithdraw(t *testing.T) {
	e := newEnv(t, 2, nil)
	c := e.cl[0]
	a := c.Account()
	_, err := c.Deposit(e.ctx, big.NewInt(0))
	wantRevert(t, err, "ZeroAmount")
	e.tx(c.Deposit(e.ctx, ether(5)))
	_, err = c.Withdraw(e.ctx)
	wantRevert(t, err, "NoRequest")
	_, err = c.RequestWithdraw(e.ctx, ether(6))
	wantRevert(t, err, "InsufficientDeposit")
	e.tx(c.RequestWithdraw(e.ctx, ether(2)))
	if free := e.num(c.FreeDeposit(e.ctx, a)); free.Cmp(ether(3)) != 0 {
		t.Fatalf("free deposit %s, want 3 ether", free)
	}
	_, err = c.Withdraw(e.ctx)
	wantRevert(t, err, "TooEarly")
	// A payee redeems during the delay: the announced amount is still spendable.
	payee := e.keys[1].Address()
	e.tx(e.cl[1].Settle(e.ctx, []typed.SignedVoucher{voucher(t, c.Domain(), e.keys[0], payee, ether(4))}, common.Hash{}))
	if err := e.sim.AdjustTime(11 * time.Second); err != nil {
		t.Fatal(err)
	}
	before := e.num(c.Balance(e.ctx, a))
	tx := e.tx(c.Withdraw(e.ctx))
	after := e.num(c.Balance(e.ctx, a))
	// 2 requested, but only 1 is left after the voucher.
	got := new(big.Int).Sub(after, before)
	fee := new(big.Int).Mul(big.NewInt(int64(tx.GasUsed)), big.NewInt(1e10))
	if got.Cmp(ether(1)) > 0 || got.Cmp(new(big.Int).Sub(ether(1), fee)) < 0 {
		t.Fatalf("withdrew %s, want ≈ 1 ether", got)
	}
	acct, err := c.ClientAccount(e.ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if acct.Deposit.Sign() != 0 || acct.WithdrawAmount.Sign() != 0 {
		t.Fatalf("account after withdraw %+v", acct)
	}
	// Cancel: a request of 0.
	e.tx(c.Deposit(e.ctx, ether(1)))
	e.tx(c.RequestWithdraw(e.ctx, ether(1)))
	e.tx(c.RequestWithdraw(e.ctx, big.NewInt(0)))
	_, err = c.Withdraw(e.ctx)
	wantRevert(t, err, "NoRequest")
}

func TestStakeUnstake(t *testing.T) {
	e := newEnv(t, 1, nil)
	c := e.cl[0]
	a := c.Account()
	_, err := c.Stake(e.ctx, big.NewInt(1))
	wantRevert(t, err, "BelowMinStake")
	_, err = c.Stake(e.ctx, big.NewInt(0))
	wantRevert(t, err, "ZeroAmount")
	e.tx(c.Stake(e.ctx, ether(3)))
	if ts := e.num(c.TotalStake(e.ctx)); ts.Cmp(ether(3)) != 0 {
		t.Fatalf("total stake %s", ts)
	}
	_, err = c.Unstake(e.ctx)
	wantRevert(t, err, "NoRequest")
	_, err = c.RequestUnstake(e.ctx, big.NewInt(0))
	wantRevert(t, err, "ZeroAmount")
	_, err = c.RequestUnstake(e.ctx, ether(4))
	wantRevert(t, err, "InsufficientStake")
	e.tx(c.RequestUnstake(e.ctx, ether(1)))
	_, err = c.Unstake(e.ctx)
	wantRevert(t, err, "TooEarly")
	// Still staked (and slashable) during the delay.
	if s := e.staker(c.StakeOf(e.ctx, a)); s.Stake.Cmp(ether(3)) != 0 || s.UnstakeAmount.Cmp(ether(1)) != 0 {
		t.Fatalf("during delay %+v", s)
	}
	if err := e.sim.AdjustTime(11 * time.Second); err != nil {
		t.Fatal(err)
	}
	e.tx(c.Unstake(e.ctx))
	if s := e.staker(c.StakeOf(e.ctx, a)); s.Stake.Cmp(ether(2)) != 0 {
		t.Fatalf("after unstake %+v", s)
	}
	// Leaving less than the minimum unstakes everything.
	e.tx(c.RequestUnstake(e.ctx, new(big.Int).Sub(ether(2), big.NewInt(1))))
	if err := e.sim.AdjustTime(11 * time.Second); err != nil {
		t.Fatal(err)
	}
	e.tx(c.Unstake(e.ctx))
	if s := e.staker(c.StakeOf(e.ctx, a)); s.Stake.Sign() != 0 {
		t.Fatalf("dust stake left: %+v", s)
	}
	if ts := e.num(c.TotalStake(e.ctx)); ts.Sign() != 0 {
		t.Fatalf("total stake %s", ts)
	}
}

func TestOwnerParams(t *testing.T) {
	e := newEnv(t, 1, nil)
	owner := e.client(e.sim.Client(e.ctx, e.sim.Owner()))
	p := TestParams()
	p.Quorum = 3
	_, err := e.cl[0].SetParams(e.ctx, p)
	wantRevert(t, err, "NotOwner")
	e.tx(owner.SetParams(e.ctx, p))
	got, err := owner.Params(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Quorum != 3 || got.MinStake.Cmp(p.MinStake) != 0 || got.WithdrawDelay != p.WithdrawDelay {
		t.Fatalf("params %+v", got)
	}
	// BadParams is caught before sending; force it through raw calldata.
	bad := contract.NewSettlement().PackSetParams(1, 1, big.NewInt(1), 10001, 0, 0, 1, 1)
	_, err = owner.send(e.ctx, bad, nil)
	wantRevert(t, err, "BadParams")
	_, err = e.cl[0].send(e.ctx, contract.NewSettlement().PackSetOwner(e.keys[0].Address()), nil)
	wantRevert(t, err, "NotOwner")
	e.tx(owner.send(e.ctx, contract.NewSettlement().PackSetOwner(e.keys[0].Address()), nil))
	e.tx(e.cl[0].SetParams(e.ctx, p))
}

func TestSettleVouchers(t *testing.T) {
	e := newEnv(t, 4, nil)
	client, p1, p2, other := e.keys[0], e.keys[1].Address(), e.keys[2].Address(), e.keys[3]
	c := e.cl[0]
	d := c.Domain()
	e.tx(c.Deposit(e.ctx, gwei(1000)))
	sub := e.cl[1] // anyone may submit

	root := common.HexToHash("0xabc")
	tx := e.tx(sub.Settle(e.ctx, []typed.SignedVoucher{voucher(t, d, client, p1, gwei(100)), voucher(t, d, client, p2, gwei(50))}, root))
	st := settledEvent(t, tx)
	if st.ReceiptsRoot != root || st.Vouchers.Int64() != 2 || st.Total.Cmp(gwei(150)) != 0 || st.Submitter != sub.Account() {
		t.Fatalf("event %+v", st)
	}
	check := func(payee common.Address, paid, owed *big.Int) {
		t.Helper()
		if got := e.num(c.Paid(e.ctx, client.Address(), payee)); got.Cmp(paid) != 0 {
			t.Fatalf("paid %s, want %s", got, paid)
		}
		if got := e.num(c.Owed(e.ctx, client.Address(), payee)); got.Cmp(owed) != 0 {
			t.Fatalf("owed %s, want %s", got, owed)
		}
	}
	check(p1, gwei(100), gwei(100))
	if got := e.num(c.FreeDeposit(e.ctx, client.Address())); got.Cmp(gwei(850)) != 0 {
		t.Fatalf("deposit %s", got)
	}

	// Replay and a lower cumulative amount pay nothing.
	tx = e.tx(sub.Settle(e.ctx, []typed.SignedVoucher{voucher(t, d, client, p1, gwei(100)), voucher(t, d, client, p1, gwei(60))}, root))
	if st := settledEvent(t, tx); st.Total.Sign() != 0 {
		t.Fatalf("replay paid %s", st.Total)
	}
	check(p1, gwei(100), gwei(100))
	// An increase pays only the difference.
	e.tx(sub.Settle(e.ctx, []typed.SignedVoucher{voucher(t, d, client, p1, gwei(130))}, root))
	check(p1, gwei(130), gwei(130))
	// Short deposit: pays what is left, the rest stays payable later.
	e.tx(sub.Settle(e.ctx, []typed.SignedVoucher{voucher(t, d, client, p2, gwei(2000))}, root))
	check(p2, gwei(870), gwei(870))
	e.tx(c.Deposit(e.ctx, gwei(5000)))
	e.tx(sub.Settle(e.ctx, []typed.SignedVoucher{voucher(t, d, client, p2, gwei(2000))}, root))
	check(p2, gwei(2000), gwei(2000))

	// Withdraw earnings.
	_, err := e.cl[3].WithdrawEarnings(e.ctx, []common.Address{client.Address()})
	wantRevert(t, err, "ZeroAmount")
	before := e.num(c.Balance(e.ctx, p1))
	wtx := e.tx(e.cl[1].WithdrawEarnings(e.ctx, []common.Address{client.Address()}))
	after := e.num(c.Balance(e.ctx, p1))
	fee := new(big.Int).Mul(big.NewInt(int64(wtx.GasUsed)), big.NewInt(1e10))
	if gain := new(big.Int).Sub(after, before); gain.Cmp(gwei(130)) > 0 || gain.Cmp(new(big.Int).Sub(gwei(130), fee)) < 0 {
		t.Fatalf("earnings withdrawn %s", gain)
	}
	check(p1, gwei(130), big.NewInt(0))

	// Rejections: no one is paid without the client's signature.
	otherChain := identity.Domain{ChainID: big.NewInt(1), VerifyingContract: d.VerifyingContract}
	otherContract := identity.Domain{ChainID: d.ChainID, VerifyingContract: common.HexToAddress("0x1234")}
	forged := voucher(t, d, other, p1, gwei(500))
	forged.Client = client.Address()
	highS := voucher(t, d, client, p1, gwei(500))
	highS.Sig = toHighS(highS.Sig)
	for name, v := range map[string]typed.SignedVoucher{
		"other chain":    voucher(t, otherChain, client, p1, gwei(500)),
		"other contract": voucher(t, otherContract, client, p1, gwei(500)),
		"forged":         forged,
		"high s":         highS,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := sub.Settle(e.ctx, []typed.SignedVoucher{voucher(t, d, client, p2, gwei(2001)), v}, root)
			wantRevert(t, err, "BadVoucherSignature")
			if re := (*RevertError)(nil); !asRevert(err, &re) || re.Args[0].(*big.Int).Int64() != 1 {
				t.Fatalf("want index 1 in %v", err)
			}
		})
	}
	check(p1, gwei(130), big.NewInt(0))
	for name, batch := range map[string][]byte{"empty": nil, "ragged": make([]byte, 122)} {
		t.Run(name, func(t *testing.T) {
			_, err := sub.send(e.ctx, contract.NewSettlement().PackSettle(batch, root), nil)
			wantRevert(t, err, "BadBatch")
		})
	}
}

// TestSettleInterleavedClients checks the per-client deposit cache when one
// client's records are not adjacent.
func TestSettleInterleavedClients(t *testing.T) {
	e := newEnv(t, 3, nil)
	a, b, payee := e.keys[0], e.keys[1], e.keys[2].Address()
	d := e.cl[0].Domain()
	e.tx(e.cl[0].Deposit(e.ctx, gwei(100)))
	e.tx(e.cl[1].Deposit(e.ctx, gwei(100)))
	p3 := common.HexToAddress("0x33")
	e.tx(e.cl[2].Settle(e.ctx, []typed.SignedVoucher{
		voucher(t, d, a, payee, gwei(30)), voucher(t, d, b, payee, gwei(40)), voucher(t, d, a, p3, gwei(50)), voucher(t, d, b, p3, gwei(70)),
	}, common.Hash{}))
	if got := e.num(e.cl[0].FreeDeposit(e.ctx, a.Address())); got.Cmp(gwei(20)) != 0 {
		t.Fatalf("a deposit %s, want 20 gwei", got)
	}
	if got := e.num(e.cl[0].FreeDeposit(e.ctx, b.Address())); got.Cmp(gwei(0)) != 0 {
		t.Fatalf("b deposit %s, want 0", got)
	}
	if got := e.num(e.cl[0].Paid(e.ctx, b.Address(), p3)); got.Cmp(gwei(60)) != 0 {
		t.Fatalf("b→p3 paid %s, want 60 gwei (capped)", got)
	}
}

func asRevert(err error, re **RevertError) bool {
	for err != nil {
		if r, ok := err.(*RevertError); ok {
			*re = r
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

// toHighS turns a valid signature into its malleable twin (n − s, flipped v).
func toHighS(sig []byte) []byte {
	n := ethcrypto.S256().Params().N
	s := new(big.Int).SetBytes(sig[32:64])
	out := slices.Clone(sig)
	new(big.Int).Sub(n, s).FillBytes(out[32:64])
	out[64] = 55 - out[64] // 27 <-> 28
	return out
}

func settledEvent(t *testing.T, tx *Tx) *contract.SettlementSettled {
	t.Helper()
	c := contract.NewSettlement()
	for _, l := range tx.Logs {
		if ev, err := c.UnpackSettledEvent(l); err == nil {
			return ev
		}
	}
	t.Fatal("no Settled event")
	return nil
}

// TestEligibleMatchesGo replays verify's sortition vectors against the
// contract's eligible() with the same stakes.
func TestEligibleMatchesGo(t *testing.T) {
	var f struct {
		CommitteeSize uint8 `json:"committeeSize"`
		Stakers       []struct {
			Key   hexutil.Bytes `json:"key"`
			Stake *big.Int      `json:"stake"`
		} `json:"stakers"`
		Vectors []struct {
			TaskID         common.Hash `json:"taskId"`
			AwardBlockHash common.Hash `json:"awardBlockHash"`
			Eligible       []bool      `json:"eligible"`
		} `json:"vectors"`
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "verify", "testdata", "sortition.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	p := TestParams()
	p.CommitteeSize = f.CommitteeSize
	e := newEnv(t, 0, &p)
	var addrs []common.Address
	for _, s := range f.Stakers {
		k := e.key(identity.FromBytes(s.Key))
		if err := e.sim.Fund(e.ctx, k.Address(), new(big.Int).Add(s.Stake, ether(1))); err != nil {
			t.Fatal(err)
		}
		e.tx(e.client(e.sim.Client(e.ctx, k)).Stake(e.ctx, s.Stake))
		addrs = append(addrs, k.Address())
	}
	ro := e.client(e.sim.Client(e.ctx, nil))
	n := 0
	for i, v := range f.Vectors {
		for j, a := range addrs {
			got := e.yes(ro.Eligible(e.ctx, v.TaskID, v.AwardBlockHash, a))
			if got != v.Eligible[j] {
				t.Errorf("vector %d staker %d: contract says %v, Go says %v", i, j, got, v.Eligible[j])
			}
			n++
		}
	}
	t.Logf("%d eligibility checks agree", n)
}

var _ = bytes.Compare
