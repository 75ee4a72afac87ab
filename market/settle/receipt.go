package settle

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
)

// Receipt records one paid task: what the client paid the payee for the
// task's result. A settle batch commits to the Merkle root of the receipts
// it pays for, so any receipt can later be proved against the Settled event.
type Receipt struct {
	TaskID     common.Hash    `json:"taskId"`
	Client     common.Address `json:"client"`
	Payee      common.Address `json:"payee"`
	Amount     *big.Int       `json:"amount"`
	ResultHash common.Hash    `json:"resultHash"`
}

// Leaf is keccak256(keccak256(abi.encode(taskId, client, payee, amount,
// resultHash))): double-hashed, so a leaf never collides with an inner node
// (the OpenZeppelin MerkleProof convention).
func (r Receipt) Leaf() common.Hash {
	amt := r.Amount
	if amt == nil {
		amt = new(big.Int)
	}
	enc := make([]byte, 0, 160)
	enc = append(enc, r.TaskID[:]...)
	enc = append(enc, common.LeftPadBytes(r.Client[:], 32)...)
	enc = append(enc, common.LeftPadBytes(r.Payee[:], 32)...)
	enc = append(enc, common.BigToHash(amt).Bytes()...)
	enc = append(enc, r.ResultHash[:]...)
	inner := ethcrypto.Keccak256(enc)
	return ethcrypto.Keccak256Hash(inner)
}

// MerkleTree is a binary Merkle tree over sorted leaves with sorted-pair
// hashing (keccak256(min ‖ max)); an odd node is carried up unchanged. The
// root of no leaves is the zero hash.
type MerkleTree struct {
	levels [][]common.Hash // levels[0] = sorted leaves
}

// NewMerkleTree builds the tree of the receipts.
func NewMerkleTree(receipts []Receipt) *MerkleTree {
	leaves := make([]common.Hash, len(receipts))
	for i, r := range receipts {
		leaves[i] = r.Leaf()
	}
	slices.SortFunc(leaves, func(a, b common.Hash) int { return bytes.Compare(a[:], b[:]) })
	t := &MerkleTree{levels: [][]common.Hash{leaves}}
	for cur := leaves; len(cur) > 1; {
		next := make([]common.Hash, 0, (len(cur)+1)/2)
		for i := 0; i < len(cur); i += 2 {
			if i+1 == len(cur) {
				next = append(next, cur[i])
				continue
			}
			next = append(next, hashPair(cur[i], cur[i+1]))
		}
		t.levels = append(t.levels, next)
		cur = next
	}
	return t
}

// Root returns the root.
func (t *MerkleTree) Root() common.Hash {
	top := t.levels[len(t.levels)-1]
	if len(top) == 0 {
		return common.Hash{}
	}
	return top[0]
}

// Proof returns the sibling path of receipt r, or false if r is not a leaf.
func (t *MerkleTree) Proof(r Receipt) ([]common.Hash, bool) {
	leaf := r.Leaf()
	i, ok := slices.BinarySearchFunc(t.levels[0], leaf, func(a, b common.Hash) int { return bytes.Compare(a[:], b[:]) })
	if !ok {
		return nil, false
	}
	var proof []common.Hash
	for _, lvl := range t.levels[:len(t.levels)-1] {
		if sib := i ^ 1; sib < len(lvl) {
			proof = append(proof, lvl[sib])
		}
		i /= 2
	}
	return proof, true
}

// VerifyReceipt reports whether proof leads from r's leaf to root.
func VerifyReceipt(root common.Hash, r Receipt, proof []common.Hash) bool {
	h := r.Leaf()
	for _, p := range proof {
		h = hashPair(h, p)
	}
	return h == root
}

func hashPair(a, b common.Hash) common.Hash {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	return ethcrypto.Keccak256Hash(a[:], b[:])
}

// Batch is a Settled event.
type Batch struct {
	ReceiptsRoot common.Hash    `json:"receiptsRoot"`
	Submitter    common.Address `json:"submitter"`
	Vouchers     uint64         `json:"vouchers"`
	Total        *big.Int       `json:"total"`
	TxHash       common.Hash    `json:"txHash"`
	Block        uint64         `json:"block"`
}

// FindBatches returns the Settled events that carry root.
func (c *Client) FindBatches(ctx context.Context, root common.Hash) ([]Batch, error) {
	return c.batches(ctx, [][]common.Hash{{c.abi.Events["Settled"].ID}, {root}})
}

func (c *Client) batches(ctx context.Context, topics [][]common.Hash) ([]Batch, error) {
	logs, err := c.b.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int), Addresses: []common.Address{c.addr}, Topics: topics,
	})
	if err != nil {
		return nil, fmt.Errorf("settle: filter logs: %w", err)
	}
	var out []Batch
	for i := range logs {
		st, err := c.c.UnpackSettledEvent(&logs[i])
		if err != nil {
			continue
		}
		out = append(out, Batch{ReceiptsRoot: st.ReceiptsRoot, Submitter: st.Submitter, Vouchers: st.Vouchers.Uint64(),
			Total: st.Total, TxHash: logs[i].TxHash, Block: logs[i].BlockNumber})
	}
	return out, nil
}

// AllBatches returns every Settled event.
func (c *Client) AllBatches(ctx context.Context) ([]Batch, error) {
	return c.batches(ctx, [][]common.Hash{{c.abi.Events["Settled"].ID}})
}

// ReceiptProof is everything `ogpu receipt verify` needs.
type ReceiptProof struct {
	Receipt Receipt       `json:"receipt"`
	Root    common.Hash   `json:"root"`
	Proof   []common.Hash `json:"proof"`
}

// VerifyOnChain checks the proof and that a Settled event carries its root.
// It returns the matching batches.
func (c *Client) VerifyOnChain(ctx context.Context, p ReceiptProof) ([]Batch, error) {
	if !VerifyReceipt(p.Root, p.Receipt, p.Proof) {
		return nil, ErrBadProof
	}
	bs, err := c.FindBatches(ctx, p.Root)
	if err != nil {
		return nil, err
	}
	if len(bs) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNoRoot, p.Root)
	}
	return bs, nil
}
