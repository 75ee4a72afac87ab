package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
)

// SchemaVersion is the schema this binary writes.
const SchemaVersion = 1

// Migration upgrades the schema from From to From+1 inside one transaction.
// Fn reaches tables through tx.Table.
type Migration struct {
	From uint32
	Fn   func(tx *Tx) error
}

// Config configures Open.
type Config struct {
	// Dir is the database directory, normally <datadir>/db. Ignored when
	// InMemory is set.
	Dir string
	// InMemory keeps everything in process memory (simulations, tests): a
	// sorted tree allocated per key, nothing up front, lost on Close.
	InMemory bool
	// Migrations run in order when the stored schema is older.
	Migrations []Migration
	// Logger receives badger's warnings and errors. Nil means slog.Default().
	Logger *slog.Logger
	// MemTableSize is badger's memtable size in bytes (on disk only); 0
	// means 16 MiB.
	MemTableSize int64
}

// DB is an open database. It is safe for concurrent use.
type DB struct {
	kv     kv
	log    *slog.Logger
	mu     sync.Mutex
	closed bool
}

// kv is a backend: badger on disk, or memKV.
type kv interface {
	update(fn func(txn) error) error
	view(fn func(txn) error) error
	sync() error
	close() error
}

// txn is one backend transaction. get returns a copy or errMissing;
// iterate walks keys with prefix in key order, slices valid during fn only
// (val nil when keysOnly).
type txn interface {
	get(key []byte) ([]byte, error)
	set(key, val []byte) error
	delete(key []byte) error
	iterate(prefix []byte, keysOnly bool, fn func(key, val []byte) error) error
}

// errMissing is a backend's "no such key", turned into ErrNotFound with
// the table and key by Tx.Get.
var errMissing = errors.New("store: key missing")

var schemaKey = []byte("m/schema")

// Open opens (creating if needed) the database and brings its schema to
// SchemaVersion.
func Open(cfg Config) (*DB, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	var (
		backend kv
		err     error
	)
	switch {
	case cfg.InMemory:
		backend = newMemKV()
	case cfg.Dir == "":
		return nil, errors.New("store: Config.Dir is empty")
	default:
		if err := removeEmptyLogs(cfg.Dir, log); err != nil {
			return nil, err
		}
		if backend, err = openBadger(cfg, log); err != nil {
			return nil, err
		}
	}
	db := &DB{kv: backend, log: log}
	if err := db.migrate(cfg.Migrations); err != nil {
		backend.close()
		return nil, err
	}
	return db, nil
}

func (db *DB) migrate(migs []Migration) error {
	return db.Update(func(tx *Tx) error {
		var ver uint32
		v, err := tx.txn.get(schemaKey)
		switch {
		case errors.Is(err, errMissing):
			// Fresh database: stamp the current version.
			return tx.txn.set(schemaKey, binary.BigEndian.AppendUint32(nil, SchemaVersion))
		case err != nil:
			return fmt.Errorf("%w: read version: %w", ErrSchema, err)
		case len(v) != 4:
			return fmt.Errorf("%w: version record has %d bytes", ErrSchema, len(v))
		}
		ver = binary.BigEndian.Uint32(v)
		if ver > SchemaVersion {
			return fmt.Errorf("%w: database is version %d, this binary knows %d: upgrade ogpu", ErrSchema, ver, SchemaVersion)
		}
		for _, m := range migs {
			if m.From != ver || ver >= SchemaVersion {
				continue
			}
			if err := m.Fn(tx); err != nil {
				return fmt.Errorf("%w: migrate %d→%d: %w", ErrSchema, ver, ver+1, err)
			}
			ver++
		}
		if ver != SchemaVersion {
			return fmt.Errorf("%w: no migration from version %d", ErrSchema, ver)
		}
		return tx.txn.set(schemaKey, binary.BigEndian.AppendUint32(nil, ver))
	})
}

// Schema returns the stored schema version.
func (db *DB) Schema() (uint32, error) {
	var ver uint32
	err := db.View(func(tx *Tx) error {
		v, err := tx.txn.get(schemaKey)
		if err != nil {
			return fmt.Errorf("%w: read version: %w", ErrSchema, err)
		}
		if len(v) != 4 {
			return fmt.Errorf("%w: version record has %d bytes", ErrSchema, len(v))
		}
		ver = binary.BigEndian.Uint32(v)
		return nil
	})
	return ver, err
}

// Close flushes and closes the database. It is idempotent.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil
	}
	db.closed = true
	return db.kv.close()
}

// Update runs fn in one read-write transaction across any tables: fn sees
// the database as it was when Update began plus its own writes, and the
// writes commit together or not at all. Update fails with ErrConflict when
// a key fn read was changed by another transaction meanwhile; fn may then
// be run again. If any Money table was written, the write is fsynced
// before Update returns.
func (db *DB) Update(fn func(tx *Tx) error) error {
	tx := &Tx{db: db}
	err := db.kv.update(func(t txn) error {
		tx.txn = t
		return fn(tx)
	})
	if err != nil {
		return err
	}
	if tx.money {
		if err := db.kv.sync(); err != nil {
			return fmt.Errorf("store: sync: %w", err)
		}
	}
	return nil
}

// View runs fn in a read-only transaction that sees the database as it was
// when View began.
func (db *DB) View(fn func(tx *Tx) error) error {
	return db.kv.view(func(t txn) error { return fn(&Tx{db: db, txn: t, ro: true}) })
}

// removeEmptyLogs deletes zero-length value-log (.vlog) and memtable WAL
// (.mem) files. badger creates such a file, then sizes it and writes its
// 20-byte header; a kill -9 between the two leaves an empty file that
// badger v4.9.6 refuses to reopen ("Open existing file … Create a new
// file", "while opening fid"), which would wedge the node for good. An
// empty file holds no data and nothing points into it, so removing it
// loses nothing; badger then recreates it.
func removeEmptyLogs(dir string, log *slog.Logger) error {
	for _, pattern := range []string{"*.vlog", "*.mem"} {
		matches, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		for _, m := range matches {
			st, err := os.Stat(m)
			if err != nil || st.Size() != 0 {
				continue
			}
			log.Warn("removing empty log file left by a crash", "file", m)
			if err := os.Remove(m); err != nil {
				return fmt.Errorf("store: remove empty log file: %w", err)
			}
		}
	}
	return nil
}
