package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/log"

	"github.com/ogpu/ogpu/market/settle/devchain"
)

// quietLog discards library logs in short CLI commands.
func quietLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

// devnetInfo is what `ogpu devnet` prints.
type devnetInfo struct {
	RPC      string          `json:"rpc"`
	ChainID  *big.Int        `json:"chainId"`
	Contract common.Address  `json:"contract"`
	Accounts []devnetAccount `json:"accounts"`
}

type devnetAccount struct {
	Address    common.Address `json:"address"`
	PrivateKey string         `json:"privateKey"`
}

func cmdDevnet(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("devnet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	httpAddr := fs.String("http", "127.0.0.1:8545", "HTTP JSON-RPC listen address (use port 0 for a free one)")
	accounts := fs.Int("accounts", 4, "number of funded dev accounts")
	asJSON := fs.Bool("json", false, "print one JSON line")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return exitUsage{fmt.Errorf("devnet: unexpected arguments %v", fs.Args())}
	}
	// The embedded geth logs through its global logger: silence it here, in
	// the command, never in library code.
	log.SetDefault(log.NewLogger(log.DiscardHandler()))
	chain, err := devchain.Start(ctx, devchain.Config{HTTP: *httpAddr, Accounts: *accounts})
	if err != nil {
		return err
	}
	defer chain.Close()
	info := devnetInfo{RPC: chain.URL, ChainID: chain.ChainID, Contract: chain.Contract}
	for _, k := range chain.Keys {
		info.Accounts = append(info.Accounts, devnetAccount{Address: k.Address(), PrivateKey: "0x" + hex.EncodeToString(k.Bytes())})
	}
	if *asJSON {
		if err := json.NewEncoder(stdout).Encode(info); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stdout, "ogpu dev chain (in memory; gone when this stops)\n\nrpc:      %s\nchain id: %s\ncontract: %s\n\nfunded accounts (1000 ether each; dev keys, never use them elsewhere):\n",
			info.RPC, info.ChainID, info.Contract)
		for _, a := range info.Accounts {
			fmt.Fprintf(stdout, "  %s  %s\n", a.Address, a.PrivateKey)
		}
		fmt.Fprintf(stdout, "\nUse it: ogpu chain deposit 1ether --rpc %s --contract %s\n(or set chain.rpc and chain.contract in config.toml). Ctrl-C stops the chain.\n", info.RPC, info.Contract)
	}
	<-ctx.Done()
	return nil
}
