package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func openTest(t *testing.T, cfg Config) *DB {
	t.Helper()
	db, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// backends are the configurations every behavioural test runs against.
var backends = []struct {
	name string
	cfg  func(t *testing.T) Config
}{
	{"memory", func(*testing.T) Config { return Config{InMemory: true} }},
	{"badger", func(t *testing.T) Config { return Config{Dir: t.TempDir()} }},
}

// eachBackend runs test once per backend with a fresh database.
func eachBackend(t *testing.T, test func(t *testing.T, db *DB)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { test(t, openTest(t, b.cfg(t))) })
	}
}

func TestTables(t *testing.T) { eachBackend(t, testTables) }

func testTables(t *testing.T, db *DB) {
	jobs := db.MustTable("jobs")
	money := db.MustTable("vouchers", Money())
	if err := jobs.Put([]byte("a"), []byte("1")); err != nil {
		t.Fatal(err)
	}
	if err := money.Put([]byte("a"), []byte("2")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		tab  *Table
		key  string
		want string
		err  error
	}{
		{jobs, "a", "1", nil},
		{money, "a", "2", nil},
		{jobs, "b", "", ErrNotFound},
	}
	for _, tc := range tests {
		got, err := tc.tab.Get([]byte(tc.key))
		if !errors.Is(err, tc.err) || string(got) != tc.want {
			t.Errorf("%s/%s = %q, %v; want %q, %v", tc.tab.Name(), tc.key, got, err, tc.want, tc.err)
		}
	}
	for _, bad := range []string{"", "A", "a/b", "x y"} {
		if _, err := db.Table(bad); !errors.Is(err, ErrBadTable) {
			t.Errorf("Table(%q) err = %v", bad, err)
		}
	}
	// Prefixes do not bleed: "job" must not see "jobs".
	n, _ := db.MustTable("job").Count(nil)
	if n != 0 {
		t.Fatalf("table job sees %d keys of jobs", n)
	}
}

func TestUpdateAtomic(t *testing.T) { eachBackend(t, testUpdateAtomic) }

func testUpdateAtomic(t *testing.T, db *DB) {
	a, b := db.MustTable("a"), db.MustTable("b", Money())
	boom := errors.New("boom")
	err := db.Update(func(tx *Tx) error {
		if err := tx.Put(a, []byte("k"), []byte("v")); err != nil {
			return err
		}
		if err := tx.Put(b, []byte("k"), []byte("v")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	for _, tab := range []*Table{a, b} {
		if ok, _ := tab.Has([]byte("k")); ok {
			t.Fatalf("%s: write of a failed transaction is visible", tab.Name())
		}
	}
}

func TestIterateOrderAndPrefix(t *testing.T) { eachBackend(t, testIterateOrderAndPrefix) }

func testIterateOrderAndPrefix(t *testing.T, db *DB) {
	tab := db.MustTable("t")
	for _, k := range []string{"x/2", "x/1", "y/1", "x/3"} {
		tab.Put([]byte(k), []byte(k))
	}
	var got []string
	tab.Iterate([]byte("x/"), func(k, v []byte) error { got = append(got, string(k)); return nil })
	if fmt.Sprint(got) != "[x/1 x/2 x/3]" {
		t.Fatalf("iterate = %v", got)
	}
	j := NewJSON[map[string]int](tab)
	if err := j.Put("j", map[string]int{"n": 3}); err != nil {
		t.Fatal(err)
	}
	v, err := j.Get("j")
	if err != nil || v["n"] != 3 {
		t.Fatalf("json get = %v, %v", v, err)
	}
}

// setSchema overwrites the stored schema version, as an older or newer
// binary would have left it.
func setSchema(t *testing.T, db *DB, v byte) {
	t.Helper()
	if err := db.Update(func(tx *Tx) error { return tx.txn.set(schemaKey, []byte{0, 0, 0, v}) }); err != nil {
		t.Fatal(err)
	}
}

func TestSchemaMigration(t *testing.T) { eachBackend(t, testSchemaMigration) }

func testSchemaMigration(t *testing.T, db *DB) {
	setSchema(t, db, 0)
	if err := db.migrate(nil); !errors.Is(err, ErrSchema) {
		t.Fatalf("migrate without a migration: %v, want ErrSchema", err)
	}
	mig := Migration{From: 0, Fn: func(tx *Tx) error {
		tab, err := tx.Table("moved")
		if err != nil {
			return err
		}
		return tx.Put(tab, []byte("k"), []byte("v"))
	}}
	if err := db.migrate([]Migration{mig}); err != nil {
		t.Fatal(err)
	}
	if v, err := db.Schema(); err != nil || v != SchemaVersion {
		t.Fatalf("schema = %d, %v", v, err)
	}
	if v, err := db.MustTable("moved").Get([]byte("k")); err != nil || string(v) != "v" {
		t.Fatalf("migration's write: %q, %v", v, err)
	}
	boom := errors.New("boom")
	setSchema(t, db, 0)
	err := db.migrate([]Migration{{From: 0, Fn: func(tx *Tx) error { return boom }}})
	if !errors.Is(err, boom) || !errors.Is(err, ErrSchema) {
		t.Fatalf("failing migration: %v", err)
	}
	if v, _ := db.Schema(); v != 0 {
		t.Fatalf("failed migration moved the schema to %d", v)
	}
	setSchema(t, db, 99)
	if err := db.migrate(nil); !errors.Is(err, ErrSchema) {
		t.Fatalf("newer schema: %v, want ErrSchema", err)
	}
}

// TestSchemaMigrationReopen: Open runs the migrations of an on-disk
// database written by an older schema and refuses a newer one.
func TestSchemaMigrationReopen(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	setSchema(t, db, 0)
	db.Close()

	if _, err := Open(Config{Dir: dir}); !errors.Is(err, ErrSchema) {
		t.Fatalf("open without migration: %v, want ErrSchema", err)
	}
	ran := false
	db, err = Open(Config{Dir: dir, Migrations: []Migration{{From: 0, Fn: func(*Tx) error { ran = true; return nil }}}})
	if err != nil || !ran {
		t.Fatalf("migration ran=%v err=%v", ran, err)
	}
	if v, _ := db.Schema(); v != SchemaVersion {
		t.Fatalf("schema = %d", v)
	}
	setSchema(t, db, 99)
	db.Close()
	if _, err := Open(Config{Dir: dir}); !errors.Is(err, ErrSchema) {
		t.Fatalf("open newer schema: %v, want ErrSchema", err)
	}
}

func TestLocked(t *testing.T) {
	dir := t.TempDir()
	openTest(t, Config{Dir: dir})
	if _, err := Open(Config{Dir: dir}); !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
}

func TestClosed(t *testing.T) { eachBackend(t, testClosed) }

func testClosed(t *testing.T, db *DB) {
	tab := db.MustTable("t")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if err := tab.Put([]byte("k"), nil); !errors.Is(err, ErrClosed) {
		t.Fatalf("put after close: %v", err)
	}
	if _, err := tab.Get([]byte("k")); !errors.Is(err, ErrClosed) {
		t.Fatalf("get after close: %v", err)
	}
}

// TestEmptyVlogAfterCrash: a kill between creating a value log or memtable
// WAL and writing its header leaves an empty file; Open must recover with
// the data intact.
func TestEmptyVlogAfterCrash(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	tab := db.MustTable("money", Money())
	if err := tab.Put([]byte("k"), []byte("v")); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, f := range []string{"000099.vlog", "00099.mem"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db, err = Open(Config{Dir: dir})
	if err != nil {
		t.Fatalf("reopen with an empty value log: %v", err)
	}
	defer db.Close()
	if v, err := db.MustTable("money", Money()).Get([]byte("k")); err != nil || string(v) != "v" {
		t.Fatalf("after recovery: %q, %v", v, err)
	}
}

func TestGetPutJSON(t *testing.T) { eachBackend(t, testGetPutJSON) }

func testGetPutJSON(t *testing.T, db *DB) {
	tab := db.MustTable("recs", Money())
	type rec struct{ N int }
	err := db.Update(func(tx *Tx) error {
		if _, found, err := GetJSON[rec](tx, tab, []byte("a")); found || err != nil {
			t.Fatalf("absent key: found=%v err=%v", found, err)
		}
		if err := PutJSON(tx, tab, []byte("a"), rec{N: 7}); err != nil {
			return err
		}
		v, found, err := GetJSON[rec](tx, tab, []byte("a"))
		if !found || err != nil || v.N != 7 {
			t.Fatalf("got %+v found=%v err=%v", v, found, err)
		}
		return tx.Put(tab, []byte("bad"), []byte("{"))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *Tx) error {
		if _, _, err := GetJSON[rec](tx, tab, []byte("bad")); err == nil || !strings.Contains(err.Error(), "corrupt recs record") {
			t.Fatalf("corrupt record: %v", err)
		}
		return nil
	})
}

func TestTransactions(t *testing.T) { eachBackend(t, testTransactions) }

// testTransactions: snapshots, reading one's own writes, deletes, writes
// refused in View, nesting, and conflicts.
func testTransactions(t *testing.T, db *DB) {
	tab := db.MustTable("t")
	for _, k := range []string{"a", "b", "c"} {
		if err := tab.Put([]byte(k), []byte(k)); err != nil {
			t.Fatal(err)
		}
	}
	keys := func(tx *Tx) string {
		var got []string
		if err := tx.Iterate(tab, nil, func(k, v []byte) error { got = append(got, string(k)+"="+string(v)); return nil }); err != nil {
			t.Fatal(err)
		}
		return strings.Join(got, " ")
	}

	// Own writes are visible inside Update, in Get and Iterate.
	err := db.Update(func(tx *Tx) error {
		if err := tx.Put(tab, []byte("b"), []byte("B")); err != nil {
			return err
		}
		if err := tx.Put(tab, []byte("ab"), []byte("x")); err != nil {
			return err
		}
		if err := tx.Delete(tab, []byte("c")); err != nil {
			return err
		}
		if err := tx.Delete(tab, []byte("missing")); err != nil {
			return err
		}
		if got := keys(tx); got != "a=a ab=x b=B" {
			t.Errorf("inside Update: %s", got)
		}
		if _, err := tx.Get(tab, []byte("c")); !errors.Is(err, ErrNotFound) {
			t.Errorf("deleted key inside Update: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// A View sees the state of its start, not later commits.
	err = db.View(func(tx *Tx) error {
		if err := tab.Put([]byte("z"), []byte("z")); err != nil { // commits outside tx
			return err
		}
		if got := keys(tx); got != "a=a ab=x b=B" {
			t.Errorf("snapshot: %s", got)
		}
		if err := tx.Put(tab, []byte("k"), nil); !errors.Is(err, ErrReadOnly) {
			t.Errorf("Put in View: %v", err)
		}
		if err := tx.Delete(tab, []byte("a")); !errors.Is(err, ErrReadOnly) {
			t.Errorf("Delete in View: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := tab.Count(nil); n != 4 {
		t.Fatalf("count = %d, want 4", n)
	}

	// A key read by a transaction and written by another that commits
	// first is a conflict; the loser's writes are not applied. (The inner
	// Update also shows that transactions nest.)
	err = db.Update(func(tx *Tx) error {
		if _, err := tx.Get(tab, []byte("a")); err != nil {
			return err
		}
		if err := tab.Put([]byte("a"), []byte("other")); err != nil {
			return err
		}
		return tx.Put(tab, []byte("lost"), []byte("1"))
	})
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("read key changed meanwhile: %v, want ErrConflict", err)
	}
	if ok, _ := tab.Has([]byte("lost")); ok {
		t.Fatal("a conflicting transaction's write was applied")
	}
	// Writing a key someone else wrote, without reading it, is no conflict.
	err = db.Update(func(tx *Tx) error {
		if err := tab.Put([]byte("b"), []byte("other")); err != nil {
			return err
		}
		return tx.Put(tab, []byte("b"), []byte("mine"))
	})
	if err != nil {
		t.Fatalf("blind write: %v", err)
	}
	if v, _ := tab.Get([]byte("b")); string(v) != "mine" {
		t.Fatalf("b = %q, want the last commit's value", v)
	}
}

func TestConcurrentIncrements(t *testing.T) { eachBackend(t, testConcurrentIncrements) }

// testConcurrentIncrements: read-modify-write from many goroutines,
// retried on ErrConflict, loses no increment.
func testConcurrentIncrements(t *testing.T, db *DB) {
	tab := db.MustTable("ctr")
	const workers, each = 8, 50
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				for {
					err := db.Update(func(tx *Tx) error {
						n, _, err := GetJSON[int](tx, tab, []byte("n"))
						if err != nil {
							return err
						}
						return PutJSON(tx, tab, []byte("n"), n+1)
					})
					if errors.Is(err, ErrConflict) {
						continue
					}
					if err != nil {
						errs <- err
						return
					}
					break
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	n, err := NewJSON[int](tab).Get("n")
	if err != nil || n != workers*each {
		t.Fatalf("counter = %d, %v; want %d", n, err, workers*each)
	}
}
