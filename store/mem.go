package store

import (
	"bytes"
	"math/rand/v2"
	"sync"
)

// memKV is the in-memory backend (Config.InMemory): a persistent
// (path-copying) treap holds the committed state, so a transaction's
// snapshot is one root pointer and costs nothing until it writes. Unlike
// badger's in-memory mode it allocates per key, not a memtable arena up
// front, which is what lets a simulation run a thousand nodes in one
// process.
//
// Transactions follow badger's model: View sees the state at its start;
// Update sees its snapshot plus its own writes and commits all of them or
// none. A commit fails with ErrConflict when a key the transaction read
// was written by a transaction that committed after it began (optimistic
// concurrency, as badger). No lock is held while fn runs, so transactions
// may nest.
type memKV struct {
	mu     sync.Mutex
	root   *memNode
	ver    uint64         // commits so far; a snapshot's read version
	active map[uint64]int // read version → open Update transactions
	log    []memCommit    // commits newer than the oldest open Update
	closed bool
}

type memCommit struct {
	ver  uint64
	keys map[string]struct{}
}

func newMemKV() *memKV { return &memKV{active: map[uint64]int{}} }

func (kv *memKV) begin(update bool) (*memNode, uint64, error) {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if kv.closed {
		return nil, 0, ErrClosed
	}
	if update {
		kv.active[kv.ver]++
	}
	return kv.root, kv.ver, nil
}

func (kv *memKV) view(fn func(txn) error) error {
	root, _, err := kv.begin(false)
	if err != nil {
		return err
	}
	return fn(&memTxn{root: root, ro: true})
}

func (kv *memKV) update(fn func(txn) error) error {
	root, ver, err := kv.begin(true)
	if err != nil {
		return err
	}
	t := &memTxn{root: root, writes: map[string]memWrite{}, reads: map[string]struct{}{}}
	err = fn(t)

	kv.mu.Lock()
	defer kv.mu.Unlock()
	if kv.active[ver]--; kv.active[ver] == 0 {
		delete(kv.active, ver)
	}
	defer kv.prune()
	if err != nil || len(t.writes) == 0 {
		return err
	}
	if kv.closed {
		return ErrClosed
	}
	for _, c := range kv.log {
		if c.ver <= ver {
			continue
		}
		for k := range t.reads {
			if _, ok := c.keys[k]; ok {
				return ErrConflict
			}
		}
	}
	root = kv.root
	keys := make(map[string]struct{}, len(t.writes))
	for k, w := range t.writes {
		keys[k] = struct{}{}
		if w.del {
			root = memRemove(root, []byte(k))
		} else {
			root = memInsert(root, []byte(k), w.val)
		}
	}
	kv.root = root
	kv.ver++
	if len(kv.active) > 0 {
		kv.log = append(kv.log, memCommit{ver: kv.ver, keys: keys})
	}
	return nil
}

// prune drops the commits no open Update can conflict with. Callers hold mu.
func (kv *memKV) prune() {
	if len(kv.active) == 0 {
		kv.log = kv.log[:0]
		return
	}
	oldest := kv.ver
	for v := range kv.active {
		oldest = min(oldest, v)
	}
	i := 0
	for i < len(kv.log) && kv.log[i].ver <= oldest {
		i++
	}
	kv.log = append(kv.log[:0], kv.log[i:]...)
}

func (kv *memKV) sync() error { return nil }

func (kv *memKV) close() error {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	kv.closed, kv.root, kv.log = true, nil, nil
	return nil
}

type memWrite struct {
	val []byte
	del bool
}

// memTxn reads its snapshot root, to which its own writes are applied as
// they happen; writes remembers them for replay onto the state current at
// commit.
type memTxn struct {
	root   *memNode
	ro     bool
	writes map[string]memWrite
	reads  map[string]struct{}
}

func (t *memTxn) get(key []byte) ([]byte, error) {
	if !t.ro {
		t.reads[string(key)] = struct{}{}
	}
	n := t.root
	for n != nil {
		switch c := bytes.Compare(key, n.key); {
		case c < 0:
			n = n.left
		case c > 0:
			n = n.right
		default:
			return bytes.Clone(n.val), nil
		}
	}
	return nil, errMissing
}

func (t *memTxn) set(key, val []byte) error {
	k, v := bytes.Clone(key), bytes.Clone(val)
	if v == nil {
		v = []byte{}
	}
	t.writes[string(k)] = memWrite{val: v}
	t.root = memInsert(t.root, k, v)
	return nil
}

func (t *memTxn) delete(key []byte) error {
	t.writes[string(key)] = memWrite{del: true}
	t.root = memRemove(t.root, key)
	return nil
}

func (t *memTxn) iterate(prefix []byte, _ bool, fn func(key, val []byte) error) error {
	var err error
	memAscend(t.root, prefix, func(n *memNode) bool {
		if !bytes.HasPrefix(n.key, prefix) {
			return false
		}
		if !t.ro {
			t.reads[string(n.key)] = struct{}{}
		}
		err = fn(n.key[:len(n.key):len(n.key)], n.val[:len(n.val):len(n.val)])
		return err == nil
	})
	return err
}

// memNode is a treap node. Nodes reachable from a committed root are never
// modified; writers copy the path from the root to the change.
type memNode struct {
	key, val    []byte
	prio        uint32
	left, right *memNode
}

func memInsert(n *memNode, key, val []byte) *memNode {
	if n == nil {
		return &memNode{key: key, val: val, prio: rand.Uint32()}
	}
	cp := *n
	switch c := bytes.Compare(key, n.key); {
	case c == 0:
		cp.val = val
	case c < 0:
		cp.left = memInsert(n.left, key, val)
		if cp.left.prio > cp.prio { // rotate right; both nodes are fresh copies
			l := cp.left
			cp.left, l.right = l.right, &cp
			return l
		}
	default:
		cp.right = memInsert(n.right, key, val)
		if cp.right.prio > cp.prio { // rotate left
			r := cp.right
			cp.right, r.left = r.left, &cp
			return r
		}
	}
	return &cp
}

func memRemove(n *memNode, key []byte) *memNode {
	if n == nil {
		return nil
	}
	switch c := bytes.Compare(key, n.key); {
	case c == 0:
		return memMerge(n.left, n.right)
	case c < 0:
		l := memRemove(n.left, key)
		if l == n.left {
			return n
		}
		cp := *n
		cp.left = l
		return &cp
	default:
		r := memRemove(n.right, key)
		if r == n.right {
			return n
		}
		cp := *n
		cp.right = r
		return &cp
	}
}

// memMerge joins two treaps whose keys are all ordered a < b.
func memMerge(a, b *memNode) *memNode {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case a.prio > b.prio:
		cp := *a
		cp.right = memMerge(a.right, b)
		return &cp
	default:
		cp := *b
		cp.left = memMerge(a, b.left)
		return &cp
	}
}

// memAscend calls fn for each node with key ≥ from in key order until fn
// returns false; it reports whether the walk ran to the end.
func memAscend(n *memNode, from []byte, fn func(*memNode) bool) bool {
	for n != nil {
		if bytes.Compare(n.key, from) >= 0 {
			if !memAscend(n.left, from, fn) || !fn(n) {
				return false
			}
		}
		n = n.right
	}
	return true
}
