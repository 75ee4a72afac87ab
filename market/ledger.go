package market

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/p2p/typed"
	"github.com/ogpu/ogpu/store"
)

// VoucherLedger is the client's one record of what it owes each payee: the
// cumulative voucher per (client, payee) pair. Batch payments and
// streaming sessions must draw on the same ledger, because the contract
// knows one cumulative amount per pair: two ledgers signing for the same
// pair would each undercut the other. It lives in the payments' money
// table, so it survives kill -9.
type VoucherLedger struct{ p *payments }

// VoucherLedger returns the market's persistent voucher ledger, or nil when the
// market runs without payments (no chain).
func (m *Market) VoucherLedger() *VoucherLedger {
	if m.pay == nil {
		return nil
	}
	return &VoucherLedger{p: m.pay}
}

// Owed is the cumulative amount already promised to payee.
func (l *VoucherLedger) Owed(payee common.Address) *big.Int {
	var out *big.Int
	err := l.p.m.cfg.DB.View(func(tx *store.Tx) error {
		o, _, err := store.GetJSON[payOut](tx, l.p.out, payee[:])
		out = zeroIfNil(o.Cumulative)
		return err
	})
	if err != nil {
		l.p.m.log.Error("read voucher ledger", "payee", payee, "err", err)
	}
	return new(big.Int).Set(zeroIfNil(out))
}

// Pay raises payee's cumulative amount by amount, persists the signed
// voucher for the new total (synced) and returns it. The caller delivers
// it (a streaming session sends it in-band), so it also counts as sent;
// batch receipts still pending for payee ride along with the next batch
// voucher.
func (l *VoucherLedger) Pay(payee common.Address, amount *big.Int) (typed.SignedVoucher, error) {
	p := l.p
	if amount == nil || amount.Sign() <= 0 {
		return typed.SignedVoucher{}, fmt.Errorf("%w: voucher increase must be positive", ErrBadPayment)
	}
	var sv typed.SignedVoucher
	p.mu.Lock()
	defer p.mu.Unlock()
	err := p.m.cfg.DB.Update(func(tx *store.Tx) error {
		o, _, err := store.GetJSON[payOut](tx, p.out, payee[:])
		if err != nil {
			return err
		}
		alreadySent := zeroIfNil(o.Sent).Cmp(zeroIfNil(o.Cumulative)) >= 0
		o.Cumulative = new(big.Int).Add(zeroIfNil(o.Cumulative), amount)
		o.AsProvider = new(big.Int).Add(zeroIfNil(o.AsProvider), amount)
		if sv, err = (typed.Voucher{Client: p.self, Payee: payee, CumulativeAmount: o.Cumulative}).Sign(p.m.cfg.Key, p.cfg.Domain); err != nil {
			return err
		}
		o.Voucher = sv
		if alreadySent {
			o.Sent = new(big.Int).Set(o.Cumulative)
		}
		return store.PutJSON(tx, p.out, payee[:], o)
	})
	if err != nil {
		return typed.SignedVoucher{}, fmt.Errorf("market: ledger: %w", err)
	}
	if p.cfg.SettleIssued {
		if err := p.cfg.Settler.Enqueue(sv); err != nil {
			p.m.log.Warn("enqueue own voucher", "payee", payee, "err", err)
		}
	}
	return sv, nil
}
