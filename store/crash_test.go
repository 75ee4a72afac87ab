package store

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// The writer child appends sequence numbers to a Money table, each write
// acknowledged on stdout only after Put returned (i.e. after fsync).
const crashChildEnv = "OGPU_STORE_CRASH_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashChildEnv); dir != "" {
		crashChild(dir)
		return
	}
	os.Exit(m.Run())
}

func crashChild(dir string) {
	db, err := Open(Config{Dir: dir})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		os.Exit(3)
	}
	money := db.MustTable("money", Money())
	bulk := db.MustTable("bulk")
	next := lastSeq(money) + 1
	pad := make([]byte, 2048)
	for i := next; ; i++ {
		k := binary.BigEndian.AppendUint64(nil, i)
		if err := db.Update(func(tx *Tx) error {
			if err := tx.Put(money, k, k); err != nil {
				return err
			}
			return tx.Put(bulk, k, pad) // some non-synced bulk beside it
		}); err != nil {
			fmt.Fprintln(os.Stderr, "child put:", err)
			os.Exit(4)
		}
		fmt.Println(i) // acknowledged
	}
}

func lastSeq(t *Table) uint64 {
	var last uint64
	t.Iterate(nil, func(k, v []byte) error { last = binary.BigEndian.Uint64(k); return nil })
	return last
}

// TestCrashConsistency kills a writing process with SIGKILL many times and
// checks that each reopen is clean, that every acknowledged write of the
// money table survived, and that the sequence has no holes.
func TestCrashConsistency(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := filepath.Join(t.TempDir(), "db")
	const rounds = 25
	var acked uint64
	for r := 0; r < rounds; r++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Let it write for a varying, short while, reading acks as they come.
		done := make(chan uint64)
		go func() {
			var last uint64
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if v, err := strconv.ParseUint(sc.Text(), 10, 64); err == nil {
					last = v
				}
			}
			done <- last
		}()
		time.Sleep(time.Duration(20+r*7%60) * time.Millisecond) // crash point, not a wait for a condition
		cmd.Process.Signal(syscall.SIGKILL)
		last := <-done
		cmd.Wait()
		if last > acked {
			acked = last
		}

		db, err := Open(Config{Dir: dir})
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", r, err)
		}
		money := db.MustTable("money", Money())
		n, err := money.Count(nil)
		if err != nil {
			t.Fatal(err)
		}
		got := lastSeq(money)
		if got < acked {
			db.Close()
			t.Fatalf("round %d: acknowledged write %d lost (last stored %d)", r, acked, got)
		}
		if uint64(n) != got {
			db.Close()
			t.Fatalf("round %d: %d records but last is %d: hole in the sequence", r, n, got)
		}
		db.Close()
	}
	if acked == 0 {
		t.Fatal("child never acknowledged a write")
	}
	t.Logf("%d kills, %d acknowledged synced writes, all present", rounds, acked)
}
