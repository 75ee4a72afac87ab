package store

import (
	"errors"
	"fmt"
	"strings"
)

// Table is a named key space in the database. Keys are opaque bytes.
type Table struct {
	db     *DB
	name   string
	prefix []byte
	money  bool
}

// TableOption configures a table.
type TableOption func(*Table)

// Money marks a table whose every write is fsynced before it returns.
func Money() TableOption { return func(t *Table) { t.money = true } }

// Table returns the table called name (lowercase letters, digits, '_' and
// '-'). Tables need no creation step; the same name always addresses the
// same keys.
func (db *DB) Table(name string, opts ...TableOption) (*Table, error) {
	if name == "" || strings.IndexFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) >= 0 {
		return nil, fmt.Errorf("%w: %q", ErrBadTable, name)
	}
	t := &Table{db: db, name: name, prefix: []byte("t/" + name + "/")}
	for _, o := range opts {
		o(t)
	}
	return t, nil
}

// MustTable is Table for names that are compile-time constants.
func (db *DB) MustTable(name string, opts ...TableOption) *Table {
	t, err := db.Table(name, opts...)
	if err != nil {
		panic(err)
	}
	return t
}

// Name returns the table name.
func (t *Table) Name() string { return t.name }

func (t *Table) key(k []byte) []byte {
	out := make([]byte, 0, len(t.prefix)+len(k))
	return append(append(out, t.prefix...), k...)
}

// Put stores val under key.
func (t *Table) Put(key, val []byte) error {
	return t.db.Update(func(tx *Tx) error { return tx.Put(t, key, val) })
}

// Get returns a copy of the value under key, or ErrNotFound.
func (t *Table) Get(key []byte) ([]byte, error) {
	var out []byte
	err := t.db.View(func(tx *Tx) error {
		v, err := tx.Get(t, key)
		out = v
		return err
	})
	return out, err
}

// Has reports whether key exists.
func (t *Table) Has(key []byte) (bool, error) {
	_, err := t.Get(key)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// Delete removes key (a missing key is not an error).
func (t *Table) Delete(key []byte) error {
	return t.db.Update(func(tx *Tx) error { return tx.Delete(t, key) })
}

// Iterate calls fn for each key with the given prefix, in key order. The
// slices are only valid during the call. Returning an error stops the walk.
func (t *Table) Iterate(prefix []byte, fn func(key, val []byte) error) error {
	return t.db.View(func(tx *Tx) error { return tx.Iterate(t, prefix, fn) })
}

// Count returns the number of keys with the given prefix.
func (t *Table) Count(prefix []byte) (int, error) {
	n := 0
	err := t.db.View(func(tx *Tx) error {
		return tx.txn.iterate(t.key(prefix), true, func(_, _ []byte) error { n++; return nil })
	})
	return n, err
}

// Tx is a transaction handed to DB.Update or DB.View.
type Tx struct {
	db    *DB
	txn   txn
	ro    bool
	money bool
}

// Table returns the table called name, as DB.Table (for migrations, which
// run before Open returns the DB).
func (tx *Tx) Table(name string, opts ...TableOption) (*Table, error) {
	return tx.db.Table(name, opts...)
}

// Put stores val under key in table t.
func (tx *Tx) Put(t *Table, key, val []byte) error {
	if tx.ro {
		return ErrReadOnly
	}
	tx.money = tx.money || t.money
	return tx.txn.set(t.key(key), val)
}

// Delete removes key from table t.
func (tx *Tx) Delete(t *Table, key []byte) error {
	if tx.ro {
		return ErrReadOnly
	}
	tx.money = tx.money || t.money
	return tx.txn.delete(t.key(key))
}

// Get returns a copy of the value under key in table t, or ErrNotFound.
func (tx *Tx) Get(t *Table, key []byte) ([]byte, error) {
	v, err := tx.txn.get(t.key(key))
	if errors.Is(err, errMissing) {
		return nil, fmt.Errorf("%w: %s/%x", ErrNotFound, t.name, key)
	}
	return v, err
}

// Iterate walks the keys of t with the given prefix, as Table.Iterate.
func (tx *Tx) Iterate(t *Table, prefix []byte, fn func(key, val []byte) error) error {
	return tx.txn.iterate(t.key(prefix), false, func(k, v []byte) error { return fn(k[len(t.prefix):], v) })
}
