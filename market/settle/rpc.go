package settle

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/ogpu/ogpu/p2p/identity"
)

// ChainConfig is the node's chain section: chain.rpc and chain.contract.
type ChainConfig struct {
	// RPC is an Ethereum JSON-RPC endpoint (http, ws or ipc).
	RPC string `toml:"rpc"`
	// Contract is the Settlement address.
	Contract common.Address `toml:"contract"`
}

// Dial connects to an RPC endpoint and binds the contract. key may be nil
// for read-only use. Close the returned closer when done.
func Dial(ctx context.Context, cfg ChainConfig, key *identity.Key, opts ClientOptions) (*Client, func(), error) {
	if cfg.RPC == "" {
		return nil, nil, fmt.Errorf("%w: no chain RPC endpoint (set chain.rpc or --rpc)", ErrConfig)
	}
	if cfg.Contract == (common.Address{}) {
		return nil, nil, fmt.Errorf("%w: no contract address (set chain.contract or --contract)", ErrConfig)
	}
	ec, err := ethclient.DialContext(ctx, cfg.RPC)
	if err != nil {
		return nil, nil, fmt.Errorf("settle: dial %s: %w", cfg.RPC, err)
	}
	c, err := NewClient(ctx, ec, cfg.Contract, key, opts)
	if err != nil {
		ec.Close()
		return nil, nil, err
	}
	return c, ec.Close, nil
}
