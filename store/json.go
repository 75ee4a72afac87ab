package store

import (
	"encoding/json"
	"errors"
	"fmt"
)

// JSON is a typed view of a table whose values are JSON-encoded T, keyed by
// strings. Use it for records read by humans and the API; hot or binary
// data should use Table directly.
type JSON[T any] struct{ T *Table }

// NewJSON wraps t.
func NewJSON[T any](t *Table) JSON[T] { return JSON[T]{T: t} }

// Put stores v under key.
func (j JSON[T]) Put(key string, v T) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("store: encode %s/%s: %w", j.T.name, key, err)
	}
	return j.T.Put([]byte(key), b)
}

// PutTx stores v under key inside a transaction.
func (j JSON[T]) PutTx(tx *Tx, key string, v T) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("store: encode %s/%s: %w", j.T.name, key, err)
	}
	return tx.Put(j.T, []byte(key), b)
}

// Get loads the value under key, or ErrNotFound.
func (j JSON[T]) Get(key string) (T, error) {
	var v T
	b, err := j.T.Get([]byte(key))
	if err != nil {
		return v, err
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return v, fmt.Errorf("store: decode %s/%s: %w", j.T.name, key, err)
	}
	return v, nil
}

// Delete removes key.
func (j JSON[T]) Delete(key string) error { return j.T.Delete([]byte(key)) }

// All calls fn for every record whose key has the given prefix.
func (j JSON[T]) All(prefix string, fn func(key string, v T) error) error {
	return j.T.Iterate([]byte(prefix), func(k, b []byte) error {
		var v T
		if err := json.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("store: decode %s/%s: %w", j.T.name, k, err)
		}
		return fn(string(k), v)
	})
}

// GetJSON loads the JSON value under key of table t inside a transaction;
// found is false (and the error nil) when the key is absent. A value that
// does not decode is reported with its table and key.
func GetJSON[T any](tx *Tx, t *Table, key []byte) (v T, found bool, err error) {
	raw, err := tx.Get(t, key)
	if errors.Is(err, ErrNotFound) {
		return v, false, nil
	}
	if err != nil {
		return v, false, err
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, false, fmt.Errorf("store: corrupt %s record %x: %w", t.name, key, err)
	}
	return v, true, nil
}

// PutJSON stores v as JSON under key of table t inside a transaction.
func PutJSON(tx *Tx, t *Table, key []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("store: encode %s/%x: %w", t.name, key, err)
	}
	return tx.Put(t, key, raw)
}
