package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"
)

// SchemaVersion is the schema this binary writes.
const SchemaVersion = 1

// Migration upgrades the schema from From to From+1 inside one transaction.
type Migration struct {
	From uint32
	Fn   func(txn *badger.Txn) error
}

// Config configures Open.
type Config struct {
	// Dir is the database directory, normally <datadir>/db. Ignored when
	// InMemory is set.
	Dir string
	// InMemory keeps everything in memory (simulations, tests).
	InMemory bool
	// Migrations run in order when the stored schema is older.
	Migrations []Migration
	// Logger receives badger's warnings and errors. Nil means slog.Default().
	Logger *slog.Logger
	// MemTableSize in bytes; 0 means 16 MiB, small enough for many
	// in-process nodes in a simulation.
	MemTableSize int64
}

// DB is an open database. It is safe for concurrent use.
type DB struct {
	bdb    *badger.DB
	log    *slog.Logger
	mu     sync.Mutex
	closed bool
}

var schemaKey = []byte("m/schema")

// Open opens (creating if needed) the database and brings its schema to
// SchemaVersion.
func Open(cfg Config) (*DB, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	opts := badger.DefaultOptions(cfg.Dir).
		WithLogger(badgerLogger{log.With("component", "badger")}).
		WithInMemory(cfg.InMemory).
		WithNumVersionsToKeep(1).
		WithValueThreshold(4 << 10)
	mt := cfg.MemTableSize
	if mt == 0 {
		mt = 16 << 20
	}
	opts = opts.WithMemTableSize(mt).WithBlockCacheSize(8 << 20).WithIndexCacheSize(4 << 20).WithNumCompactors(2)
	if cfg.InMemory {
		// No value log in memory: every value must fit under the threshold
		// (settlement records with many receipts exceed 4 KiB).
		opts = opts.WithDir("").WithValueDir("").WithValueThreshold(1 << 20)
	} else if cfg.Dir == "" {
		return nil, errors.New("store: Config.Dir is empty")
	}
	if !cfg.InMemory {
		if err := removeEmptyLogs(cfg.Dir, log); err != nil {
			return nil, err
		}
	}
	bdb, err := badger.Open(opts)
	if err != nil {
		if strings.Contains(err.Error(), "Cannot acquire directory lock") {
			return nil, fmt.Errorf("%w: %s", ErrLocked, cfg.Dir)
		}
		return nil, fmt.Errorf("store: open %s: %w", cfg.Dir, err)
	}
	db := &DB{bdb: bdb, log: log}
	if err := db.migrate(cfg.Migrations); err != nil {
		bdb.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) migrate(migs []Migration) error {
	return db.bdb.Update(func(txn *badger.Txn) error {
		var ver uint32
		item, err := txn.Get(schemaKey)
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
			// Fresh database: stamp the current version.
			return txn.Set(schemaKey, binary.BigEndian.AppendUint32(nil, SchemaVersion))
		case err != nil:
			return fmt.Errorf("%w: read version: %w", ErrSchema, err)
		}
		if err := item.Value(func(v []byte) error {
			if len(v) != 4 {
				return fmt.Errorf("%w: version record has %d bytes", ErrSchema, len(v))
			}
			ver = binary.BigEndian.Uint32(v)
			return nil
		}); err != nil {
			return err
		}
		if ver > SchemaVersion {
			return fmt.Errorf("%w: database is version %d, this binary knows %d: upgrade ogpu", ErrSchema, ver, SchemaVersion)
		}
		for _, m := range migs {
			if m.From != ver || ver >= SchemaVersion {
				continue
			}
			if err := m.Fn(txn); err != nil {
				return fmt.Errorf("%w: migrate %d→%d: %w", ErrSchema, ver, ver+1, err)
			}
			ver++
		}
		if ver != SchemaVersion {
			return fmt.Errorf("%w: no migration from version %d", ErrSchema, ver)
		}
		return txn.Set(schemaKey, binary.BigEndian.AppendUint32(nil, ver))
	})
}

// Schema returns the stored schema version.
func (db *DB) Schema() (uint32, error) {
	var ver uint32
	err := db.bdb.View(func(txn *badger.Txn) error {
		item, err := txn.Get(schemaKey)
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error { ver = binary.BigEndian.Uint32(v); return nil })
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
	return db.bdb.Close()
}

// Badger exposes the underlying database for callers that need a feature
// this package does not wrap (e.g. a streaming backup).
func (db *DB) Badger() *badger.DB { return db.bdb }

// Update runs fn in one read-write transaction across any tables. If any
// Money table was written, the write is fsynced before Update returns.
func (db *DB) Update(fn func(tx *Tx) error) error {
	tx := &Tx{}
	err := db.bdb.Update(func(txn *badger.Txn) error {
		tx.txn = txn
		return fn(tx)
	})
	if err != nil {
		return wrapClosed(err)
	}
	if tx.money {
		if err := db.bdb.Sync(); err != nil {
			return fmt.Errorf("store: sync: %w", err)
		}
	}
	return nil
}

// View runs fn in a read-only transaction.
func (db *DB) View(fn func(tx *Tx) error) error {
	return wrapClosed(db.bdb.View(func(txn *badger.Txn) error { return fn(&Tx{txn: txn, ro: true}) }))
}

func wrapClosed(err error) error {
	if errors.Is(err, badger.ErrDBClosed) {
		return fmt.Errorf("%w: %w", ErrClosed, err)
	}
	return err
}

type badgerLogger struct{ l *slog.Logger }

func (b badgerLogger) Errorf(f string, a ...any)   { b.l.Error(strings.TrimSpace(fmt.Sprintf(f, a...))) }
func (b badgerLogger) Warningf(f string, a ...any) { b.l.Warn(strings.TrimSpace(fmt.Sprintf(f, a...))) }
func (b badgerLogger) Infof(string, ...any)        {}
func (b badgerLogger) Debugf(string, ...any)       {}

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
