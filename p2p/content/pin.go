package content

import (
	"context"
	"fmt"

	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/go-cid"
	ds "github.com/ipfs/go-datastore"
	"github.com/ipfs/go-datastore/query"
)

// pinPrefix is where pins live in the datastore, apart from /blocks.
//
// A pin is a key, so it survives a restart with the blockstore. Pin writes
// /pins/<cid> (the user's pin: POST /v1/content, a stream's model);
// PinFor writes /pins/<owner>/<cid>, one key per (owner, cid). A block
// stays while any key reaches it, so owners never unpin each other's
// blocks: two tasks that share an input each hold their own pin.
const pinPrefix = "/pins/"

func pinKey(c cid.Cid) ds.Key { return ds.NewKey(pinPrefix + c.String()) }

func ownerPrefix(owner string) ds.Key { return ds.NewKey(pinPrefix + owner) }

func ownerKey(owner string, c cid.Cid) ds.Key { return ownerPrefix(owner).ChildString(c.String()) }

// checkOwner accepts owners of letters, digits and . _ : - (up to 128
// bytes): they become one datastore key segment.
func checkOwner(owner string) error {
	if owner == "" || len(owner) > 128 {
		return fmt.Errorf("%w: %q (1 to 128 bytes)", ErrPinOwner, owner)
	}
	for _, r := range owner {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == ':', r == '-':
		default:
			return fmt.Errorf("%w: %q (letters, digits and . _ : - only)", ErrPinOwner, owner)
		}
	}
	return nil
}

// pinIndex mirrors the /pins keys in memory, owner ("" for Pin) → roots,
// so listing and releasing an owner's pins costs what that owner holds,
// not a scan of the datastore (the in-memory datastore can only scan all
// of it, blocks included). Guarded by Store.pinMu.
type pinIndex map[string]map[cid.Cid]struct{}

func (ix pinIndex) add(owner string, c cid.Cid) {
	set := ix[owner]
	if set == nil {
		set = map[cid.Cid]struct{}{}
		ix[owner] = set
	}
	set[c] = struct{}{}
}

func (ix pinIndex) remove(owner string, c cid.Cid) {
	if set := ix[owner]; set != nil {
		delete(set, c)
		if len(set) == 0 {
			delete(ix, owner)
		}
	}
}

// loadPins fills the index from the datastore (Start).
func (s *Store) loadPins(ctx context.Context) error {
	res, err := s.ds.Query(ctx, query.Query{Prefix: pinPrefix, KeysOnly: true})
	if err != nil {
		return fmt.Errorf("content: load pins: %w", err)
	}
	defer res.Close()
	ix := pinIndex{}
	for r := range res.Next() {
		if r.Error != nil {
			return fmt.Errorf("content: load pins: %w", r.Error)
		}
		k := ds.NewKey(r.Key)
		ns := k.Namespaces()
		owner := ""
		switch len(ns) {
		case 2: // /pins/<cid>
		case 3: // /pins/<owner>/<cid>
			owner = ns[1]
		default:
			return fmt.Errorf("content: bad pin key %q", r.Key)
		}
		c, err := cid.Decode(k.BaseNamespace())
		if err != nil {
			return fmt.Errorf("content: bad pin key %q: %w", r.Key, err)
		}
		ix.add(owner, c)
	}
	s.pinMu.Lock()
	s.pins = ix
	s.pinMu.Unlock()
	return nil
}

func key(owner string, c cid.Cid) ds.Key {
	if owner == "" {
		return pinKey(c)
	}
	return ownerKey(owner, c)
}

// Pin keeps c and everything it links to through GC. The graph must be
// stored locally (Add it, or Get/Cat it first). This is the user's pin,
// shared by every caller of Pin; owners that come and go use PinFor.
func (s *Store) Pin(ctx context.Context, c cid.Cid) error {
	return s.pin(ctx, "", c)
}

// PinFor pins c on behalf of owner (a job, a task: see checkOwner for the
// spelling). c stays pinned while any owner, or Pin, holds it. Pinning
// again is a no-op.
func (s *Store) PinFor(ctx context.Context, owner string, c cid.Cid) error {
	if err := checkOwner(owner); err != nil {
		return err
	}
	return s.pin(ctx, owner, c)
}

func (s *Store) pin(ctx context.Context, owner string, c cid.Cid) error {
	if err := s.ready(); err != nil {
		return err
	}
	if !c.Defined() {
		return fmt.Errorf("%w: pin of an undefined cid", ErrNotFound)
	}
	s.gcLock.RLock()
	defer s.gcLock.RUnlock()
	if isEmptyRaw(c) {
		// Nothing to keep: bitswap never moves the empty block and reads
		// of it never touch the blockstore.
		return nil
	}
	if has, err := s.bstore.Has(ctx, c); err != nil {
		return fmt.Errorf("content: pin %s: %w", c, err)
	} else if !has {
		return fmt.Errorf("%w: pin %s: not stored locally", ErrNotFound, c)
	}
	s.pinMu.Lock()
	defer s.pinMu.Unlock()
	if _, ok := s.pins[owner][c]; ok {
		return nil
	}
	if err := s.ds.Put(ctx, key(owner, c), nil); err != nil {
		return fmt.Errorf("content: pin %s: %w", c, err)
	}
	s.pins.add(owner, c)
	return nil
}

// Unpin releases the user's pin of c; its blocks go at the next GC unless
// other pins reach them. Pins held through PinFor stay.
func (s *Store) Unpin(ctx context.Context, c cid.Cid) error {
	return s.unpin(ctx, "", c)
}

// UnpinFor releases owner's pin of c. Unpinning what owner does not hold
// is a no-op; other owners' pins of c stay.
func (s *Store) UnpinFor(ctx context.Context, owner string, c cid.Cid) error {
	if err := checkOwner(owner); err != nil {
		return err
	}
	return s.unpin(ctx, owner, c)
}

func (s *Store) unpin(ctx context.Context, owner string, c cid.Cid) error {
	if err := s.ready(); err != nil {
		return err
	}
	s.pinMu.Lock()
	defer s.pinMu.Unlock()
	if err := s.ds.Delete(ctx, key(owner, c)); err != nil {
		return fmt.Errorf("content: unpin %s: %w", c, err)
	}
	s.pins.remove(owner, c)
	return nil
}

// UnpinOwner releases every pin of owner and returns how many it held.
func (s *Store) UnpinOwner(ctx context.Context, owner string) (int, error) {
	if err := checkOwner(owner); err != nil {
		return 0, err
	}
	if err := s.ready(); err != nil {
		return 0, err
	}
	s.pinMu.Lock()
	defer s.pinMu.Unlock()
	n := 0
	for c := range s.pins[owner] {
		if err := s.ds.Delete(ctx, ownerKey(owner, c)); err != nil {
			return n, fmt.Errorf("content: unpin %s for %s: %w", c, owner, err)
		}
		s.pins.remove(owner, c)
		n++
	}
	return n, nil
}

// PinsOf lists the roots owner has pinned.
func (s *Store) PinsOf(ctx context.Context, owner string) ([]cid.Cid, error) {
	if err := checkOwner(owner); err != nil {
		return nil, err
	}
	if err := s.ready(); err != nil {
		return nil, err
	}
	s.pinMu.Lock()
	defer s.pinMu.Unlock()
	out := make([]cid.Cid, 0, len(s.pins[owner]))
	for c := range s.pins[owner] {
		out = append(out, c)
	}
	return out, nil
}

// Pins lists the pinned roots, each once however many owners hold it.
func (s *Store) Pins(ctx context.Context) ([]cid.Cid, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	s.pinMu.Lock()
	defer s.pinMu.Unlock()
	seen := cid.NewSet()
	var out []cid.Cid
	for _, set := range s.pins {
		for c := range set {
			if seen.Visit(c) {
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// GCFreed is how many blocks GC has deleted since the store started.
func (s *Store) GCFreed() uint64 { return s.gcFreed.Load() }

// GC deletes every block not reachable from a pin or from a root added or
// fetched since the previous GC or within Config.GCGrace, and returns how
// many it deleted. Adds, pins and new fetches wait while it runs; fetches
// in progress go on, their roots kept. A block being added or fetched is
// never taken.
func (s *Store) GC(ctx context.Context) (int, error) {
	if err := s.ready(); err != nil {
		return 0, err
	}
	s.gcLock.Lock()
	defer s.gcLock.Unlock()
	// The keys first, the live set second: a block that arrives meanwhile
	// (a fetch in progress) is not in the snapshot, and one that arrived
	// before is reached from its fetch's root, which is kept below.
	keys, err := s.bstore.AllKeysChan(ctx)
	if err != nil {
		return 0, fmt.Errorf("content: gc: %w", err)
	}
	var all []cid.Cid
	for k := range keys {
		all = append(all, k)
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	roots, err := s.Pins(ctx)
	if err != nil {
		return 0, err
	}
	// Every recent root is kept this time; those older than the grace
	// are forgotten, so the next GC takes them unless a pin holds them.
	cutoff := s.cfg.Now().Add(-s.cfg.GCGrace)
	s.mu.Lock()
	for c, at := range s.recent {
		roots = append(roots, c)
		if at.Before(cutoff) {
			delete(s.recent, c)
		}
	}
	for c := range s.fetching {
		roots = append(roots, c)
	}
	s.mu.Unlock()

	// Blockstore keys are multihashes (AllKeysChan reports them as raw
	// CIDs), so liveness is tracked by multihash.
	live := cid.NewSet()
	liveHash := map[string]struct{}{}
	visit := func(c cid.Cid) bool {
		if !live.Visit(c) {
			return false
		}
		liveHash[string(c.Hash())] = struct{}{}
		return true
	}
	getLinks := merkledag.GetLinksWithDAG(s.local)
	for _, r := range roots {
		err := merkledag.Walk(ctx, getLinks, r, visit, merkledag.IgnoreMissing())
		if err != nil {
			return 0, fmt.Errorf("content: gc: walk %s: %w", r, err)
		}
	}
	var dead []cid.Cid
	for _, k := range all {
		if _, ok := liveHash[string(k.Hash())]; !ok {
			dead = append(dead, k)
		}
	}
	for i, k := range dead {
		if err := s.bstore.DeleteBlock(ctx, k); err != nil {
			s.gcFreed.Add(uint64(i))
			return i, fmt.Errorf("content: gc: delete %s: %w", k, err)
		}
	}
	s.gcFreed.Add(uint64(len(dead)))
	s.log.Info("content gc", "roots", len(roots), "live", live.Len(), "deleted", len(dead))
	return len(dead), nil
}
