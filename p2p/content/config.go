package content

import (
	"log/slog"
	"time"

	"github.com/ipfs/boxo/bitswap"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/routing"
)

// Defaults for zero Config fields.
const (
	DefaultChunkSize    = 1 << 20 // 1 MiB leaves
	DefaultFetchTimeout = 5 * time.Minute
	DefaultMaxGet       = 256 << 20
	DefaultGCGrace      = time.Minute
)

// Config configures a Store.
type Config struct {
	// Host is the node's libp2p host (required).
	Host host.Host
	// Dir is the badger directory of the blockstore; required unless
	// InMemory.
	Dir string
	// InMemory keeps blocks in memory (simulations, tests).
	InMemory bool
	// Routing finds providers of blocks no connected peer has, and
	// announces ours (Provide). Nil: only connected peers are asked.
	Routing routing.ContentRouting
	// Logger receives the store's logs. Default slog.Default().
	Logger *slog.Logger
	// ChunkSize is the UnixFS leaf size in bytes. Default 1 MiB.
	ChunkSize int
	// FetchTimeout bounds a Get or Cat whose context has no deadline.
	// Default 5 min.
	FetchTimeout time.Duration
	// Tuning sets bitswap and prefetch parameters. Zero value: Tuned().
	Tuning *Tuning
	// GCGrace is how long GC keeps a root added or fetched without a pin,
	// so its caller has time to pin it; the first GC after the add or
	// fetch keeps it too, however late. Default 1 min.
	GCGrace time.Duration
	// Now is the clock of GCGrace. Default time.Now.
	Now func() time.Time
}

// Tuning holds the bitswap and fetch parameters. Zero fields keep boxo's
// defaults (shown in brackets in the field comments).
type Tuning struct {
	// TargetMessageSize is the size a server batches blocks up to before
	// sending [16 KiB]. With 16 KiB every block goes out on its own
	// stream.
	TargetMessageSize int
	// EngineTaskWorkers prepare outgoing messages [8].
	EngineTaskWorkers int
	// EngineBlockstoreWorkers read requested blocks from the blockstore [128].
	EngineBlockstoreWorkers int
	// TaskWorkers send prepared messages [8].
	TaskWorkers int
	// MaxOutstandingBytesPerPeer caps the bytes a server has queued for
	// one peer [1 MiB].
	MaxOutstandingBytesPerPeer int
	// FetchConcurrency is the number of concurrent block requests of the
	// graph prefetch before reading; 0 reads through the DagReader alone.
	FetchConcurrency int
}

// Tuned returns the parameters ogpu uses: 1 MiB messages, 16 engine
// workers, 32 MiB outstanding per peer, 256 concurrent fetches. Measured
// against Defaults in BenchmarkFetch.
func Tuned() Tuning {
	return Tuning{
		TargetMessageSize:          1 << 20,
		EngineTaskWorkers:          16,
		EngineBlockstoreWorkers:    128,
		TaskWorkers:                16,
		MaxOutstandingBytesPerPeer: 32 << 20,
		FetchConcurrency:           256,
	}
}

// InMemory returns Tuned with few bitswap workers, for in-memory stores
// (simulations run hundreds of nodes in one process): a map blockstore
// answers at once, so 128 blockstore workers hide no latency and cost
// 160 idle goroutines per node.
func InMemory() Tuning {
	t := Tuned()
	t.EngineTaskWorkers, t.EngineBlockstoreWorkers, t.TaskWorkers = 4, 4, 4
	return t
}

// Defaults returns boxo's defaults and no prefetch (for comparison).
func Defaults() Tuning { return Tuning{} }

func (t Tuning) options() []bitswap.Option {
	var o []bitswap.Option
	if t.TargetMessageSize > 0 {
		o = append(o, bitswap.WithTargetMessageSize(t.TargetMessageSize))
	}
	if t.EngineTaskWorkers > 0 {
		o = append(o, bitswap.EngineTaskWorkerCount(t.EngineTaskWorkers))
	}
	if t.EngineBlockstoreWorkers > 0 {
		o = append(o, bitswap.EngineBlockstoreWorkerCount(t.EngineBlockstoreWorkers))
	}
	if t.TaskWorkers > 0 {
		o = append(o, bitswap.TaskWorkerCount(t.TaskWorkers))
	}
	if t.MaxOutstandingBytesPerPeer > 0 {
		o = append(o, bitswap.MaxOutstandingBytesPerPeer(t.MaxOutstandingBytesPerPeer))
	}
	return o
}
