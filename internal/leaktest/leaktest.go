// Package leaktest runs a package's tests under goleak, ignoring the
// process-wide goroutines ogpu's dependencies start on first use (not per
// node, network or store, so not leaks of the code under test).
package leaktest

import (
	"testing"

	"go.uber.org/goleak"
)

// ignored are dependencies' process-wide workers: go-log's writer, the
// opencensus worker, glog's flusher, quic-go's reuse GC, ristretto's
// cache workers (badger), and the simulated chain's (geth's global sender
// cache, metrics meter, filter timeouts, snapshot generation and
// goleveldb's drain loop).
var ignored = []goleak.Option{
	goleak.IgnoreAnyFunction("github.com/ipfs/go-log/v2/writer.(*MirrorWriter).logRoutine"),
	goleak.IgnoreAnyFunction("go.opencensus.io/stats/view.(*worker).start"),
	goleak.IgnoreAnyFunction("github.com/golang/glog.(*fileSink).flushDaemon"),
	goleak.IgnoreAnyFunction("github.com/libp2p/go-libp2p/p2p/transport/quicreuse.(*reuse).gc"),
	goleak.IgnoreAnyFunction("github.com/dgraph-io/ristretto/v2.(*defaultPolicy[...]).processItems"),
	goleak.IgnoreAnyFunction("github.com/dgraph-io/ristretto/v2.(*Cache[...]).processItems"),
	goleak.IgnoreAnyFunction("github.com/dgraph-io/ristretto/v2/z.(*AllocatorPool).freeupAllocators"),
	goleak.IgnoreAnyFunction("github.com/ethereum/go-ethereum/metrics.(*meterArbiter).tick"),
	goleak.IgnoreAnyFunction("github.com/ethereum/go-ethereum/core.(*txSenderCacher).cache"),
	goleak.IgnoreAnyFunction("github.com/ethereum/go-ethereum/eth/filters.(*FilterAPI).timeoutLoop"),
	goleak.IgnoreAnyFunction("github.com/ethereum/go-ethereum/core/state/snapshot.(*diskLayer).generate"),
	goleak.IgnoreAnyFunction("github.com/syndtr/goleveldb/leveldb.(*DB).mpoolDrain"),
}

// VerifyTestMain runs m and fails if goroutines other than the ignored
// ones (and extra) are left when the tests end. Call it from TestMain.
func VerifyTestMain(m *testing.M, extra ...goleak.Option) {
	goleak.VerifyTestMain(m, append(append([]goleak.Option(nil), ignored...), extra...)...)
}

// Mocknet ignores what a closed mocknet leaves blocked. mocknet never
// resets the streams of a closed network: a stream's delivery goroutine can
// stay in its (latency-delayed) write, and gossipsub's per-peer writer and
// dead-peer reader on it stay blocked (on real transports the stream errors
// and both exit). For packages whose tests run on mocknet.
func Mocknet() []goleak.Option {
	return []goleak.Option{
		goleak.IgnoreTopFunction("github.com/libp2p/go-libp2p/p2p/net/mock.(*peernet).Close"),
		goleak.IgnoreAnyFunction("github.com/libp2p/go-libp2p/p2p/net/mock.(*stream).transport"),
		goleak.IgnoreAnyFunction("github.com/libp2p/go-libp2p-pubsub.(*PubSub).handleSendingMessages"),
		goleak.IgnoreAnyFunction("github.com/libp2p/go-libp2p-pubsub.(*PubSub).handlePeerDead"),
	}
}
