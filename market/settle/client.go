package settle

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/ogpu/ogpu/market/settle/contract"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
)

// Chain is the Settlement contract as one account sees it: the narrow
// surface the market, verify and the CLI use. *Client implements it.
type Chain interface {
	// Account is the address transactions are sent from.
	Account() common.Address
	// Domain is the EIP-712 domain vouchers and commitments must be signed in.
	Domain() identity.Domain

	Deposit(ctx context.Context, amount *big.Int) (*Tx, error)
	RequestWithdraw(ctx context.Context, amount *big.Int) (*Tx, error)
	Withdraw(ctx context.Context) (*Tx, error)
	Stake(ctx context.Context, amount *big.Int) (*Tx, error)
	RequestUnstake(ctx context.Context, amount *big.Int) (*Tx, error)
	Unstake(ctx context.Context) (*Tx, error)
	WithdrawEarnings(ctx context.Context, fromClients []common.Address) (*Tx, error)
	Settle(ctx context.Context, vouchers []typed.SignedVoucher, receiptsRoot common.Hash) (*Tx, error)
	Slash(ctx context.Context, ev Evidence) (*Tx, error)

	Paid(ctx context.Context, client, payee common.Address) (*big.Int, error)
	Owed(ctx context.Context, client, payee common.Address) (*big.Int, error)
	FreeDeposit(ctx context.Context, client common.Address) (*big.Int, error)
	ClientAccount(ctx context.Context, client common.Address) (ClientAccount, error)
	StakeOf(ctx context.Context, staker common.Address) (StakerAccount, error)
	TotalStake(ctx context.Context) (*big.Int, error)
	Earnings(ctx context.Context, payee common.Address, fromClients ...common.Address) (*big.Int, error)
	Head(ctx context.Context) (Block, error)
	BlockHash(ctx context.Context, number uint64) (common.Hash, error)
}

// Tx is a mined, successful transaction.
type Tx struct {
	Hash    common.Hash  `json:"hash"`
	Block   uint64       `json:"block"`
	GasUsed uint64       `json:"gasUsed"`
	Logs    []*types.Log `json:"-"`
}

// Block names a block.
type Block struct {
	Number uint64      `json:"number"`
	Hash   common.Hash `json:"hash"`
	Time   uint64      `json:"time"`
}

// ClientAccount is a client's deposit and pending withdrawal.
type ClientAccount struct {
	Deposit        *big.Int `json:"deposit"`
	WithdrawAmount *big.Int `json:"withdrawAmount"`
	WithdrawAt     uint64   `json:"withdrawAt"` // unix seconds; 0: no request
}

// StakerAccount is a staker's stake, slash rewards and slash marker.
type StakerAccount struct {
	Stake            *big.Int `json:"stake"`
	Earnings         *big.Int `json:"earnings"` // slash rewards
	LastSlashedBlock uint64   `json:"lastSlashedBlock"`
	UnstakeAmount    *big.Int `json:"unstakeAmount"`
	UnstakeAt        uint64   `json:"unstakeAt"`
}

// ClientOptions tune a Client. The zero value is usable.
type ClientOptions struct {
	// Poll is the receipt polling interval. Default 50ms.
	Poll time.Duration
}

// Client is a Settlement contract bound to a backend and (optionally) a
// signing key. Sends from one Client are serialized, so its nonces never
// collide; use one Client per key per process. Safe for concurrent use.
type Client struct {
	b       Backend
	addr    common.Address
	key     *identity.Key
	chainID *big.Int
	c       *contract.Settlement
	abi     *abi.ABI
	poll    time.Duration

	mu sync.Mutex // serializes sends
}

var _ Chain = (*Client)(nil)

// NewClient binds the Settlement contract at addr. key may be nil for a
// read-only client. It checks that the address holds code.
func NewClient(ctx context.Context, b Backend, addr common.Address, key *identity.Key, opts ClientOptions) (*Client, error) {
	chainID, err := b.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("settle: chain id: %w", err)
	}
	code, err := b.CodeAt(ctx, addr, nil)
	if err != nil {
		return nil, fmt.Errorf("settle: code at %s: %w", addr, err)
	}
	if len(code) == 0 {
		return nil, fmt.Errorf("%w: %s on chain %s", ErrNoContract, addr, chainID)
	}
	parsed, err := contract.SettlementMetaData.ParseABI()
	if err != nil {
		return nil, fmt.Errorf("settle: abi: %w", err)
	}
	if opts.Poll <= 0 {
		opts.Poll = 50 * time.Millisecond
	}
	return &Client{b: b, addr: addr, key: key, chainID: chainID, c: contract.NewSettlement(), abi: parsed, poll: opts.Poll}, nil
}

// Account returns the signing key's address (zero for a read-only client).
func (c *Client) Account() common.Address {
	if c.key == nil {
		return common.Address{}
	}
	return c.key.Address()
}

// Contract returns the contract address.
func (c *Client) Contract() common.Address { return c.addr }

// ChainID returns the chain ID.
func (c *Client) ChainID() *big.Int { return new(big.Int).Set(c.chainID) }

// Backend returns the underlying backend.
func (c *Client) Backend() Backend { return c.b }

// Domain returns the EIP-712 domain of this chain and deployment.
func (c *Client) Domain() identity.Domain {
	return identity.Domain{ChainID: c.ChainID(), VerifyingContract: c.addr}
}

// WithKey returns a Client for the same contract that signs with key.
func (c *Client) WithKey(key *identity.Key) *Client {
	return &Client{b: c.b, addr: c.addr, key: key, chainID: c.chainID, c: c.c, abi: c.abi, poll: c.poll}
}

// ---------------------------------------------------------------- writes

// Deposit adds amount to the client's deposit.
func (c *Client) Deposit(ctx context.Context, amount *big.Int) (*Tx, error) {
	return c.send(ctx, c.c.PackDeposit(), amount)
}

// RequestWithdraw announces a withdrawal of amount (0 cancels).
func (c *Client) RequestWithdraw(ctx context.Context, amount *big.Int) (*Tx, error) {
	return c.send(ctx, c.c.PackRequestWithdraw(amount), nil)
}

// Withdraw pays out the announced withdrawal after the delay.
func (c *Client) Withdraw(ctx context.Context) (*Tx, error) {
	return c.send(ctx, c.c.PackWithdraw(), nil)
}

// Stake adds amount to the account's stake.
func (c *Client) Stake(ctx context.Context, amount *big.Int) (*Tx, error) {
	return c.send(ctx, c.c.PackStake(), amount)
}

// RequestUnstake announces an unstake of amount.
func (c *Client) RequestUnstake(ctx context.Context, amount *big.Int) (*Tx, error) {
	return c.send(ctx, c.c.PackRequestUnstake(amount), nil)
}

// Unstake pays out the announced unstake after the delay.
func (c *Client) Unstake(ctx context.Context) (*Tx, error) {
	return c.send(ctx, c.c.PackUnstake(), nil)
}

// WithdrawEarnings pays out slash rewards plus what vouchers of the given
// clients credited to this account.
func (c *Client) WithdrawEarnings(ctx context.Context, fromClients []common.Address) (*Tx, error) {
	return c.send(ctx, c.c.PackWithdrawEarnings(fromClients), nil)
}

// Settle redeems vouchers in one transaction and records receiptsRoot in
// its Settled event.
func (c *Client) Settle(ctx context.Context, vouchers []typed.SignedVoucher, receiptsRoot common.Hash) (*Tx, error) {
	batch, err := PackVouchers(vouchers)
	if err != nil {
		return nil, err
	}
	return c.send(ctx, c.c.PackSettle(batch, receiptsRoot), nil)
}

// Slash submits fraud evidence.
func (c *Client) Slash(ctx context.Context, ev Evidence) (*Tx, error) {
	data, err := ev.Pack()
	if err != nil {
		return nil, err
	}
	return c.send(ctx, c.c.PackSlash(data), nil)
}

// SetParams changes the contract parameters (owner only).
func (c *Client) SetParams(ctx context.Context, p Params) (*Tx, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return c.send(ctx, c.c.PackSetParams(uint32(p.WithdrawDelay/time.Second), uint32(p.UnstakeDelay/time.Second), p.MinStake,
		p.SlashBps, p.ClientBps, p.VerifierBps, p.Quorum, p.CommitteeSize), nil)
}

// ---------------------------------------------------------------- reads

// Paid returns what the pair has been paid in total.
func (c *Client) Paid(ctx context.Context, client, payee common.Address) (*big.Int, error) {
	return callAs(ctx, c, c.c.PackPaid(client, payee), c.c.UnpackPaid)
}

// Owed returns what payee can still withdraw from client's vouchers.
func (c *Client) Owed(ctx context.Context, client, payee common.Address) (*big.Int, error) {
	return callAs(ctx, c, c.c.PackOwed(client, payee), c.c.UnpackOwed)
}

// FreeDeposit returns the client's deposit not announced for withdrawal.
func (c *Client) FreeDeposit(ctx context.Context, client common.Address) (*big.Int, error) {
	return callAs(ctx, c, c.c.PackFreeDeposit(client), c.c.UnpackFreeDeposit)
}

// ClientAccount returns a client's deposit and pending withdrawal.
func (c *Client) ClientAccount(ctx context.Context, client common.Address) (ClientAccount, error) {
	o, err := callAs(ctx, c, c.c.PackClientOf(client), c.c.UnpackClientOf)
	if err != nil {
		return ClientAccount{}, err
	}
	return ClientAccount{Deposit: o.Deposit, WithdrawAmount: o.WithdrawAmount, WithdrawAt: o.WithdrawAt.Uint64()}, nil
}

// StakeOf returns a staker's stake, slash rewards and pending unstake.
func (c *Client) StakeOf(ctx context.Context, staker common.Address) (StakerAccount, error) {
	o, err := callAs(ctx, c, c.c.PackStakerOf(staker), c.c.UnpackStakerOf)
	if err != nil {
		return StakerAccount{}, err
	}
	u, err := callAs(ctx, c, c.c.PackUnstakingOf(staker), c.c.UnpackUnstakingOf)
	if err != nil {
		return StakerAccount{}, err
	}
	return StakerAccount{Stake: o.Stake, Earnings: o.Earnings, LastSlashedBlock: o.LastSlashedBlock.Uint64(),
		UnstakeAmount: u.Amount, UnstakeAt: u.UnlockAt.Uint64()}, nil
}

// TotalStake returns Σ stake.
func (c *Client) TotalStake(ctx context.Context) (*big.Int, error) {
	return callAs(ctx, c, c.c.PackTotalStake(), c.c.UnpackTotalStake)
}

// Burned returns the total slashed and burned.
func (c *Client) Burned(ctx context.Context) (*big.Int, error) {
	return callAs(ctx, c, c.c.PackBurned(), c.c.UnpackBurned)
}

// Earnings returns what payee can withdraw now: slash rewards plus what the
// vouchers of fromClients credited to it.
func (c *Client) Earnings(ctx context.Context, payee common.Address, fromClients ...common.Address) (*big.Int, error) {
	s, err := c.StakeOf(ctx, payee)
	if err != nil {
		return nil, err
	}
	total := new(big.Int).Set(s.Earnings)
	for _, cl := range fromClients {
		o, err := c.Owed(ctx, cl, payee)
		if err != nil {
			return nil, err
		}
		total.Add(total, o)
	}
	return total, nil
}

// Params reads the contract parameters.
func (c *Client) Params(ctx context.Context) (Params, error) {
	p, err := callAs(ctx, c, c.c.PackParams(), c.c.UnpackParams)
	if err != nil {
		return Params{}, err
	}
	wd, err := callAs(ctx, c, c.c.PackWithdrawDelay(), c.c.UnpackWithdrawDelay)
	if err != nil {
		return Params{}, err
	}
	ud, err := callAs(ctx, c, c.c.PackUnstakeDelay(), c.c.UnpackUnstakeDelay)
	if err != nil {
		return Params{}, err
	}
	ms, err := callAs(ctx, c, c.c.PackMinStake(), c.c.UnpackMinStake)
	if err != nil {
		return Params{}, err
	}
	return Params{WithdrawDelay: time.Duration(wd) * time.Second, UnstakeDelay: time.Duration(ud) * time.Second, MinStake: ms,
		SlashBps: p.SlashBps, ClientBps: p.ClientBps, VerifierBps: p.VerifierBps, Quorum: p.Quorum, CommitteeSize: p.CommitteeSize}, nil
}

// Eligible asks the contract whether verifier is on the committee of
// (taskID, awardBlockHash) with current stakes.
func (c *Client) Eligible(ctx context.Context, taskID, awardBlockHash common.Hash, verifier common.Address) (bool, error) {
	return callAs(ctx, c, c.c.PackEligible(taskID, awardBlockHash, verifier), c.c.UnpackEligible)
}

// Head returns the latest block.
func (c *Client) Head(ctx context.Context) (Block, error) {
	h, err := c.b.HeaderByNumber(ctx, nil)
	if err != nil {
		return Block{}, fmt.Errorf("settle: head: %w", err)
	}
	return Block{Number: h.Number.Uint64(), Hash: h.Hash(), Time: h.Time}, nil
}

// BlockHash returns the canonical hash of block number.
func (c *Client) BlockHash(ctx context.Context, number uint64) (common.Hash, error) {
	h, err := c.b.HeaderByNumber(ctx, new(big.Int).SetUint64(number))
	if err != nil {
		return common.Hash{}, fmt.Errorf("settle: block %d: %w", number, err)
	}
	return h.Hash(), nil
}

// Balance returns an account's native balance.
func (c *Client) Balance(ctx context.Context, a common.Address) (*big.Int, error) {
	return c.b.BalanceAt(ctx, a, nil)
}

func callAs[T any](ctx context.Context, c *Client, data []byte, unpack func([]byte) (T, error)) (T, error) {
	var zero T
	out, err := c.b.CallContract(ctx, ethereum.CallMsg{From: c.Account(), To: &c.addr, Data: data}, nil)
	if err != nil {
		return zero, c.decodeErr(err)
	}
	return unpack(out)
}

// ---------------------------------------------------------------- sending

// send builds, signs, sends and waits for one transaction.
func (c *Client) send(ctx context.Context, data []byte, value *big.Int) (*Tx, error) {
	if c.key == nil {
		return nil, fmt.Errorf("%w: read-only client", ErrConfig)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	nonce, err := c.b.PendingNonceAt(ctx, c.key.Address())
	if err != nil {
		return nil, fmt.Errorf("settle: nonce: %w", err)
	}
	tx, err := c.BuildTx(ctx, data, value, nonce, nil)
	if err != nil {
		return nil, err
	}
	if err := c.b.SendTransaction(ctx, tx); err != nil {
		return nil, fmt.Errorf("settle: send: %w", err)
	}
	return c.Wait(ctx, tx.Hash())
}

// BuildTx estimates gas for data and signs a dynamic-fee transaction with
// the given nonce. A non-nil maxFee caps the fee per gas; when the current
// base fee plus tip is above it, BuildTx returns ErrGasPriceTooHigh. A call
// the contract would reject returns a *RevertError.
func (c *Client) BuildTx(ctx context.Context, data []byte, value *big.Int, nonce uint64, maxFee *big.Int) (*types.Transaction, error) {
	if c.key == nil {
		return nil, fmt.Errorf("%w: read-only client", ErrConfig)
	}
	if value == nil {
		value = new(big.Int)
	}
	gas, err := c.b.EstimateGas(ctx, ethereum.CallMsg{From: c.key.Address(), To: &c.addr, Value: value, Data: data})
	if err != nil {
		return nil, c.decodeErr(err)
	}
	gas += gas/4 + 10_000 // cold-access differences between estimate and inclusion
	gas = min(gas, 16_777_216)
	head, err := c.b.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("settle: head: %w", err)
	}
	tip, err := c.b.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, fmt.Errorf("settle: tip: %w", err)
	}
	base := head.BaseFee
	if base == nil {
		base = new(big.Int)
	}
	feeCap := new(big.Int).Add(new(big.Int).Mul(base, big.NewInt(2)), tip)
	if maxFee != nil {
		if new(big.Int).Add(base, tip).Cmp(maxFee) > 0 {
			return nil, fmt.Errorf("%w: base fee %s + tip %s > cap %s", ErrGasPriceTooHigh, base, tip, maxFee)
		}
		if feeCap.Cmp(maxFee) > 0 {
			feeCap = new(big.Int).Set(maxFee)
		}
	}
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: c.chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap,
		Gas: gas, To: &c.addr, Value: value, Data: data})
	signed, err := types.SignTx(tx, types.LatestSignerForChainID(c.chainID), c.key.ECDSA())
	if err != nil {
		return nil, fmt.Errorf("settle: sign tx: %w", err)
	}
	return signed, nil
}

// SendWith signs a transaction for data with the next pending nonce, hands
// it to persist (which must store it durably before it is broadcast) and
// broadcasts it. It does not wait for mining. Sends are serialized with the
// Client's other sends.
func (c *Client) SendWith(ctx context.Context, data []byte, maxFee *big.Int, persist func(*types.Transaction) error) (*types.Transaction, error) {
	if c.key == nil {
		return nil, fmt.Errorf("%w: read-only client", ErrConfig)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	nonce, err := c.b.PendingNonceAt(ctx, c.key.Address())
	if err != nil {
		return nil, fmt.Errorf("settle: nonce: %w", err)
	}
	tx, err := c.BuildTx(ctx, data, nil, nonce, maxFee)
	if err != nil {
		return nil, err
	}
	if err := persist(tx); err != nil {
		return nil, err
	}
	if err := c.b.SendTransaction(ctx, tx); err != nil {
		return tx, fmt.Errorf("settle: send: %w", err)
	}
	return tx, nil
}

// Rebroadcast sends an already signed transaction again. "Already known"
// and "nonce too low" are not errors: the transaction is in the pool or its
// nonce is used.
func (c *Client) Rebroadcast(ctx context.Context, tx *types.Transaction) error {
	err := c.b.SendTransaction(ctx, tx)
	if err == nil {
		return nil
	}
	msg := err.Error()
	if strings.Contains(msg, "already known") || strings.Contains(msg, "nonce too low") || strings.Contains(msg, "already imported") {
		return nil
	}
	return fmt.Errorf("settle: rebroadcast: %w", err)
}

// Nonce returns the account's nonce in the latest block.
func (c *Client) Nonce(ctx context.Context) (uint64, error) {
	return c.b.NonceAt(ctx, c.Account(), nil)
}

// Wait polls until the transaction is mined. A failed transaction returns a
// *RevertError.
func (c *Client) Wait(ctx context.Context, hash common.Hash) (*Tx, error) {
	t := time.NewTicker(c.poll)
	defer t.Stop()
	for {
		r, err := c.b.TransactionReceipt(ctx, hash)
		if err == nil {
			if r.Status != types.ReceiptStatusSuccessful {
				return nil, fmt.Errorf("settle: tx %s failed in block %d: %w", hash, r.BlockNumber, &RevertError{})
			}
			return &Tx{Hash: hash, Block: r.BlockNumber.Uint64(), GasUsed: r.GasUsed, Logs: r.Logs}, nil
		}
		if !errors.Is(err, ethereum.NotFound) {
			return nil, fmt.Errorf("settle: receipt %s: %w", hash, err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// Receipt returns the receipt of a transaction, or ethereum.NotFound.
func (c *Client) Receipt(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	return c.b.TransactionReceipt(ctx, hash)
}

// decodeErr turns revert data carried by an RPC error into a *RevertError.
func (c *Client) decodeErr(err error) error {
	var de rpc.DataError
	if !errors.As(err, &de) {
		return fmt.Errorf("settle: %w", err)
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return fmt.Errorf("settle: %w", err)
	}
	data, derr := hexutil.Decode(s)
	if derr != nil || len(data) < 4 {
		return fmt.Errorf("settle: %w", err)
	}
	re := &RevertError{Data: data}
	for name, e := range c.abi.Errors {
		if [4]byte(e.ID[:4]) == [4]byte(data[:4]) {
			re.Name = name
			if args, uerr := e.Inputs.Unpack(data[4:]); uerr == nil {
				re.Args = args
			}
			break
		}
	}
	return re
}
