package settle

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/market/settle/contract"
	"github.com/ogpu/ogpu/p2p/identity"
)

// Deploy deploys Settlement with params from owner's account and waits
// until it is mined.
func Deploy(ctx context.Context, b Backend, owner *identity.Key, p Params) (common.Address, error) {
	if err := p.check(); err != nil {
		return common.Address{}, err
	}
	chainID, err := b.ChainID(ctx)
	if err != nil {
		return common.Address{}, fmt.Errorf("settle: chain id: %w", err)
	}
	opts := bind.NewKeyedTransactor(owner.ECDSA(), chainID)
	opts.Context = ctx
	args := contract.NewSettlement().PackConstructor(uint32(p.WithdrawDelay/time.Second), uint32(p.UnstakeDelay/time.Second),
		p.MinStake, p.SlashBps, p.ClientBps, p.VerifierBps, p.Quorum, p.CommitteeSize)
	addr, tx, err := bind.DeployContract(opts, common.FromHex(contract.SettlementMetaData.Bin), b, args)
	if err != nil {
		return common.Address{}, fmt.Errorf("settle: deploy: %w", err)
	}
	if _, err := bind.WaitDeployed(ctx, b, tx.Hash()); err != nil {
		return common.Address{}, fmt.Errorf("settle: deploy: %w", err)
	}
	return addr, nil
}
