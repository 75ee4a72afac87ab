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
	size int

	mu            sync.Mutex
	sigs, old     map[common.Hash]common.Address
	addrs         map[peer.ID]common.Address
	memo, oldMemo map[common.Hash]any
}

// NewCache returns a cache holding about size recent signatures.
func NewCache(size int) *Cache {
	if size <= 0 {
		size = 4096
	}
	return &Cache{size: size, sigs: make(map[common.Hash]common.Address), addrs: make(map[peer.ID]common.Address), memo: make(map[common.Hash]any)}
}

// Recover is identity.Recover, memoized by (digest, sig).
func (c *Cache) Recover(digest common.Hash, sig []byte) (common.Address, error) {
	if c == nil {
		return Recover(digest, sig)
	}
	k := ethcrypto.Keccak256Hash(digest[:], sig)
	c.mu.Lock()
	a, ok := c.sigs[k]
	if !ok {
		a, ok = c.old[k]
	}
	c.mu.Unlock()
	if ok {
		return a, nil
	}
	a, err := Recover(digest, sig)
	if err != nil {
		return a, err // failures are not cached: they are cheap to repeat and must not be poisoned
	}
	c.mu.Lock()
	if len(c.sigs) >= c.size {
		c.old, c.sigs = c.sigs, make(map[common.Hash]common.Address, c.size)
	}
	c.sigs[k] = a
	c.mu.Unlock()
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
	c.mu.Lock()
	a, ok := c.addrs[id]
	c.mu.Unlock()
	if ok {
		return a, nil
	}
	a, err := PeerIDToAddress(id)
	if err != nil {
		return a, err
	}
	c.mu.Lock()
	if len(c.addrs) >= 4*c.size {
		c.addrs = make(map[peer.ID]common.Address)
	}
	c.addrs[id] = a
	c.mu.Unlock()
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
	c.mu.Lock()
	v, ok := c.memo[key]
	if !ok {
		v, ok = c.oldMemo[key]
	}
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := compute()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.memo) >= c.size {
		c.oldMemo, c.memo = c.memo, make(map[common.Hash]any, c.size)
	}
	c.memo[key] = v
	c.mu.Unlock()
	return v, nil
}
