package settle

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/ogpu/ogpu/p2p/typed"
	"github.com/ogpu/ogpu/store"
)

// Settler turns queued vouchers and evidence into settle and slash
// transactions. At most one transaction is in flight; it is persisted
// before it is broadcast and resolved (mined, replaced or re-sent) before
// the next. Safe for concurrent use.
type Settler struct {
	cfg      Config
	log      *slog.Logger
	vouchers *store.Table
	evidence *store.Table
	inflight *store.Table
	batches  *store.Table

	dbMu     sync.Mutex  // serializes the Settler's read-modify-write transactions
	stepMu   sync.Mutex  // one step at a time (loop or Flush)
	sentHash common.Hash // last tx this process broadcast (guarded by stepMu)
	kick     chan struct{}

	statsMu sync.Mutex
	stats   Stats

	mu      sync.Mutex
	started bool
	closed  bool
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// Stats counts what this Settler did since New.
type Stats struct {
	Batches  int    `json:"batches"`
	Vouchers int    `json:"vouchers"`
	Slashes  int    `json:"slashes"`
	GasUsed  uint64 `json:"gasUsed"`
	Errors   int    `json:"errors"`
}

// New validates cfg and opens the queue tables. It starts nothing.
func New(cfg Config) (*Settler, error) {
	if err := cfg.setDefaults(); err != nil {
		return nil, err
	}
	s := &Settler{cfg: cfg, log: cfg.Logger.With("component", "settler", "account", cfg.Chain.Account()), kick: make(chan struct{}, 1)}
	var err error
	for _, t := range []struct {
		dst  **store.Table
		name string
	}{{&s.vouchers, tableVouchers}, {&s.evidence, tableEvidence}, {&s.inflight, tableInflight}, {&s.batches, tableBatches}} {
		if *t.dst, err = cfg.DB.Table(t.name, store.Money()); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Enqueue queues a client-signed voucher and the receipts it pays for. It
// keeps only the newest voucher of each (client, payee); an older or equal
// one adds its receipts only. It returns once the queue is synced to disk.
func (s *Settler) Enqueue(v typed.SignedVoucher, receipts ...Receipt) error {
	if err := v.Verify(s.cfg.Chain.Domain()); err != nil {
		return fmt.Errorf("%w: %w", ErrBadVoucher, err)
	}
	if s.isClosed() {
		return ErrClosed
	}
	key := pairKey(v.Client, v.Payee)
	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	err := s.cfg.DB.Update(func(tx *store.Tx) error {
		q, ok, err := store.GetJSON[queuedVoucher](tx, s.vouchers, key)
		if err != nil {
			return err
		}
		if !ok {
			q = queuedVoucher{Voucher: v, Since: s.cfg.Now()}
		} else if v.CumulativeAmount.Cmp(q.Voucher.CumulativeAmount) > 0 {
			q.Voucher = v
			q.Short = time.Time{}
		} else if len(receipts) == 0 {
			return nil
		}
		q.Receipts = append(q.Receipts, receipts...)
		return store.PutJSON(tx, s.vouchers, key, q)
	})
	if err != nil {
		return err
	}
	s.poke()
	return nil
}

// EnqueueEvidence queues fraud evidence for slashing. It checks the
// signatures; eligibility and quorum are checked by the contract when the
// evidence is submitted (rejected evidence is dropped with a warning).
func (s *Settler) EnqueueEvidence(ev Evidence) error {
	if err := ev.Check(s.cfg.Chain.Domain()); err != nil {
		return err
	}
	if s.isClosed() {
		return ErrClosed
	}
	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	err := s.cfg.DB.Update(func(tx *store.Tx) error {
		if _, ok, err := store.GetJSON[queuedEvidence](tx, s.evidence, ev.Key()); err != nil || ok {
			return err
		}
		return store.PutJSON(tx, s.evidence, ev.Key(), queuedEvidence{Evidence: ev, Since: s.cfg.Now()})
	})
	if err != nil {
		return err
	}
	s.poke()
	return nil
}

// Pending returns the number of queued vouchers and evidence and whether a
// transaction is in flight.
func (s *Settler) Pending() (vouchers, evidence int, inFlight bool, err error) {
	if vouchers, err = s.vouchers.Count(nil); err != nil {
		return
	}
	if evidence, err = s.evidence.Count(nil); err != nil {
		return
	}
	inFlight, err = s.inflight.Has(inflightKey)
	return
}

// Stats returns counters since New.
func (s *Settler) Stats() Stats {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	return s.stats
}

// Batch returns the record of the settled batch with the given receipts
// root, for building receipt proofs.
func (s *Settler) Batch(root common.Hash) (BatchRecord, error) { return LoadBatch(s.cfg.DB, root) }

// LoadBatch reads a settled batch record from a node database.
func LoadBatch(db *store.DB, root common.Hash) (BatchRecord, error) {
	t, err := db.Table(tableBatches, store.Money())
	if err != nil {
		return BatchRecord{}, err
	}
	var out BatchRecord
	err = db.View(func(tx *store.Tx) error {
		b, ok, err := store.GetJSON[BatchRecord](tx, t, root[:])
		if err == nil && !ok {
			err = fmt.Errorf("%w: %s", store.ErrNotFound, root)
		}
		out = b
		return err
	})
	return out, err
}

// Start runs the flush loop until ctx ends or Close.
func (s *Settler) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if s.started {
		return nil
	}
	s.started = true
	ctx, s.cancel = context.WithCancel(ctx)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.loop(ctx)
	}()
	return nil
}

// Close stops the loop and waits for it. The queue stays on disk. It is
// idempotent.
func (s *Settler) Close() error {
	s.mu.Lock()
	s.closed = true
	cancel := s.cancel
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	s.wg.Wait()
	return nil
}

// Flush settles everything queued now, ignoring size and age thresholds,
// and returns when the queue holds nothing submittable (vouchers a short
// deposit could not cover stay queued) or ctx ends.
func (s *Settler) Flush(ctx context.Context) error {
	backoff := s.cfg.RetryMin
	for {
		done, err := s.step(ctx, true)
		if err == nil && done {
			return nil
		}
		wait := s.cfg.Tick / 10
		if err != nil {
			s.log.Debug("flush step", "err", err)
			wait, backoff = backoff, min(backoff*2, s.cfg.RetryMax)
		} else {
			backoff = s.cfg.RetryMin
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

func (s *Settler) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

func (s *Settler) poke() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

func (s *Settler) loop(ctx context.Context) {
	backoff := s.cfg.RetryMin
	wait := time.Duration(0)
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-s.kick:
			if !timer.Stop() {
				select {
				case <-timer.C:
				default:
				}
			}
		}
		_, err := s.step(ctx, false)
		switch {
		case ctx.Err() != nil:
			return
		case errors.Is(err, ErrGasPriceTooHigh):
			s.log.Info("gas price above cap; waiting", "err", err)
			wait, backoff = backoff, min(backoff*2, s.cfg.RetryMax)
		case err != nil:
			s.log.Warn("settlement step failed; retrying", "err", err, "in", backoff)
			s.count(func(st *Stats) { st.Errors++ })
			wait, backoff = backoff, min(backoff*2, s.cfg.RetryMax)
		default:
			wait, backoff = s.cfg.Tick, s.cfg.RetryMin
		}
		timer.Reset(wait)
	}
}

func (s *Settler) count(f func(*Stats)) {
	s.statsMu.Lock()
	f(&s.stats)
	s.statsMu.Unlock()
}

// step resolves the in-flight transaction, or submits the next one when
// due. done reports that nothing is left to submit.
func (s *Settler) step(ctx context.Context, force bool) (done bool, err error) {
	s.stepMu.Lock()
	defer s.stepMu.Unlock()
	var cur inflight
	var have bool
	err = s.cfg.DB.View(func(tx *store.Tx) error {
		cur, have, err = store.GetJSON[inflight](tx, s.inflight, inflightKey)
		return err
	})
	if err != nil {
		return false, err
	}
	if have {
		resolved, err := s.resolve(ctx, cur)
		if err != nil || !resolved {
			return false, err
		}
	}
	if sent, err := s.submitEvidence(ctx); err != nil || sent {
		return false, err
	}
	return s.submitVouchers(ctx, force)
}

// resolve settles the fate of the in-flight transaction: mined (apply),
// nonce used by something else (reconcile), or still pending (rebroadcast).
func (s *Settler) resolve(ctx context.Context, cur inflight) (bool, error) {
	c := s.cfg.Chain
	r, err := c.Receipt(ctx, cur.Hash)
	if err != nil && !errors.Is(err, ethereum.NotFound) {
		return false, fmt.Errorf("settle: receipt of %s: %w", cur.Hash, err)
	}
	if err != nil {
		nonce, nerr := c.Nonce(ctx)
		if nerr != nil {
			return false, fmt.Errorf("settle: nonce: %w", nerr)
		}
		if nonce <= cur.Nonce {
			// Rebroadcast at once when this process has not sent it (a
			// restart: it may never have left), else after Rebroadcast.
			if s.sentHash != cur.Hash || s.cfg.Now().Sub(cur.SentAt) >= s.cfg.Rebroadcast {
				var tx types.Transaction
				if err := tx.UnmarshalBinary(cur.Raw); err != nil {
					return false, fmt.Errorf("settle: corrupt in-flight tx: %w", err)
				}
				if err := c.Rebroadcast(ctx, &tx); err != nil {
					return false, err
				}
				cur.SentAt = s.cfg.Now()
				s.sentHash = cur.Hash
				if err := s.putInflight(cur); err != nil {
					return false, err
				}
			}
			return false, nil
		}
		// The nonce is used: our tx was mined (a lagging receipt index) or
		// replaced. Check once more, then reconcile from chain state.
		if r, err = c.Receipt(ctx, cur.Hash); err != nil && !errors.Is(err, ethereum.NotFound) {
			return false, fmt.Errorf("settle: receipt of %s: %w", cur.Hash, err)
		}
	}
	if r != nil && r.Status == types.ReceiptStatusSuccessful {
		s.count(func(st *Stats) {
			st.GasUsed += r.GasUsed
			if cur.Kind == "slash" {
				st.Slashes++
			} else {
				st.Batches++
				st.Vouchers += len(cur.Pairs)
			}
		})
	} else {
		s.log.Warn("settlement transaction did not succeed; reconciling", "tx", cur.Hash, "kind", cur.Kind, "mined", r != nil)
	}
	return true, s.finish(ctx, cur, r)
}

// finish removes what the chain now shows as done and drops the in-flight
// record, atomically.
func (s *Settler) finish(ctx context.Context, cur inflight, r *types.Receipt) error {
	paid := make([]*big.Int, len(cur.Pairs))
	for i, p := range cur.Pairs {
		var err error
		if paid[i], err = s.cfg.Chain.Paid(ctx, p.Client, p.Payee); err != nil {
			return err
		}
	}
	now := s.cfg.Now()
	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	return s.cfg.DB.Update(func(tx *store.Tx) error {
		ok := r != nil && r.Status == types.ReceiptStatusSuccessful
		if cur.Kind == "slash" {
			if ok || r != nil { // mined: slashed, or rejected for good
				if err := tx.Delete(s.evidence, cur.Evidence); err != nil {
					return err
				}
			}
			return tx.Delete(s.inflight, inflightKey)
		}
		if ok {
			rec := BatchRecord{Root: cur.Root, TxHash: cur.Hash, Block: r.BlockNumber.Uint64(), GasUsed: r.GasUsed,
				Vouchers: len(cur.Pairs), Receipts: cur.Receipts}
			if err := store.PutJSON(tx, s.batches, cur.Root[:], rec); err != nil {
				return err
			}
		}
		for i, p := range cur.Pairs {
			key := pairKey(p.Client, p.Payee)
			q, have, err := store.GetJSON[queuedVoucher](tx, s.vouchers, key)
			if err != nil {
				return err
			}
			if !have {
				continue
			}
			if ok {
				n := min(cur.NumRcpt[string(key)], len(q.Receipts))
				q.Receipts = q.Receipts[n:]
			}
			q.Paid = paid[i]
			if paid[i].Cmp(q.Voucher.CumulativeAmount) >= 0 {
				if err := tx.Delete(s.vouchers, key); err != nil {
					return err
				}
				continue
			}
			if ok && paid[i].Cmp(p.Amount) < 0 {
				q.Short = now // the deposit ran out; retry later
			}
			if err := store.PutJSON(tx, s.vouchers, key, q); err != nil {
				return err
			}
		}
		return tx.Delete(s.inflight, inflightKey)
	})
}

func (s *Settler) putInflight(cur inflight) error {
	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	return s.cfg.DB.Update(func(tx *store.Tx) error { return store.PutJSON(tx, s.inflight, inflightKey, cur) })
}

// submitEvidence sends the queued evidence with the lowest award block.
func (s *Settler) submitEvidence(ctx context.Context) (bool, error) {
	var list []queuedEvidence
	err := s.cfg.DB.View(func(tx *store.Tx) error {
		return tx.Iterate(s.evidence, nil, func(_, v []byte) error {
			var q queuedEvidence
			if err := jsonUnmarshal(v, &q); err != nil {
				return err
			}
			list = append(list, q)
			return nil
		})
	})
	if err != nil || len(list) == 0 {
		return false, err
	}
	slices.SortFunc(list, func(a, b queuedEvidence) int {
		if c := cmp.Compare(a.Evidence.Commitment.AwardBlock, b.Evidence.Commitment.AwardBlock); c != 0 {
			return c
		}
		return bytes.Compare(a.Evidence.Key(), b.Evidence.Key())
	})
	ev := list[0].Evidence
	data, err := ev.Pack()
	if err == nil {
		_, err = s.cfg.Chain.SendWith(ctx, s.cfg.Chain.c.PackSlash(data), s.cfg.GasPriceCap, func(t *types.Transaction) error {
			raw, err := t.MarshalBinary()
			if err != nil {
				return err
			}
			s.sentHash = t.Hash()
			return s.putInflight(inflight{Kind: "slash", Raw: raw, Hash: t.Hash(), Nonce: t.Nonce(), SentAt: s.cfg.Now(), Evidence: ev.Key()})
		})
	}
	if RevertName(err) == "BadAwardBlock" {
		// Calls run on the head block: evidence for an award at the head
		// becomes valid with the next block. Keep it unless the block is old.
		if head, herr := s.cfg.Chain.Head(ctx); herr == nil && head.Number <= ev.Commitment.AwardBlock {
			return false, fmt.Errorf("settle: evidence for award block %d waits for the next block: %w", ev.Commitment.AwardBlock, err)
		}
	}
	if re := (*RevertError)(nil); errors.As(err, &re) && re.Name == "NotEligible" && len(re.Args) == 2 {
		// A signer's stake changed since the award (it was slashed, say):
		// drop its attestation and try again with the rest; the contract
		// judges whether they still make a quorum.
		if signer, ok := re.Args[1].(common.Address); ok && len(ev.Attestations) > 1 {
			s.log.Info("slash evidence: signer no longer eligible; retrying without it", "task", ev.Commitment.TaskID, "signer", signer)
			ev.Attestations = slices.DeleteFunc(slices.Clone(ev.Attestations), func(a typed.SignedAttestation) bool { return a.Signer == signer })
			s.dbMu.Lock()
			defer s.dbMu.Unlock()
			return true, s.cfg.DB.Update(func(tx *store.Tx) error {
				return store.PutJSON(tx, s.evidence, ev.Key(), queuedEvidence{Evidence: ev, Since: list[0].Since})
			})
		}
	}
	if re := (*RevertError)(nil); errors.As(err, &re) || errors.Is(err, ErrBadEvidence) {
		s.log.Warn("slash evidence rejected; dropping it", "task", ev.Commitment.TaskID, "provider", ev.Commitment.Provider, "err", err)
		s.dbMu.Lock()
		defer s.dbMu.Unlock()
		return true, s.evidence.Delete(ev.Key())
	}
	return err == nil, s.sendErr(err)
}

// sendErr keeps a broadcast failure after the record was persisted from
// being fatal: the next step rebroadcasts.
func (s *Settler) sendErr(err error) error {
	if err == nil {
		return nil
	}
	if has, _ := s.inflight.Has(inflightKey); has {
		s.log.Info("broadcast failed; will rebroadcast", "err", err)
		return err
	}
	return err
}

// submitVouchers sends the next settle batch when due.
func (s *Settler) submitVouchers(ctx context.Context, force bool) (bool, error) {
	now := s.cfg.Now()
	var due []queuedVoucher
	oldest := now
	value := new(big.Int)
	err := s.cfg.DB.View(func(tx *store.Tx) error {
		return tx.Iterate(s.vouchers, nil, func(_, v []byte) error {
			var q queuedVoucher
			if err := jsonUnmarshal(v, &q); err != nil {
				return err
			}
			if !q.Short.IsZero() && now.Sub(q.Short) < s.cfg.ShortRetry {
				return nil
			}
			due = append(due, q)
			if q.Since.Before(oldest) {
				oldest = q.Since
			}
			inc := new(big.Int).Set(q.Voucher.CumulativeAmount)
			if q.Paid != nil {
				inc.Sub(inc, q.Paid)
			}
			value.Add(value, inc)
			return nil
		})
	})
	if err != nil || len(due) == 0 {
		return true, err
	}
	trigger := force || len(due) >= s.cfg.MaxBatch || now.Sub(oldest) >= s.cfg.MaxAge ||
		(s.cfg.MaxValue != nil && value.Cmp(s.cfg.MaxValue) >= 0)
	if !trigger {
		return false, nil
	}
	// Reconcile with the chain first: never resubmit what is paid.
	var batch []queuedVoucher
	var stale []pairAmount
	for _, q := range due {
		paid, err := s.cfg.Chain.Paid(ctx, q.Voucher.Client, q.Voucher.Payee)
		if err != nil {
			return false, err
		}
		if paid.Cmp(q.Voucher.CumulativeAmount) >= 0 {
			stale = append(stale, pairAmount{q.Voucher.Client, q.Voucher.Payee, paid})
			continue
		}
		batch = append(batch, q)
		if len(batch) == s.cfg.MaxBatch {
			break
		}
	}
	if len(stale) > 0 {
		if err := s.dropPaid(stale); err != nil {
			return false, err
		}
	}
	if len(batch) == 0 {
		return false, nil
	}
	slices.SortFunc(batch, func(a, b queuedVoucher) int { // one client's records adjacent
		if c := bytes.Compare(a.Voucher.Client[:], b.Voucher.Client[:]); c != 0 {
			return c
		}
		return bytes.Compare(a.Voucher.Payee[:], b.Voucher.Payee[:])
	})
	cur := inflight{Kind: "settle", NumRcpt: map[string]int{}}
	var vs []typed.SignedVoucher
	for _, q := range batch {
		vs = append(vs, q.Voucher)
		cur.Pairs = append(cur.Pairs, pairAmount{q.Voucher.Client, q.Voucher.Payee, q.Voucher.CumulativeAmount})
		cur.Receipts = append(cur.Receipts, q.Receipts...)
		cur.NumRcpt[string(pairKey(q.Voucher.Client, q.Voucher.Payee))] = len(q.Receipts)
	}
	cur.Root = NewMerkleTree(cur.Receipts).Root()
	packed, err := PackVouchers(vs)
	if err != nil {
		return false, err
	}
	_, err = s.cfg.Chain.SendWith(ctx, s.cfg.Chain.c.PackSettle(packed, cur.Root), s.cfg.GasPriceCap, func(t *types.Transaction) error {
		raw, err := t.MarshalBinary()
		if err != nil {
			return err
		}
		cur.Raw, cur.Hash, cur.Nonce, cur.SentAt = raw, t.Hash(), t.Nonce(), s.cfg.Now()
		s.sentHash = cur.Hash
		return s.putInflight(cur)
	})
	if err != nil {
		return false, s.sendErr(err)
	}
	s.log.Debug("settle batch sent", "tx", cur.Hash, "vouchers", len(vs), "root", cur.Root)
	return false, nil
}

// dropPaid removes queued vouchers the chain has paid in full. A voucher
// that Enqueue raised meanwhile stays.
func (s *Settler) dropPaid(paid []pairAmount) error {
	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	return s.cfg.DB.Update(func(tx *store.Tx) error {
		for _, p := range paid {
			key := pairKey(p.Client, p.Payee)
			q, have, err := store.GetJSON[queuedVoucher](tx, s.vouchers, key)
			if err != nil {
				return err
			}
			if have && p.Amount.Cmp(q.Voucher.CumulativeAmount) >= 0 {
				if err := tx.Delete(s.vouchers, key); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
