package store

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// badgerKV is the on-disk backend.
type badgerKV struct{ db *badger.DB }

func openBadger(cfg Config, log *slog.Logger) (*badgerKV, error) {
	mt := cfg.MemTableSize
	if mt == 0 {
		mt = 16 << 20
	}
	opts := badger.DefaultOptions(cfg.Dir).
		WithLogger(badgerLogger{log.With("component", "badger")}).
		WithNumVersionsToKeep(1).
		WithValueThreshold(4 << 10).
		WithMemTableSize(mt).
		WithBlockCacheSize(8 << 20).
		WithIndexCacheSize(4 << 20).
		WithNumCompactors(2)
	db, err := badger.Open(opts)
	if err != nil {
		if strings.Contains(err.Error(), "Cannot acquire directory lock") {
			return nil, fmt.Errorf("%w: %s", ErrLocked, cfg.Dir)
		}
		return nil, fmt.Errorf("store: open %s: %w", cfg.Dir, err)
	}
	return &badgerKV{db: db}, nil
}

func (b *badgerKV) update(fn func(txn) error) error {
	return badgerErr(b.db.Update(func(t *badger.Txn) error { return fn(badgerTxn{t}) }))
}

func (b *badgerKV) view(fn func(txn) error) error {
	return badgerErr(b.db.View(func(t *badger.Txn) error { return fn(badgerTxn{t}) }))
}

func (b *badgerKV) sync() error  { return badgerErr(b.db.Sync()) }
func (b *badgerKV) close() error { return b.db.Close() }

func badgerErr(err error) error {
	switch {
	case errors.Is(err, badger.ErrDBClosed):
		return fmt.Errorf("%w: %w", ErrClosed, err)
	case errors.Is(err, badger.ErrConflict):
		return fmt.Errorf("%w: %w", ErrConflict, err)
	}
	return err
}

type badgerTxn struct{ t *badger.Txn }

func (b badgerTxn) get(key []byte) ([]byte, error) {
	item, err := b.t.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, errMissing
	}
	if err != nil {
		return nil, err
	}
	return item.ValueCopy(nil)
}

func (b badgerTxn) set(key, val []byte) error { return b.t.Set(key, val) }
func (b badgerTxn) delete(key []byte) error   { return b.t.Delete(key) }

func (b badgerTxn) iterate(prefix []byte, keysOnly bool, fn func(key, val []byte) error) error {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = !keysOnly
	opts.Prefix = prefix
	it := b.t.NewIterator(opts)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		item := it.Item()
		var err error
		if keysOnly {
			err = fn(item.Key(), nil)
		} else {
			err = item.Value(func(v []byte) error { return fn(item.Key(), v) })
		}
		if err != nil {
			return err
		}
	}
	return nil
}

type badgerLogger struct{ l *slog.Logger }

func (b badgerLogger) Errorf(f string, a ...any)   { b.l.Error(strings.TrimSpace(fmt.Sprintf(f, a...))) }
func (b badgerLogger) Warningf(f string, a ...any) { b.l.Warn(strings.TrimSpace(fmt.Sprintf(f, a...))) }
func (b badgerLogger) Infof(string, ...any)        {}
func (b badgerLogger) Debugf(string, ...any)       {}
