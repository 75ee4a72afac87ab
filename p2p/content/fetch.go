package content

import (
	"context"

	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/go-cid"
)

// prefetch stores the whole graph under root locally, with
// Tuning.FetchConcurrency requests in flight through one bitswap session,
// so the DagReader then reads at local speed.
func (s *Store) prefetch(ctx context.Context, root cid.Cid) error {
	if s.tuning.FetchConcurrency <= 0 {
		return nil
	}
	return merkledag.FetchGraph(ctx, root, s.dag, merkledag.Concurrency(s.tuning.FetchConcurrency))
}
