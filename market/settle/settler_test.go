package settle

import (
	"context"
	"errors"
	"log/slog"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/store"
)

func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func openDB(t testing.TB, dir string) *store.DB {
	t.Helper()
	db, err := store.Open(store.Config{Dir: dir, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestSettlerBatchesAndRestarts(t *testing.T) {
	e := newEnv(t, 4, nil) // keys[0] payee running the settler; keys[1..3] clients
	payee := e.keys[0]
	d := e.cl[0].Domain()
	for i := 1; i < 4; i++ {
		e.tx(e.cl[i].Deposit(e.ctx, gwei(1000)))
	}
	dir := t.TempDir()
	db := openDB(t, dir)
	s, err := New(Config{Chain: e.cl[0], DB: db, Logger: quietLogger(), MaxBatch: 3, MaxAge: time.Hour, Tick: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	// Bad vouchers are refused at the door.
	bad := voucher(t, d, e.keys[1], payee.Address(), gwei(1))
	bad.CumulativeAmount = gwei(2)
	if err := s.Enqueue(bad); !errors.Is(err, ErrBadVoucher) {
		t.Fatalf("bad voucher: %v", err)
	}
	// Two vouchers of one pair keep only the newest; below MaxBatch nothing flushes.
	rc := func(i byte, amt int64) Receipt {
		return Receipt{TaskID: common.Hash{i}, Client: e.keys[1].Address(), Payee: payee.Address(), Amount: gwei(amt)}
	}
	must0(t, s.Enqueue(voucher(t, d, e.keys[1], payee.Address(), gwei(10)), rc(1, 10)))
	must0(t, s.Enqueue(voucher(t, d, e.keys[1], payee.Address(), gwei(25)), rc(2, 15)))
	must0(t, s.Enqueue(voucher(t, d, e.keys[1], payee.Address(), gwei(20)))) // older: ignored
	must0(t, s.Enqueue(voucher(t, d, e.keys[2], payee.Address(), gwei(7))))
	if err := s.Start(e.ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	if got := e.num(e.cl[0].Paid(e.ctx, e.keys[1].Address(), payee.Address())); got.Sign() != 0 {
		t.Fatalf("flushed below MaxBatch: paid %s", got)
	}
	// The third pair reaches MaxBatch.
	must0(t, s.Enqueue(voucher(t, d, e.keys[3], payee.Address(), gwei(3))))
	waitFor(t, 10*time.Second, "batch", func() bool {
		v, _, f, _ := s.Pending()
		return v == 0 && !f
	})
	if got := e.num(e.cl[0].Paid(e.ctx, e.keys[1].Address(), payee.Address())); got.Cmp(gwei(25)) != 0 {
		t.Fatalf("paid %s, want 25 gwei", got)
	}
	st := s.Stats()
	if st.Batches != 1 || st.Vouchers != 3 {
		t.Fatalf("stats %+v", st)
	}
	// The batch record proves both receipts against the on-chain root.
	bs, err := e.cl[0].FindBatches(e.ctx, NewMerkleTree([]Receipt{rc(1, 10), rc(2, 15)}).Root())
	if err != nil || len(bs) != 1 {
		t.Fatalf("batches %v %v", bs, err)
	}
	rec, err := s.Batch(bs[0].ReceiptsRoot)
	if err != nil || len(rec.Receipts) != 2 {
		t.Fatalf("record %+v %v", rec, err)
	}

	// Restart: a voucher queued before Close is settled by the next Settler.
	must0(t, s.Enqueue(voucher(t, d, e.keys[2], payee.Address(), gwei(9))))
	must0(t, s.Close())
	must0(t, db.Close())
	db = openDB(t, dir)
	defer db.Close()
	s2, err := New(Config{Chain: e.cl[0], DB: db, Logger: quietLogger(), MaxBatch: 100, MaxAge: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
	defer cancel()
	must0(t, s2.Flush(ctx))
	if got := e.num(e.cl[0].Paid(e.ctx, e.keys[2].Address(), payee.Address())); got.Cmp(gwei(9)) != 0 {
		t.Fatalf("after restart paid %s, want 9 gwei", got)
	}
}

func TestSettlerShortDepositAndGasCap(t *testing.T) {
	e := newEnv(t, 2, nil)
	d := e.cl[0].Domain()
	e.tx(e.cl[1].Deposit(e.ctx, gwei(5)))
	db, err := store.Open(store.Config{InMemory: true, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := New(Config{Chain: e.cl[0], DB: db, Logger: quietLogger(), GasPriceCap: big.NewInt(1), RetryMin: time.Millisecond, RetryMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	must0(t, s.Enqueue(voucher(t, d, e.keys[1], e.keys[0].Address(), gwei(8))))
	ctx, cancel := context.WithTimeout(e.ctx, 200*time.Millisecond)
	err = s.Flush(ctx)
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("flush under a 1 wei cap: %v", err)
	}
	if got := e.num(e.cl[0].Paid(e.ctx, e.keys[1].Address(), e.keys[0].Address())); got.Sign() != 0 {
		t.Fatal("sent above the gas cap")
	}
	s.cfg.GasPriceCap = gwei(1000)
	must0(t, s.Flush(e.ctx))
	// Only 5 of 8 could be paid: the voucher stays queued, parked.
	if got := e.num(e.cl[0].Paid(e.ctx, e.keys[1].Address(), e.keys[0].Address())); got.Cmp(gwei(5)) != 0 {
		t.Fatalf("paid %s", got)
	}
	if v, _, _, _ := s.Pending(); v != 1 {
		t.Fatalf("pending %d, want the short voucher kept", v)
	}
}

func TestSettlerEvidence(t *testing.T) {
	sl := newSlashEnv(t, 10, TestParams())
	db, err := store.Open(store.Config{InMemory: true, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := New(Config{Chain: sl.cl[2], DB: db, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, sig, el := sl.commitment(2, 5)
	ev := Evidence{c, sig, sl.attest(c, false, el[:2]...)}
	must0(t, s.EnqueueEvidence(ev))
	dup := ev // a second copy for an already slashed award block is dropped by the contract check
	c2 := c
	c2.TaskID = common.Hash{0xee}
	sig2, _ := c2.Sign(sl.provider, sl.cl[0].Domain())
	dup = Evidence{c2, sig2, sl.attest(c2, false, el[:2]...)} // ineligible committee for this task id, most likely
	_ = s.EnqueueEvidence(dup)
	if err := s.EnqueueEvidence(Evidence{Commitment: c, CommitmentSig: sig}); !errors.Is(err, ErrBadEvidence) {
		t.Fatalf("no attestations: %v", err)
	}
	must0(t, s.Flush(e2ctx(sl)))
	if st := sl.staker(sl.cl[0].StakeOf(sl.ctx, sl.provider.Address())); st.LastSlashedBlock != c.AwardBlock {
		t.Fatalf("provider not slashed: %+v", st)
	}
	if _, n, f, _ := s.Pending(); n != 0 || f {
		t.Fatalf("evidence left: %d %v", n, f)
	}
	if s.Stats().Slashes != 1 {
		t.Fatalf("stats %+v", s.Stats())
	}
}

func e2ctx(s *slashEnv) context.Context { return s.ctx }

func must0(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
