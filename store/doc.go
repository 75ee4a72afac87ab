// Package store is a node's one badger v4 database under <datadir>/db.
//
// Data lives in typed tables that share the key space by prefix
// ("t/<table>/<key>"), beside a schema version ("m/schema") that Open
// checks and migrates. Tables opened as Money (vouchers, the settlement
// queue, fraud evidence) fsync every write before returning, so a value
// acknowledged to a caller survives kill -9; other tables rely on badger's
// write-ahead value log and may lose the last writes of a crash, never
// corrupt earlier ones.
//
//	Open ─► migrate ─► Table("jobs") / Table("vouchers", Money()) ─► Close
//
// Config.InMemory swaps badger for an in-process persistent treap with the
// same transaction semantics (snapshot reads, all-or-nothing commits,
// ErrConflict on a read key changed meanwhile) that allocates per key and
// nothing up front; badger's own in-memory mode preallocates a memtable
// arena per database, too much for a thousand simulated nodes.
//
// The IPFS blockstore does not live here: p2p/content opens its own badger
// instance through go-ds-badger4, since that adapter cannot share a DB.
package store
