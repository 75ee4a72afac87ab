package settle

import (
	"encoding/json"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/ogpu/ogpu/p2p/typed"
)

// Money tables of the Settler.
const (
	tableVouchers = "settle_vouchers" // client‖payee → queuedVoucher
	tableEvidence = "settle_evidence" // taskId‖provider → queuedEvidence
	tableInflight = "settle_inflight" // "tx" → inflight
	tableBatches  = "settle_batches"  // receipts root → batchRecord
)

var inflightKey = []byte("tx")

// queuedVoucher is the newest voucher of a pair not yet known to be paid.
type queuedVoucher struct {
	Voucher  typed.SignedVoucher `json:"voucher"`
	Receipts []Receipt           `json:"receipts,omitempty"`
	Since    time.Time           `json:"since"`          // oldest unsettled enqueue
	Short    time.Time           `json:"short,omitzero"` // last batch left it partly unpaid
	Paid     *big.Int            `json:"paid,omitempty"` // last known on-chain paid
}

type queuedEvidence struct {
	Evidence Evidence  `json:"evidence"`
	Since    time.Time `json:"since"`
}

// inflight is the one transaction the Settler has signed and may have sent.
// It is written before the broadcast, so a restart always knows about it.
type inflight struct {
	Kind     string         `json:"kind"` // "settle" or "slash"
	Raw      hexutil.Bytes  `json:"raw"`
	Hash     common.Hash    `json:"hash"`
	Nonce    uint64         `json:"nonce"`
	SentAt   time.Time      `json:"sentAt"`
	Pairs    []pairAmount   `json:"pairs,omitempty"`
	Receipts []Receipt      `json:"receipts,omitempty"`
	NumRcpt  map[string]int `json:"numRcpt,omitempty"` // pair key → receipts included
	Root     common.Hash    `json:"root"`
	Evidence hexutil.Bytes  `json:"evidence,omitempty"` // queue key
}

type pairAmount struct {
	Client common.Address `json:"client"`
	Payee  common.Address `json:"payee"`
	Amount *big.Int       `json:"amount"`
}

// BatchRecord is a settled batch as the Settler keeps it, with the receipts
// whose root the Settled event carries (for `ogpu receipt prove`).
type BatchRecord struct {
	Root     common.Hash `json:"root"`
	TxHash   common.Hash `json:"txHash"`
	Block    uint64      `json:"block"`
	GasUsed  uint64      `json:"gasUsed"`
	Vouchers int         `json:"vouchers"`
	Receipts []Receipt   `json:"receipts"`
}

func pairKey(client, payee common.Address) []byte {
	return append(append(make([]byte, 0, 40), client[:]...), payee[:]...)
}

func jsonUnmarshal(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("settle: corrupt queue record: %w", err)
	}
	return nil
}
