package market

import (
	"errors"
	"fmt"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/store"
)

// TaskState is a batch task's state (DESIGN.md §5). Every transition is
// persisted before it is acted on and is checked against the table below,
// so replaying a message or resuming after a restart is a no-op or a legal
// step, never a second result.
//
//	announced → bidding → awarded → running → delivered → verifying
//	                ▲         │ ▲       │          │   → accepted | rejected
//	                └─────────┴─┴───────┘          │   → paid → settled
//	          (silent or gone: standby, else re-announce)
type TaskState string

// Task states. Client and provider use the same names for their halves.
const (
	StateAnnounced TaskState = "announced"
	StateBidding   TaskState = "bidding"
	StateAwarded   TaskState = "awarded"
	StateRunning   TaskState = "running"
	StateDelivered TaskState = "delivered"
	StateVerifying TaskState = "verifying"
	StateAccepted  TaskState = "accepted"
	StateRejected  TaskState = "rejected"
	StatePaid      TaskState = "paid"
	StateSettled   TaskState = "settled"
	StateFailed    TaskState = "failed"
)

// transitions lists the legal next states of each state.
var transitions = map[TaskState][]TaskState{
	StateAnnounced: {StateBidding, StateFailed},
	StateBidding:   {StateBidding, StateAwarded, StateFailed},
	StateAwarded:   {StateAwarded, StateRunning, StateDelivered, StateBidding, StateFailed},
	StateRunning:   {StateRunning, StateDelivered, StateAwarded, StateBidding, StateFailed},
	StateDelivered: {StateVerifying, StateAccepted, StateRejected, StateAwarded, StateBidding, StateFailed},
	StateVerifying: {StateAccepted, StateRejected},
	StateRejected:  {StateAwarded, StateBidding, StateFailed},
	StateAccepted:  {StatePaid},
	StatePaid:      {StateSettled},
}

// CanTransition reports whether from → to is a legal step.
func CanTransition(from, to TaskState) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Done reports whether the task's work is finished on the client's side
// (its result was accepted, whatever happens to payment later).
func (s TaskState) Done() bool {
	return s == StateAccepted || s == StatePaid || s == StateSettled
}

// Final reports whether no more work will happen on the task.
func (s TaskState) Final() bool { return s.Done() || s == StateFailed }

func step(cur *TaskState, to TaskState) error {
	if !CanTransition(*cur, to) {
		return fmt.Errorf("%w: %s → %s", ErrState, *cur, to)
	}
	*cur = to
	return nil
}

// Tables of the market in the node's database.
const (
	tableJobs        = "mkt_jobs"   // client: JobID → jobRecord
	tableClientTasks = "mkt_ctasks" // client: TaskID → clientTask
	tableProvTasks   = "mkt_ptasks" // provider: TaskID → providerTask
)

// jobRecord is a client's persisted job.
type jobRecord struct {
	ID        JobID             `json:"id"`
	Spec      []byte            `json:"spec"` // signed wire.JobSpec
	Workload  string            `json:"workload"`
	Params    map[string]string `json:"params"`
	MaxPrice  string            `json:"max_price"`
	Tasks     []TaskID          `json:"tasks"`
	State     JobState          `json:"state"`
	Created   time.Time         `json:"created"`
	Deadline  time.Time         `json:"deadline"`
	Finished  time.Time         `json:"finished,omitzero"`
	ResultCID string            `json:"result_cid,omitempty"`
	Error     string            `json:"error,omitempty"`
	Reasons   []string          `json:"reasons,omitempty"`

	// VerifierFee is wei per committee member per accepted task.
	VerifierFee string `json:"verifier_fee,omitempty"`
}

// clientTask is a client's persisted task.
type clientTask struct {
	ID         TaskID            `json:"id"`
	Job        JobID             `json:"job"`
	Shard      int               `json:"shard"`
	State      TaskState         `json:"state"`
	Announce   []byte            `json:"announce"` // signed wire.TaskAnnounce of the current round
	Round      int               `json:"round"`
	Attempt    int               `json:"attempt"`
	Provider   peer.ID           `json:"provider,omitempty"`
	Price      string            `json:"price,omitempty"`
	Award      []byte            `json:"award,omitempty"` // signed wire.Award, current
	Deadline   time.Time         `json:"deadline,omitzero"`
	Standby    [][]byte          `json:"standby,omitempty"` // wire.Bid, best first
	Failed     []peer.ID         `json:"failed,omitempty"`  // providers that lost the task
	Commitment []byte            `json:"commitment,omitempty"`
	OutputCID  string            `json:"output_cid,omitempty"`
	Reasons    map[string]string `json:"reasons,omitempty"` // last round's no-bids
	Error      string            `json:"error,omitempty"`
}

// providerTask is a provider's persisted task.
type providerTask struct {
	ID         TaskID    `json:"id"`
	Client     peer.ID   `json:"client"`
	State      TaskState `json:"state"`
	Award      []byte    `json:"award"` // signed wire.Award
	Deadline   time.Time `json:"deadline"`
	Commitment []byte    `json:"commitment,omitempty"` // signed wire.ResultCommitment, inline output cleared
	OutputCID  string    `json:"output_cid,omitempty"`
	Error      string    `json:"error,omitempty"`
	Updated    time.Time `json:"updated"`
}

// db is the market's typed view of the node database.
type db struct {
	raw    *store.DB
	jobs   store.JSON[jobRecord]
	ctasks store.JSON[clientTask]
	ptasks store.JSON[providerTask]
	pruned *store.Table // PrunedTotals, see retention.go
}

func openDB(s *store.DB) (*db, error) {
	j, err := s.Table(tableJobs)
	if err != nil {
		return nil, err
	}
	c, err := s.Table(tableClientTasks)
	if err != nil {
		return nil, err
	}
	p, err := s.Table(tableProvTasks)
	if err != nil {
		return nil, err
	}
	pr, err := s.Table(tablePruned)
	if err != nil {
		return nil, err
	}
	return &db{raw: s, jobs: store.NewJSON[jobRecord](j), ctasks: store.NewJSON[clientTask](c), ptasks: store.NewJSON[providerTask](p), pruned: pr}, nil
}

// putJob stores a new job and its tasks in one transaction.
func (d *db) putJob(j jobRecord, tasks []*clientTask) error {
	return d.raw.Update(func(tx *store.Tx) error {
		if err := d.jobs.PutTx(tx, j.ID.String(), j); err != nil {
			return err
		}
		for _, t := range tasks {
			if err := d.ctasks.PutTx(tx, t.ID.String(), *t); err != nil {
				return err
			}
		}
		return nil
	})
}

func (d *db) job(id JobID) (jobRecord, error) {
	j, err := d.jobs.Get(id.String())
	if errors.Is(err, store.ErrNotFound) {
		return j, fmt.Errorf("%w: %s", ErrUnknownJob, id)
	}
	return j, err
}

func (d *db) putClientTask(t *clientTask) error { return d.ctasks.Put(t.ID.String(), *t) }

func (d *db) clientTask(id TaskID) (clientTask, error) { return d.ctasks.Get(id.String()) }

func (d *db) putProvTask(t *providerTask) error { return d.ptasks.Put(t.ID.String(), *t) }

func (d *db) provTask(id TaskID) (providerTask, bool, error) {
	t, err := d.ptasks.Get(id.String())
	if errors.Is(err, store.ErrNotFound) {
		return t, false, nil
	}
	return t, err == nil, err
}
