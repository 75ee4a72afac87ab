package store

import "errors"

var (
	// ErrNotFound is returned by Get for a missing key.
	ErrNotFound = errors.New("store: not found")
	// ErrClosed is returned after Close.
	ErrClosed = errors.New("store: closed")
	// ErrSchema is returned when the on-disk schema is newer than this
	// binary understands or a migration fails.
	ErrSchema = errors.New("store: schema")
	// ErrLocked is returned when another process holds the database.
	ErrLocked = errors.New("store: database in use by another process (is an ogpu daemon already running on this datadir?)")
	// ErrConflict is returned by Update when another transaction changed a
	// key it read; running the transaction again may succeed.
	ErrConflict = errors.New("store: transaction conflict, retry")
	// ErrReadOnly is returned for a write inside View.
	ErrReadOnly = errors.New("store: write in a read-only transaction")
	// ErrBadTable is returned for an invalid table name.
	ErrBadTable = errors.New("store: bad table name")
)
