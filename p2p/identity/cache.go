package identity

import (
	"sync"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
)

// Cache memoizes signature recoveries and peer-ID→address derivations,
// the two costly steps of checking signed gossip. A node keeps one; the
// in-process simulator shares one between all its nodes, so N nodes
// checking the same ad pay for one ecrecover instead of N. It is bounded
// (two generations of at most Size entries each) and safe for concurrent
// use. A nil *Cache computes without memoizing.
//
// Memo extends the same sharing to whole decoded messages: nodes that
// receive the same bytes get the same immutable value, decoded and checked
// once.
type Cache struct {
	shards []cacheShard
}

// cacheShard is one lock's worth of the cache. A simulator's thousands of
// validators share one Cache: behind a single mutex they queued up on it
// (contended handoffs on a saturated CPU), so entries are spread over
// cacheShards shards by key, and hits take a read lock only.
type cacheShard struct {
	size int

	mu            sync.RWMutex
	sigs, old     map[common.Hash]common.Address
	addrs         map[peer.ID]common.Address
	memo, oldMemo map[common.Hash]any
}

// cacheShards is the shard count of caches of at least
// minShardedCacheSize entries; smaller ones have one shard.
const (
	cacheShards         = 32
	minShardedCacheSize = 1024
)

// NewCache returns a cache holding about size recent signatures.
func NewCache(size int) *Cache {
	if size <= 0 {
		size = 4096
	}
	n := 1
	if size >= minShardedCacheSize {
		n = cacheShards
	}
	c := &Cache{shards: make([]cacheShard, n)}
	for i := range c.shards {
		c.shards[i] = cacheShard{size: size / n, sigs: make(map[common.Hash]common.Address), addrs: make(map[peer.ID]common.Address), memo: make(map[common.Hash]any)}
	}
	return c
}

func (c *Cache) shard(b byte) *cacheShard { return &c.shards[int(b)%len(c.shards)] }

// Recover is identity.Recover, memoized by (digest, sig).
func (c *Cache) Recover(digest common.Hash, sig []byte) (common.Address, error) {
	if c == nil {
		return Recover(digest, sig)
	}
	k := ethcrypto.Keccak256Hash(digest[:], sig)
	sh := c.shard(k[0])
	sh.mu.RLock()
	a, ok := sh.sigs[k]
	if !ok {
		a, ok = sh.old[k]
	}
	sh.mu.RUnlock()
	if ok {
		return a, nil
	}
	a, err := Recover(digest, sig)
	if err != nil {
		return a, err // failures are not cached: they are cheap to repeat and must not be poisoned
	}
	sh.mu.Lock()
	if len(sh.sigs) >= sh.size {
		sh.old, sh.sigs = sh.sigs, make(map[common.Hash]common.Address, sh.size)
	}
	sh.sigs[k] = a
	sh.mu.Unlock()
	return a, nil
}

// Verify is identity.Verify, memoized.
func (c *Cache) Verify(digest common.Hash, sig []byte, want common.Address) error {
	got, err := c.Recover(digest, sig)
	if err != nil {
		return err
	}
	if got != want {
		return badSigner(got, want)
	}
	return nil
}

// AddressOf is PeerIDToAddress, memoized.
func (c *Cache) AddressOf(id peer.ID) (common.Address, error) {
	if c == nil {
		return PeerIDToAddress(id)
	}
	var b byte
	if len(id) > 0 {
		b = id[len(id)-1]
	}
	sh := c.shard(b)
	sh.mu.RLock()
	a, ok := sh.addrs[id]
	sh.mu.RUnlock()
	if ok {
		return a, nil
	}
	a, err := PeerIDToAddress(id)
	if err != nil {
		return a, err
	}
	sh.mu.Lock()
	if len(sh.addrs) >= 4*sh.size {
		sh.addrs = make(map[peer.ID]common.Address)
	}
	sh.addrs[id] = a
	sh.mu.Unlock()
	return a, nil
}

// Memo returns the value memoized under key, calling compute on a miss.
// Every caller with the same key gets the same value, so it must be
// treated as immutable; key must name everything compute depends on
// (e.g. a hash of the message bytes and a domain tag). Errors are not
// memoized. A nil Cache always computes.
func (c *Cache) Memo(key common.Hash, compute func() (any, error)) (any, error) {
	if c == nil {
		return compute()
	}
	sh := c.shard(key[0])
	sh.mu.RLock()
	v, ok := sh.memo[key]
	if !ok {
		v, ok = sh.oldMemo[key]
	}
	sh.mu.RUnlock()
	if ok {
		return v, nil
	}
	v, err := compute()
	if err != nil {
		return nil, err
	}
	sh.mu.Lock()
	if len(sh.memo) >= sh.size {
		sh.oldMemo, sh.memo = sh.memo, make(map[common.Hash]any, sh.size)
	}
	sh.memo[key] = v
	sh.mu.Unlock()
	return v, nil
}
