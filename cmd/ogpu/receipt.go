package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/store"
)

const receiptUsage = `Usage:
  ogpu receipt prove --root ROOT --task TASKID [--datadir DIR]  > proof.json
        build the Merkle proof of a task receipt from this node's settled
        batches (stop the daemon first: it needs the node's database)
  ogpu receipt verify [--rpc URL --contract ADDR | --datadir DIR] proof.json
        check a receipt and its proof against the root of a Settled event
        on the chain ('-' reads stdin)
`

func cmdReceipt(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, receiptUsage)
		if len(args) == 0 {
			return exitUsage{errors.New("receipt: no action given")}
		}
		return nil
	}
	fs := flag.NewFlagSet("receipt "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, receiptUsage) }
	var f chainFlags
	f.register(fs)
	root := fs.String("root", "", "receipts root of the batch (prove)")
	task := fs.String("task", "", "task ID of the receipt (prove)")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	switch args[0] {
	case "prove":
		if *root == "" || *task == "" {
			return exitUsage{errors.New("receipt prove: --root and --task are required")}
		}
		p, err := proveReceipt(f.datadir, common.HexToHash(*root), common.HexToHash(*task))
		if err != nil {
			return err
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	case "verify":
		if len(pos) != 1 {
			return exitUsage{errors.New("receipt verify: want one proof file")}
		}
		var raw []byte
		if pos[0] == "-" {
			raw, err = io.ReadAll(os.Stdin)
		} else {
			raw, err = os.ReadFile(pos[0])
		}
		if err != nil {
			return err
		}
		var p settle.ReceiptProof
		if err := json.Unmarshal(raw, &p); err != nil {
			return fmt.Errorf("receipt verify: %s: %w", pos[0], err)
		}
		c, closeRPC, err := f.dial(ctx, false)
		if err != nil {
			return err
		}
		defer closeRPC()
		bs, err := c.VerifyOnChain(ctx, p)
		if err != nil {
			return err
		}
		if f.json {
			return json.NewEncoder(stdout).Encode(struct {
				Valid   bool           `json:"valid"`
				Batches []settle.Batch `json:"batches"`
			}{true, bs})
		}
		fmt.Fprintf(stdout, "valid: task %s paid %s to %s, in batch tx %s (block %d)\n",
			p.Receipt.TaskID, fmtWei(p.Receipt.Amount), p.Receipt.Payee, bs[0].TxHash, bs[0].Block)
		return nil
	default:
		fmt.Fprint(stderr, receiptUsage)
		return exitUsage{fmt.Errorf("receipt: unknown action %q", args[0])}
	}
}

func proveReceipt(datadir string, root, task common.Hash) (settle.ReceiptProof, error) {
	db, err := store.Open(store.Config{Dir: filepath.Join(datadir, "db"), Logger: quietLog()})
	if err != nil {
		return settle.ReceiptProof{}, err
	}
	defer db.Close()
	rec, err := settle.LoadBatch(db, root)
	if err != nil {
		return settle.ReceiptProof{}, err
	}
	tree := settle.NewMerkleTree(rec.Receipts)
	for _, r := range rec.Receipts {
		if r.TaskID == task {
			proof, _ := tree.Proof(r)
			return settle.ReceiptProof{Receipt: r, Root: tree.Root(), Proof: proof}, nil
		}
	}
	return settle.ReceiptProof{}, fmt.Errorf("receipt: task %s is not in batch %s", task, root)
}
