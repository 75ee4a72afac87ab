package market

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/ogpu/ogpu/store"
)

// Pinning and retention.
//
// The market pins through Config.Content when it implements Pinner, each
// pin under an owner, so one owner's release never frees a block another
// still needs (two tasks sharing an input each hold their own pin):
//
//	client    job-<id>        the job's and its shards' inputs, each
//	                          accepted task output, the merged result;
//	                          from Submit until the job is pruned
//	provider  task-<id>-in    a task's inputs, while it runs
//	provider  task-<id>-out   its output, from the run until the client
//	                          pays for it (a voucher naming the task),
//	                          rejects it, or the record is pruned
//
// Pins are keys in the content store's datastore, so they survive a
// restart; resume pins the inputs of running jobs again (idempotent).
//
// Prune deletes finished jobs (done or failed, with their tasks) and
// finished provider task records once Config.Retention has passed since
// they finished, and releases their owners' pins; the node's content GC
// then frees the blocks. A job with a task still driven in this process,
// and a provider task still active or whose award deadline is ahead, are
// never pruned. Money records (vouchers, credits, the settlement queue,
// the voucher ledger) live in other tables and are never pruned.

const tablePruned = "mkt_pruned" // key "client" → PrunedTotals

// JobPinOwner is the pin owner of a client's job (see Pinner).
func JobPinOwner(id JobID) string { return "job-" + id.String() }

// TaskInputPinOwner is the pin owner of a provider task's inputs.
func TaskInputPinOwner(id TaskID) string { return "task-" + id.String() + "-in" }

// TaskOutputPinOwner is the pin owner of a provider task's output.
func TaskOutputPinOwner(id TaskID) string { return "task-" + id.String() + "-out" }

func (m *Market) pinner() Pinner {
	p, _ := m.cfg.Content.(Pinner)
	return p
}

// pin pins cs for owner. Failures are logged, not returned: an unpinned
// block is only at risk of an early GC, never a wrong result.
func (m *Market) pin(ctx context.Context, owner string, cs ...cid.Cid) {
	p := m.pinner()
	if p == nil {
		return
	}
	for _, c := range cs {
		if !c.Defined() {
			continue
		}
		if err := p.PinFor(ctx, owner, c); err != nil {
			m.log.Debug("pin", "owner", owner, "cid", c, "err", err)
		}
	}
}

// unpinOwner releases every pin of owner and returns how many it held.
func (m *Market) unpinOwner(ctx context.Context, owner string) (int, error) {
	p := m.pinner()
	if p == nil {
		return 0, nil
	}
	n, err := p.UnpinOwner(ctx, owner)
	if err != nil {
		return n, fmt.Errorf("market: unpin %s: %w", owner, err)
	}
	return n, nil
}

// Pruned counts what one Prune removed.
type Pruned struct {
	Jobs          int `json:"jobs"`
	ClientTasks   int `json:"client_tasks"`
	ProviderTasks int `json:"provider_tasks"`
	// Unpinned is the number of pins released (blocks go at the next
	// content GC unless another pin holds them).
	Unpinned int `json:"unpinned"`
}

// PrunedTotals sums the client jobs pruned so far, so that totals over
// all jobs (what the node spent) stay right after their records are gone.
type PrunedTotals struct {
	Jobs  map[JobState]int  `json:"jobs"`
	Tasks map[TaskState]int `json:"tasks"`
	// Spent is the awarded prices of the pruned jobs' accepted tasks, in wei.
	Spent string `json:"spent_wei"`
}

// PrunedTotals returns what Prune has removed from this node's jobs.
func (m *Market) PrunedTotals() (PrunedTotals, error) {
	var t PrunedTotals
	err := m.cfg.DB.View(func(tx *store.Tx) error {
		var err error
		t, _, err = store.GetJSON[PrunedTotals](tx, m.db.pruned, []byte("client"))
		return err
	})
	if t.Spent == "" {
		t.Spent = "0"
	}
	return t, err
}

// expires is when a finished record may be pruned; zero when never.
func (m *Market) expires(finished time.Time) time.Time {
	if m.cfg.Retention < 0 || finished.IsZero() {
		return time.Time{}
	}
	return finished.Add(m.cfg.Retention)
}

// Prune deletes the finished jobs and provider task records whose
// retention has passed and releases their pins (see the comment at the
// top of retention.go). It runs every Config.PruneInterval; call it to
// prune now. With a negative Retention it does nothing.
func (m *Market) Prune(ctx context.Context) (Pruned, error) {
	var out Pruned
	if m.cfg.Retention < 0 {
		return out, nil
	}
	m.mu.Lock()
	ok := m.started && !m.closed
	m.mu.Unlock()
	if !ok {
		return out, ErrNotStarted
	}
	now := m.cfg.Now()
	if err := m.client.prune(ctx, now, &out); err != nil {
		return out, err
	}
	if m.provider != nil {
		if err := m.provider.prune(ctx, now, &out); err != nil {
			return out, err
		}
	}
	if out.Jobs+out.ProviderTasks > 0 {
		m.log.Info("pruned finished records", "jobs", out.Jobs, "client_tasks", out.ClientTasks,
			"provider_tasks", out.ProviderTasks, "unpinned", out.Unpinned, "retention", m.cfg.Retention)
	}
	return out, nil
}

// pruneLoop prunes every PruneInterval until ctx ends. Owned by the market.
func (m *Market) pruneLoop(ctx context.Context) {
	t := time.NewTicker(m.cfg.PruneInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := m.Prune(ctx); err != nil && ctx.Err() == nil {
				m.log.Warn("prune", "err", err)
			}
		}
	}
}

// busyJobs are the jobs with a goroutine in this process: never pruned.
func (c *client) busyJobs() map[JobID]bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	busy := make(map[JobID]bool, len(c.jobs))
	for id := range c.jobs {
		busy[id] = true
	}
	for _, lt := range c.live {
		busy[lt.job.id] = true
	}
	return busy
}

func (c *client) prune(ctx context.Context, now time.Time, out *Pruned) error {
	m := c.m
	var due []jobRecord
	err := m.db.jobs.All("", func(_ string, j jobRecord) error {
		if j.State == JobRunning {
			return nil
		}
		finished := j.Finished
		if finished.IsZero() {
			finished = j.Created
		}
		if exp := m.expires(finished); !exp.IsZero() && !now.Before(exp) {
			due = append(due, j)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("market: prune: %w", err)
	}
	if len(due) == 0 {
		return nil
	}
	busy := c.busyJobs()
	for _, j := range due {
		if err := ctx.Err(); err != nil {
			return err
		}
		if busy[j.ID] {
			continue
		}
		// Pins first: a crash after this leaves a record whose pins are
		// gone, which the next Prune deletes; the other order would leave
		// pins that nothing ever releases.
		n, err := m.unpinOwner(ctx, JobPinOwner(j.ID))
		if err != nil {
			return err
		}
		out.Unpinned += n
		tasks, err := c.pruneJob(j)
		if err != nil {
			return fmt.Errorf("market: prune job %s: %w", j.ID.Short(), err)
		}
		out.Jobs++
		out.ClientTasks += tasks
	}
	return nil
}

// pruneJob deletes a job and its tasks and adds them to the pruned
// totals, in one transaction.
func (c *client) pruneJob(j jobRecord) (int, error) {
	d := c.m.db
	tasks := 0
	err := d.raw.Update(func(tx *store.Tx) error {
		tot, _, err := store.GetJSON[PrunedTotals](tx, d.pruned, []byte("client"))
		if err != nil {
			return err
		}
		if tot.Jobs == nil {
			tot.Jobs = map[JobState]int{}
		}
		if tot.Tasks == nil {
			tot.Tasks = map[TaskState]int{}
		}
		spent, ok := new(big.Int).SetString(tot.Spent, 10)
		if !ok {
			spent = new(big.Int)
		}
		tot.Jobs[j.State]++
		for _, tid := range j.Tasks {
			t, found, err := store.GetJSON[clientTask](tx, d.ctasks.T, []byte(tid.String()))
			if err != nil {
				return err
			}
			if !found {
				continue
			}
			tot.Tasks[t.State]++
			if v, ok := new(big.Int).SetString(t.Price, 10); ok && t.State.Done() {
				spent.Add(spent, v)
			}
			if err := tx.Delete(d.ctasks.T, []byte(tid.String())); err != nil {
				return err
			}
			tasks++
		}
		tot.Spent = spent.String()
		if err := store.PutJSON(tx, d.pruned, []byte("client"), tot); err != nil {
			return err
		}
		return tx.Delete(d.jobs.T, []byte(j.ID.String()))
	})
	return tasks, err
}

// prunable reports whether a provider task record may go at now: its
// work is over (accepted, paid, rejected or failed; or delivered with
// delivery given up), its retention has passed and its award's deadline
// too, so a replayed award can never run it a second time.
func (p *provider) prunable(t providerTask, now time.Time) bool {
	m := p.m
	var since time.Time
	switch {
	case t.State.Final() || t.State == StateRejected:
		since = t.Updated
	case t.State == StateDelivered:
		since = t.Deadline.Add(time.Minute) // deliver gives up then
	default:
		return false
	}
	exp := m.expires(since)
	return !exp.IsZero() && !now.Before(exp) && now.After(t.Deadline)
}

func (p *provider) prune(ctx context.Context, now time.Time, out *Pruned) error {
	m := p.m
	var due []TaskID
	err := m.db.ptasks.All("", func(_ string, t providerTask) error {
		if p.prunable(t, now) {
			due = append(due, t.ID)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("market: prune: %w", err)
	}
	for _, tid := range due {
		if err := ctx.Err(); err != nil {
			return err
		}
		p.mu.Lock()
		active := p.active[tid]
		p.mu.Unlock()
		if active {
			continue
		}
		for _, owner := range []string{TaskInputPinOwner(tid), TaskOutputPinOwner(tid)} {
			n, err := m.unpinOwner(ctx, owner)
			if err != nil {
				return err
			}
			out.Unpinned += n
		}
		if err := m.db.ptasks.Delete(tid.String()); err != nil {
			return fmt.Errorf("market: prune task %s: %w", tid.Short(), err)
		}
		out.ProviderTasks++
	}
	return nil
}

// paid releases the outputs of tasks a client's voucher paid for: the
// client fetched them before it paid. Accepted records move to paid.
func (p *provider) paid(ctx context.Context, tids []TaskID) {
	m := p.m
	for _, tid := range tids {
		if _, err := m.unpinOwner(ctx, TaskOutputPinOwner(tid)); err != nil {
			m.log.Warn("release paid output", "task", tid.Short(), "err", err)
		}
		rec, found, err := m.db.provTask(tid)
		if err != nil || !found || rec.State != StateAccepted {
			continue
		}
		rec.State, rec.Updated = StatePaid, m.cfg.Now()
		if err := m.db.putProvTask(&rec); err != nil {
			m.log.Error("persist paid task", "task", tid.Short(), "err", err)
		}
	}
}
