package settle

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/p2p/typed"
)

func TestMerkleProofs(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 8, 33} {
		var rs []Receipt
		for i := range n {
			rs = append(rs, Receipt{TaskID: common.BigToHash(big.NewInt(int64(i))), Amount: big.NewInt(int64(i))})
		}
		tree := NewMerkleTree(rs)
		for _, r := range rs {
			proof, ok := tree.Proof(r)
			if !ok || !VerifyReceipt(tree.Root(), r, proof) {
				t.Fatalf("n=%d: proof of %v fails", n, r.TaskID)
			}
			bad := r
			bad.Amount = big.NewInt(1000)
			if VerifyReceipt(tree.Root(), bad, proof) {
				t.Fatalf("n=%d: tampered receipt verifies", n)
			}
		}
	}
	if NewMerkleTree(nil).Root() != (common.Hash{}) {
		t.Fatal("empty root")
	}
}

func TestReceiptOnChain(t *testing.T) {
	e := newEnv(t, 2, nil)
	d := e.cl[0].Domain()
	e.tx(e.cl[0].Deposit(e.ctx, gwei(100)))
	rs := []Receipt{
		{TaskID: common.Hash{1}, Client: e.keys[0].Address(), Payee: e.keys[1].Address(), Amount: gwei(4)},
		{TaskID: common.Hash{2}, Client: e.keys[0].Address(), Payee: e.keys[1].Address(), Amount: gwei(6)},
	}
	tree := NewMerkleTree(rs)
	e.tx(e.cl[1].Settle(e.ctx, []typed.SignedVoucher{voucher(t, d, e.keys[0], e.keys[1].Address(), gwei(10))}, tree.Root()))
	proof, _ := tree.Proof(rs[1])
	bs, err := e.cl[1].VerifyOnChain(e.ctx, ReceiptProof{Receipt: rs[1], Root: tree.Root(), Proof: proof})
	if err != nil || len(bs) != 1 || bs[0].Total.Cmp(gwei(10)) != 0 {
		t.Fatalf("verify: %v %+v", err, bs)
	}
	if _, err := e.cl[1].VerifyOnChain(e.ctx, ReceiptProof{Receipt: rs[1], Root: common.Hash{7}, Proof: proof}); !errors.Is(err, ErrBadProof) {
		t.Fatalf("wrong root: %v", err)
	}
	lone := NewMerkleTree(rs[:1])
	if _, err := e.cl[1].VerifyOnChain(e.ctx, ReceiptProof{Receipt: rs[0], Root: lone.Root()}); !errors.Is(err, ErrNoRoot) {
		t.Fatalf("unknown root: %v", err)
	}
}
