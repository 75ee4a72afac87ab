package settle

import (
	"fmt"
	"math/big"
	"time"
)

// Params are the owner-set contract parameters.
type Params struct {
	// WithdrawDelay between requestWithdraw and withdraw, so payees can
	// redeem their vouchers first. Default 1h.
	WithdrawDelay time.Duration
	// UnstakeDelay between requestUnstake and unstake, so evidence can land
	// first. Default 24h.
	UnstakeDelay time.Duration
	// MinStake in wei. Default 0.1 ether.
	MinStake *big.Int
	// SlashBps: share of the provider's stake one slash takes, in basis
	// points. Default 5000.
	SlashBps uint16
	// ClientBps / VerifierBps: shares of the slashed amount credited to the
	// client's deposit and split among the attesting verifiers; the rest is
	// burned. Defaults 4000 / 4000.
	ClientBps, VerifierBps uint16
	// Quorum: "invalid" attestations from eligible verifiers needed to
	// slash. Default 5.
	Quorum uint8
	// CommitteeSize: expected committee size of the sortition. Default 7.
	CommitteeSize uint8
}

// DefaultParams returns the production defaults.
func DefaultParams() Params {
	return Params{
		WithdrawDelay: time.Hour, UnstakeDelay: 24 * time.Hour,
		MinStake: new(big.Int).Div(big.NewInt(1e18), big.NewInt(10)),
		SlashBps: 5000, ClientBps: 4000, VerifierBps: 4000, Quorum: 5, CommitteeSize: 7,
	}
}

// TestParams returns parameters for simulations and dev chains: short
// delays, tiny minimum stake, quorum 2 of an expected 3.
func TestParams() Params {
	p := DefaultParams()
	p.WithdrawDelay, p.UnstakeDelay = 10*time.Second, 10*time.Second
	p.MinStake = big.NewInt(1e9)
	p.Quorum, p.CommitteeSize = 2, 3
	return p
}

func (p Params) check() error {
	if p.MinStake == nil || p.MinStake.Sign() <= 0 || p.SlashBps > 10000 || int(p.ClientBps)+int(p.VerifierBps) > 10000 ||
		p.Quorum == 0 || p.CommitteeSize == 0 || p.WithdrawDelay < 0 || p.UnstakeDelay < 0 ||
		p.WithdrawDelay > time.Duration(1<<32-1)*time.Second || p.UnstakeDelay > time.Duration(1<<32-1)*time.Second {
		return fmt.Errorf("%w: contract params %+v", ErrConfig, p)
	}
	return nil
}
