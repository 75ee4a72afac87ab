package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
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

func TestTables(t *testing.T) {
	db := openTest(t, Config{InMemory: true})
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

func TestUpdateAtomic(t *testing.T) {
	db := openTest(t, Config{InMemory: true})
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

func TestIterateOrderAndPrefix(t *testing.T) {
	db := openTest(t, Config{InMemory: true})
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

func TestSchemaMigration(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	// Pretend the database was written by schema 0.
	db.bdb.Update(func(txn *badger.Txn) error { return txn.Set(schemaKey, []byte{0, 0, 0, 0}) })
	db.Close()

	if _, err := Open(Config{Dir: dir}); !errors.Is(err, ErrSchema) {
		t.Fatalf("open without migration: %v, want ErrSchema", err)
	}
	ran := false
	db, err = Open(Config{Dir: dir, Migrations: []Migration{{From: 0, Fn: func(txn *badger.Txn) error { ran = true; return nil }}}})
	if err != nil || !ran {
		t.Fatalf("migration ran=%v err=%v", ran, err)
	}
	if v, _ := db.Schema(); v != SchemaVersion {
		t.Fatalf("schema = %d", v)
	}
	db.bdb.Update(func(txn *badger.Txn) error { return txn.Set(schemaKey, []byte{0, 0, 0, 99}) })
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

func TestClosed(t *testing.T) {
	db, _ := Open(Config{InMemory: true})
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

func TestGetPutJSON(t *testing.T) {
	db := openTest(t, Config{InMemory: true})
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
