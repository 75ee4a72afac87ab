package market

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
)

// JobID names a job: the EIP-712 digest of its signed JobSpec.
type JobID [32]byte

// TaskID names a task: keccak256(job digest ‖ uint32 shard), the same on
// every peer and after every restart.
type TaskID [32]byte

func (id JobID) String() string  { return hex.EncodeToString(id[:]) }
func (id TaskID) String() string { return hex.EncodeToString(id[:]) }

// Short is the first 12 hex digits, for logs and tables.
func (id JobID) Short() string  { return id.String()[:12] }
func (id TaskID) Short() string { return id.String()[:12] }

// MarshalText encodes the ID as 64 hex digits.
func (id JobID) MarshalText() ([]byte, error)  { return []byte(id.String()), nil }
func (id TaskID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText parses 64 hex digits (an optional 0x prefix is allowed).
func (id *JobID) UnmarshalText(b []byte) error  { return parseID((*[32]byte)(id), string(b)) }
func (id *TaskID) UnmarshalText(b []byte) error { return parseID((*[32]byte)(id), string(b)) }

// ParseJobID parses a job ID as printed by String.
func ParseJobID(s string) (JobID, error) {
	var id JobID
	return id, parseID((*[32]byte)(&id), s)
}

func parseID(dst *[32]byte, s string) error {
	s = strings.TrimPrefix(strings.TrimSpace(s), "0x")
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 32 {
		return fmt.Errorf("%w: %q is not a 64-digit hex ID", ErrUnknownJob, s)
	}
	copy(dst[:], b)
	return nil
}

// Requirements a provider must meet to bid on a job's tasks.
type Requirements struct {
	// MinVRAM is the free GPU memory needed on one device, in bytes.
	MinVRAM uint64 `json:"min_vram,omitempty"`
	// MinMemory is the host memory needed for a run, in bytes.
	MinMemory uint64 `json:"min_memory,omitempty"`
	// GPU requires a GPU.
	GPU bool `json:"gpu,omitempty"`
	// GPUClass, when set, must appear in the GPU's name (e.g. "H100").
	GPUClass string `json:"gpu_class,omitempty"`
}

// JobSpec is what a client submits.
type JobSpec struct {
	// Workload names an exec workload, e.g. "matmul".
	Workload string `json:"workload"`
	// Params are the workload's parameters.
	Params map[string]string `json:"params,omitempty"`
	// Inputs are the input blobs; Submit adds them to the content store.
	Inputs [][]byte `json:"-"`
	// InputCIDs name inputs already in the content network; used when
	// Inputs is empty.
	InputCIDs []cid.Cid `json:"input_cids,omitempty"`
	// Requirements on the providers.
	Requirements Requirements `json:"requirements"`
	// MaxPrice is the most the client pays per task, in wei. Required.
	MaxPrice *big.Int `json:"max_price"`
	// Timeout bounds the whole job. Default Config.JobTimeout.
	Timeout time.Duration `json:"timeout,omitempty"`
	// Verification policy: "none", "rerun", "freivalds", "tolerance",
	// "sample". Default: none (verification arrives with the verify package).
	Verification string `json:"verification,omitempty"`
	// Shards asks the workload's Split for at most this many tasks. Default 1.
	Shards int `json:"shards,omitempty"`
	// VerifierFee is what the client pays each committee member that
	// attests in line with the verdict, per task, in wei. Default 0.
	VerifierFee *big.Int `json:"verifier_fee,omitempty"`
}

// JobState is a job's lifecycle state.
type JobState string

// Job states.
const (
	JobRunning JobState = "running"
	JobDone    JobState = "done"
	JobFailed  JobState = "failed"
)

// TaskInfo is a task as the client sees it.
type TaskInfo struct {
	ID        TaskID    `json:"id"`
	Shard     int       `json:"shard"`
	State     TaskState `json:"state"`
	Provider  peer.ID   `json:"provider,omitempty"`
	Price     string    `json:"price,omitempty"`
	Round     int       `json:"round"`
	Attempt   int       `json:"attempt"`
	OutputCID string    `json:"output_cid,omitempty"`
	Error     string    `json:"error,omitempty"`
}

// JobInfo is a job's state as the client sees it.
type JobInfo struct {
	ID       JobID             `json:"id"`
	State    JobState          `json:"state"`
	Workload string            `json:"workload"`
	Params   map[string]string `json:"params,omitempty"`
	MaxPrice string            `json:"max_price"`
	Created  time.Time         `json:"created"`
	Finished time.Time         `json:"finished,omitzero"`
	// Expires is when the finished job, its tasks and its pinned blocks
	// are pruned (market.Config.Retention); zero while it runs or when
	// nothing is pruned.
	Expires   time.Time         `json:"expires,omitzero"`
	ResultCID string            `json:"result_cid,omitempty"`
	Error     string            `json:"error,omitempty"`
	Reasons   []string          `json:"no_bid_reasons,omitempty"`
	Tasks     []TaskInfo        `json:"tasks"`
	Counts    map[TaskState]int `json:"counts"`
}

// JobResult is a finished job.
type JobResult struct {
	ID        JobID         `json:"id"`
	ResultCID cid.Cid       `json:"result_cid"`
	Tasks     []TaskInfo    `json:"tasks"`
	Elapsed   time.Duration `json:"elapsed_ns"`
}

// EventKind names what happened.
type EventKind string

// Event kinds, in the order a healthy task sees them.
const (
	EventJobSubmitted EventKind = "job_submitted"
	EventAnnounced    EventKind = "announced"
	EventBid          EventKind = "bid"
	EventAwarded      EventKind = "awarded"
	EventDelivered    EventKind = "delivered"
	EventAccepted     EventKind = "accepted"
	EventReassigned   EventKind = "reassigned" // the provider failed; standby or re-announce
	EventTaskFailed   EventKind = "task_failed"
	EventJobDone      EventKind = "job_done"
	EventJobFailed    EventKind = "job_failed"
	// Provider side.
	EventBidSent EventKind = "bid_sent" // a bid went out
	EventBidWon  EventKind = "bid_won"  // its task's award was accepted
	EventBidLost EventKind = "bid_lost" // no award within BidExpiry
	EventRunning EventKind = "running"
	EventRan     EventKind = "ran"
)

// Event is one step of a job or task, for progress displays and the sim.
type Event struct {
	Time   time.Time `json:"time"`
	Kind   EventKind `json:"kind"`
	Job    JobID     `json:"job"`
	Task   TaskID    `json:"task"`
	Peer   peer.ID   `json:"peer,omitempty"`
	Detail string    `json:"detail,omitempty"`
}

func shortPeer(s string) string {
	if len(s) > 12 {
		return s[len(s)-12:]
	}
	return s
}
