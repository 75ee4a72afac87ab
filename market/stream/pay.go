package stream

import (
	"fmt"
	"math/big"
	"sync"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
	"github.com/ogpu/ogpu/p2p/wire"
)

// Ledger is the client's record of what it has promised each payee: the
// cumulative amount of the newest voucher it signed. Sessions share it, so
// vouchers to one provider stay monotonic across sessions. A persistent
// ledger (the batch market's payment table) can replace the default
// in-memory one; implementations must be safe for concurrent use.
type Ledger interface {
	// Owed is the cumulative amount already promised to payee.
	Owed(payee common.Address) *big.Int
	// Pay raises payee's cumulative amount by amount and returns the
	// voucher for the new total, signed by the client.
	Pay(payee common.Address, amount *big.Int) (typed.SignedVoucher, error)
}

// MemLedger is an in-memory Ledger.
type MemLedger struct {
	key *identity.Key
	d   identity.Domain

	mu  sync.Mutex
	owe map[common.Address]*big.Int
}

// NewMemLedger returns a ledger that signs with key in domain d.
func NewMemLedger(key *identity.Key, d identity.Domain) *MemLedger {
	return &MemLedger{key: key, d: d, owe: map[common.Address]*big.Int{}}
}

// Owed implements Ledger.
func (l *MemLedger) Owed(payee common.Address) *big.Int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return new(big.Int).Set(bigOr0(l.owe[payee]))
}

// Pay implements Ledger.
func (l *MemLedger) Pay(payee common.Address, amount *big.Int) (typed.SignedVoucher, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	total := new(big.Int).Add(bigOr0(l.owe[payee]), amount)
	v, err := typed.Voucher{Client: l.key.Address(), Payee: payee, CumulativeAmount: total}.Sign(l.key, l.d)
	if err != nil {
		return typed.SignedVoucher{}, fmt.Errorf("stream: sign voucher: %w", err)
	}
	l.owe[payee] = total
	return v, nil
}

// Total is what the client has promised all payees together.
func (l *MemLedger) Total() *big.Int {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := new(big.Int)
	for _, v := range l.owe {
		t.Add(t, v)
	}
	return t
}

func voucherMsg(v typed.SignedVoucher) *wire.StreamClientMsg {
	return &wire.StreamClientMsg{Body: &wire.StreamClientMsg_Voucher{Voucher: &wire.StreamVoucher{
		Client: v.Client.Bytes(), Payee: v.Payee.Bytes(), CumulativeAmount: v.CumulativeAmount.String(), Signature: v.Sig,
	}}}
}

func voucherFrom(m *wire.StreamVoucher) (typed.SignedVoucher, error) {
	amt, err := wire.ParseWei(m.CumulativeAmount)
	if err != nil {
		return typed.SignedVoucher{}, err
	}
	return typed.SignedVoucher{
		Voucher: typed.Voucher{Client: common.BytesToAddress(m.Client), Payee: common.BytesToAddress(m.Payee), CumulativeAmount: amt},
		Sig:     m.Signature,
	}, nil
}

// account is a provider's view of one client: what its sessions were
// charged and what its vouchers paid. Guarded by Streams.mu.
type account struct {
	base    *big.Int // cumulative amount before the first session
	latest  *big.Int // newest voucher's cumulative amount
	charged *big.Int // value of requests admitted
}

func (a *account) unpaid() *big.Int {
	paid := new(big.Int).Sub(a.latest, a.base)
	if paid.Sign() < 0 {
		paid.SetInt64(0)
	}
	return paid.Sub(a.charged, paid)
}

// accountFor returns the client's account, opening it with the base the
// client states (never below a voucher already seen).
func (s *Streams) accountFor(client common.Address, base *big.Int) *account {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.accounts[client]
	if !ok {
		known := new(big.Int)
		if v, ok := s.redeemed[client]; ok {
			known.Set(v.CumulativeAmount)
		}
		if base.Cmp(known) < 0 {
			base = known
		}
		a = &account{base: new(big.Int).Set(base), latest: new(big.Int).Set(base), charged: new(big.Int)}
		s.accounts[client] = a
	}
	return a
}

// charge admits one request of price to a's bill unless that would pass
// limit.
func (s *Streams) charge(a *account, price, limit *big.Int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if new(big.Int).Add(a.unpaid(), price).Cmp(limit) > 0 {
		return false
	}
	a.charged.Add(a.charged, price)
	return true
}

// credit applies a voucher already checked for signature and pair; it
// returns false for one that does not raise the amount.
func (s *Streams) credit(a *account, v typed.SignedVoucher) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v.CumulativeAmount.Cmp(a.latest) <= 0 {
		return false
	}
	a.latest.Set(v.CumulativeAmount)
	return true
}
