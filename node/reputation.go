package node

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/store"
	"github.com/ogpu/ogpu/verify"
)

// reputationSave is how often changed reputation records are written.
// A kill -9 loses at most this much reputation history (never money).
const reputationSave = 30 * time.Second

// reputationBatch bounds the records written in one transaction.
const reputationBatch = 512

// startReputation restores the reputation table from the database and
// persists the records that change, every reputationSave and at Close.
// Called by Start with n.mu held, after the database is open.
func (n *Node) startReputation() error {
	t, err := n.db.Table("reputation")
	if err != nil {
		return err
	}
	recs := map[peer.ID]verify.Record{}
	bad := 0
	err = t.Iterate(nil, func(k, v []byte) error {
		id, err := peer.IDFromBytes(k)
		var r verify.Record
		if err == nil {
			err = json.Unmarshal(v, &r)
		}
		if err != nil {
			bad++ // a damaged row costs that peer's history, nothing more
			return nil
		}
		recs[id] = r
		return nil
	})
	if err != nil {
		return fmt.Errorf("node: load reputation: %w", err)
	}
	if bad > 0 {
		n.log.Warn("skipped unreadable reputation records", "count", bad)
	}
	rep := n.money.rep
	rep.Restore(recs)

	save := func() {
		changed := rep.Changed()
		ids := slices.Collect(maps.Keys(changed))
		for len(ids) > 0 {
			batch := ids[:min(len(ids), reputationBatch)]
			err := n.db.Update(func(tx *store.Tx) error {
				for _, id := range batch {
					b, err := json.Marshal(changed[id])
					if err != nil {
						return err
					}
					if err := tx.Put(t, []byte(id), b); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				n.log.Warn("save reputation", "err", err)
				rep.MarkChanged(ids)
				return
			}
			ids = ids[len(batch):]
		}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(reputationSave)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				save()
			}
		}
	}()
	n.closers = append(n.closers, func() error {
		close(done)
		wg.Wait()
		save()
		return nil
	})
	return nil
}
