// Package devchain runs an embedded go-ethereum dev chain with HTTP RPC on
// the address it is given (127.0.0.1 by default), deploys Settlement and
// funds dev accounts: the backend of `ogpu devnet`, for several ogpu
// processes on one machine. It mines a block as soon as a transaction
// arrives (geth --dev with period 0).
//
// The embedded node logs through go-ethereum's global logger; the library
// leaves it alone. Commands and tests that want quiet set
// log.SetDefault(log.NewLogger(log.DiscardHandler())).
package devchain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/p2p/identity"
)

// Config configures Start.
type Config struct {
	// HTTP is the RPC listen address. Default "127.0.0.1:0" (a free port).
	HTTP string
	// Accounts: funded dev accounts to create. Default 4.
	Accounts int
	// Keys, if set, are funded instead of fresh random accounts.
	Keys []*identity.Key
	// Balance of each account in wei. Default 1000 ether.
	Balance *big.Int
	// Params of the contract. Default settle.TestParams().
	Params *settle.Params
	// DraftForks keeps geth's draft forks (gas comparisons only).
	DraftForks bool
}

// Chain is a running dev chain.
type Chain struct {
	URL      string
	ChainID  *big.Int
	Contract common.Address
	Owner    *identity.Key
	Keys     []*identity.Key
	stack    *node.Node
}

// Start starts the chain, deploys Settlement and funds the accounts.
func Start(ctx context.Context, cfg Config) (*Chain, error) {
	if cfg.HTTP == "" {
		cfg.HTTP = "127.0.0.1:0"
	}
	host, portStr, err := net.SplitHostPort(cfg.HTTP)
	if err != nil {
		return nil, fmt.Errorf("devchain: http address %q: %w", cfg.HTTP, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, fmt.Errorf("devchain: http port %q: %w", portStr, err)
	}
	if cfg.Accounts <= 0 && len(cfg.Keys) == 0 {
		cfg.Accounts = 4
	}
	if cfg.Balance == nil {
		cfg.Balance = new(big.Int).Mul(big.NewInt(1000), big.NewInt(1e18))
	}
	keys := cfg.Keys
	for len(keys) < cfg.Accounts {
		k, err := identity.Generate()
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	owner, err := identity.Generate()
	if err != nil {
		return nil, err
	}
	faucet := owner.Address()
	genesis := core.DeveloperGenesisBlock(60_000_000, &faucet)
	if !cfg.DraftForks {
		genesis.Config = settle.MainnetRules()
	}
	for a, acc := range core.SystemContractAllocs() {
		if _, ok := genesis.Alloc[a]; !ok {
			genesis.Alloc[a] = acc
		}
	}
	genesis.Alloc[faucet] = types.Account{Balance: new(big.Int).Lsh(big.NewInt(1), 100)}
	for _, k := range keys {
		genesis.Alloc[k.Address()] = types.Account{Balance: new(big.Int).Set(cfg.Balance)}
	}

	stack, err := node.New(&node.Config{
		DataDir: "", HTTPHost: host, HTTPPort: port, HTTPModules: []string{"eth", "net", "web3", "dev"},
		HTTPVirtualHosts: []string{"*"}, P2P: p2p.Config{NoDiscovery: true, MaxPeers: 0, ListenAddr: ""},
	})
	if err != nil {
		return nil, fmt.Errorf("devchain: node: %w", err)
	}
	ecfg := ethconfig.Defaults
	ecfg.NetworkId = genesis.Config.ChainID.Uint64()
	ecfg.SyncMode = ethconfig.FullSync
	ecfg.Genesis = genesis
	ecfg.Miner.PendingFeeRecipient = faucet
	ecfg.TxPool.NoLocals = true
	backend, err := eth.New(stack, &ecfg)
	if err != nil {
		stack.Close()
		return nil, fmt.Errorf("devchain: eth: %w", err)
	}
	fs := filters.NewFilterSystem(backend.APIBackend, filters.Config{})
	stack.RegisterAPIs([]rpc.API{{Namespace: "eth", Service: filters.NewFilterAPI(fs)}})
	beacon, err := catalyst.NewSimulatedBeacon(0, faucet, backend)
	if err != nil {
		stack.Close()
		return nil, fmt.Errorf("devchain: beacon: %w", err)
	}
	catalyst.RegisterSimulatedBeaconAPIs(stack, beacon)
	stack.RegisterLifecycle(beacon)
	if err := stack.Start(); err != nil {
		stack.Close()
		return nil, fmt.Errorf("devchain: start: %w", err)
	}
	c := &Chain{URL: stack.HTTPEndpoint(), ChainID: genesis.Config.ChainID, Owner: owner, Keys: keys, stack: stack}
	ec := ethclient.NewClient(stack.Attach())
	defer ec.Close()
	p := settle.TestParams()
	if cfg.Params != nil {
		p = *cfg.Params
	}
	if c.Contract, err = settle.Deploy(ctx, ec, owner, p); err != nil {
		stack.Close()
		return nil, err
	}
	return c, nil
}

// Close stops the chain (in-memory: its state is gone).
func (c *Chain) Close() error {
	if c.stack == nil {
		return nil
	}
	err := c.stack.Close()
	c.stack = nil
	if errors.Is(err, node.ErrNodeStopped) {
		return nil
	}
	return err
}
