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
const pinPrefix = "/pins/"

func pinKey(c cid.Cid) ds.Key { return ds.NewKey(pinPrefix + c.String()) }

// Pin keeps c and everything it links to through GC. The graph must be
// stored locally (Add it, or Get/Cat it first).
func (s *Store) Pin(ctx context.Context, c cid.Cid) error {
	if err := s.ready(); err != nil {
		return err
	}
	s.gcLock.RLock()
	defer s.gcLock.RUnlock()
	if has, err := s.bstore.Has(ctx, c); err != nil {
		return fmt.Errorf("content: pin %s: %w", c, err)
	} else if !has {
		return fmt.Errorf("%w: pin %s: not stored locally", ErrNotFound, c)
	}
	if err := s.ds.Put(ctx, pinKey(c), nil); err != nil {
		return fmt.Errorf("content: pin %s: %w", c, err)
	}
	return nil
}

// Unpin releases c; its blocks go at the next GC unless other pins reach them.
func (s *Store) Unpin(ctx context.Context, c cid.Cid) error {
	if err := s.ready(); err != nil {
		return err
	}
	if err := s.ds.Delete(ctx, pinKey(c)); err != nil {
		return fmt.Errorf("content: unpin %s: %w", c, err)
	}
	return nil
}

// Pins lists the pinned roots.
func (s *Store) Pins(ctx context.Context) ([]cid.Cid, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	res, err := s.ds.Query(ctx, query.Query{Prefix: pinPrefix, KeysOnly: true})
	if err != nil {
		return nil, fmt.Errorf("content: list pins: %w", err)
	}
	defer res.Close()
	var out []cid.Cid
	for r := range res.Next() {
		if r.Error != nil {
			return nil, fmt.Errorf("content: list pins: %w", r.Error)
		}
		c, err := cid.Decode(ds.NewKey(r.Key).BaseNamespace())
		if err != nil {
			return nil, fmt.Errorf("content: bad pin key %q: %w", r.Key, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// GC deletes every block not reachable from a pin or from a root added or
// fetched since the previous GC, and returns how many it deleted. Adds,
// pins and fetches wait while it runs.
func (s *Store) GC(ctx context.Context) (int, error) {
	if err := s.ready(); err != nil {
		return 0, err
	}
	s.gcLock.Lock()
	defer s.gcLock.Unlock()
	roots, err := s.Pins(ctx)
	if err != nil {
		return 0, err
	}
	s.mu.Lock()
	for c := range s.recent {
		roots = append(roots, c)
	}
	s.recent = map[cid.Cid]struct{}{}
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
	keys, err := s.bstore.AllKeysChan(ctx)
	if err != nil {
		return 0, fmt.Errorf("content: gc: %w", err)
	}
	var dead []cid.Cid
	for k := range keys {
		if _, ok := liveHash[string(k.Hash())]; !ok {
			dead = append(dead, k)
		}
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	for i, k := range dead {
		if err := s.bstore.DeleteBlock(ctx, k); err != nil {
			return i, fmt.Errorf("content: gc: delete %s: %w", k, err)
		}
	}
	s.log.Info("content gc", "roots", len(roots), "live", live.Len(), "deleted", len(dead))
	return len(dead), nil
}
