package settle

import (
	"context"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"

	"github.com/ogpu/ogpu/p2p/identity"
)

// MainnetRules returns a copy of the dev chain config with only the forks
// live on mainnet (through Osaka): geth's dev and simulated chains also
// enable draft forks (Amsterdam, Bogota: EIP-8037/8038 state gas) whose
// storage pricing is several times higher.
func MainnetRules() *params.ChainConfig {
	cfg := *params.AllDevChainProtocolChanges
	cfg.AmsterdamTime, cfg.BogotaTime, cfg.UBTTime = nil, nil, nil
	return &cfg
}

// SimConfig configures a simulated chain.
type SimConfig struct {
	// Alloc funds accounts at genesis (wei).
	Alloc map[common.Address]*big.Int
	// DraftForks keeps geth's default simulated config with its draft
	// forks (only to compare gas). Default: MainnetRules.
	DraftForks bool
	// Params of the deployed contract. Default TestParams().
	Params *Params
}

// Sim is an in-process simulated chain with the Settlement contract
// deployed, shared by every in-process node. Every transaction is mined in
// its own block as soon as it is sent (auto-commit under a mutex), so
// callers never call Commit. Safe for concurrent use.
type Sim struct {
	sim      *simulated.Backend
	backend  *simBackend
	faucet   *identity.Key
	contract common.Address
	owner    *identity.Key

	mu     sync.Mutex // serializes send+commit and time travel
	fundMu sync.Mutex // serializes faucet nonces
	closed bool
}

// simBackend mines a block after every sent transaction.
type simBackend struct {
	simulated.Client
	s *Sim
}

func (b *simBackend) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	b.s.mu.Lock()
	defer b.s.mu.Unlock()
	if b.s.closed {
		return ErrClosed
	}
	if err := b.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	// The txpool admits transactions asynchronously: under load a Commit
	// can seal a block before the pool offers the new transaction. Commit
	// until it is mined, so every sent transaction is in a block on return.
	for range 50 {
		b.s.sim.Commit()
		if _, err := b.Client.TransactionReceipt(ctx, tx.Hash()); err == nil {
			return nil
		}
		if err := sleepCtx(ctx, time.Millisecond); err != nil {
			return err
		}
	}
	return fmt.Errorf("settle: simulated chain did not mine %s", tx.Hash())
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

var simFaucetBalance = new(big.Int).Lsh(big.NewInt(1), 100)

// NewSim starts a simulated chain and deploys Settlement. Close it.
func NewSim(ctx context.Context, cfg SimConfig) (*Sim, error) {
	faucet, err := identity.Generate()
	if err != nil {
		return nil, err
	}
	owner, err := identity.Generate()
	if err != nil {
		return nil, err
	}
	alloc := types.GenesisAlloc{faucet.Address(): {Balance: simFaucetBalance}, owner.Address(): {Balance: big.NewInt(1e18)}}
	for a, v := range cfg.Alloc {
		alloc[a] = types.Account{Balance: new(big.Int).Set(v)}
	}
	opts := []func(*node.Config, *ethconfig.Config){}
	if !cfg.DraftForks {
		opts = append(opts, func(_ *node.Config, e *ethconfig.Config) { e.Genesis.Config = MainnetRules() })
	}
	s := &Sim{sim: simulated.NewBackend(alloc, opts...), faucet: faucet, owner: owner}
	s.backend = &simBackend{Client: s.sim.Client(), s: s}
	p := TestParams()
	if cfg.Params != nil {
		p = *cfg.Params
	}
	s.contract, err = Deploy(ctx, s.backend, owner, p)
	if err != nil {
		s.sim.Close()
		return nil, err
	}
	return s, nil
}

// Backend returns the auto-committing backend.
func (s *Sim) Backend() Backend { return s.backend }

// Contract returns the Settlement address.
func (s *Sim) Contract() common.Address { return s.contract }

// Owner returns the contract owner's key.
func (s *Sim) Owner() *identity.Key { return s.owner }

// Client returns a Client for key (nil: read-only).
func (s *Sim) Client(ctx context.Context, key *identity.Key) (*Client, error) {
	return NewClient(ctx, s.backend, s.contract, key, ClientOptions{Poll: time.Millisecond})
}

// Fund sends amount wei from the faucet to a.
func (s *Sim) Fund(ctx context.Context, a common.Address, amount *big.Int) error {
	s.fundMu.Lock()
	defer s.fundMu.Unlock()
	return Transfer(ctx, s.backend, s.faucet, a, amount)
}

// AdjustTime moves the chain clock forward by d and mines a block.
func (s *Sim) AdjustTime(d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.sim.AdjustTime(d); err != nil {
		// A transaction the pool admitted late is pending: mine it first.
		s.sim.Commit()
		if err := s.sim.AdjustTime(d); err != nil {
			return fmt.Errorf("settle: adjust time: %w", err)
		}
	}
	return nil
}

// Mine mines an empty block.
func (s *Sim) Mine() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sim.Commit()
}

// Close stops the chain.
func (s *Sim) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	return s.sim.Close()
}

// Transfer sends amount wei from key to a and waits for it to be mined.
func Transfer(ctx context.Context, b Backend, from *identity.Key, to common.Address, amount *big.Int) error {
	chainID, err := b.ChainID(ctx)
	if err != nil {
		return fmt.Errorf("settle: chain id: %w", err)
	}
	nonce, err := b.PendingNonceAt(ctx, from.Address())
	if err != nil {
		return fmt.Errorf("settle: nonce: %w", err)
	}
	head, err := b.HeaderByNumber(ctx, nil)
	if err != nil {
		return fmt.Errorf("settle: head: %w", err)
	}
	tip, err := b.SuggestGasTipCap(ctx)
	if err != nil {
		return fmt.Errorf("settle: tip: %w", err)
	}
	feeCap := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip)
	tx, err := types.SignTx(types.NewTx(&types.DynamicFeeTx{ChainID: chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap,
		Gas: 21000, To: &to, Value: amount}), types.LatestSignerForChainID(chainID), from.ECDSA())
	if err != nil {
		return fmt.Errorf("settle: sign: %w", err)
	}
	if err := b.SendTransaction(ctx, tx); err != nil {
		return fmt.Errorf("settle: transfer: %w", err)
	}
	poll := time.NewTicker(5 * time.Millisecond)
	defer poll.Stop()
	for {
		r, err := b.TransactionReceipt(ctx, tx.Hash())
		if err == nil {
			if r.Status != types.ReceiptStatusSuccessful {
				return fmt.Errorf("settle: transfer %s failed", tx.Hash())
			}
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-poll.C:
		}
	}
}
