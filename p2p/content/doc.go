// Package content stores and moves IPFS content for ogpu: UnixFS files
// (CIDv1, raw leaves) in a blockstore backed by badger (go-ds-badger4) or
// memory, exchanged with peers by boxo bitswap over the node's own libp2p
// host, with pins and a mark-and-sweep garbage collector.
//
//	Add ─► chunker ─► balanced UnixFS DAG ─► blockservice ─┬─► blockstore (badger)
//	                                                      └─► bitswap (serves wants)
//	Get/Cat ─► prefetch graph (N workers, bitswap session) ─► DagReader (local)
//
// Reading a DAG through ufsio.DagReader alone keeps about ten blocks in
// flight and tops out near 120 MB/s; Get and Cat therefore fetch the whole
// graph first with Tuning.FetchConcurrency concurrent requests, then read it
// from the local store.
//
// Lifecycle: New validates the config and opens nothing; Start opens the
// datastore and starts bitswap; Close stops bitswap and closes the
// datastore, and is idempotent.
//
// The host's resource manager must allow bitswap enough inbound streams per
// peer (p2p.DefaultLimits does): bitswap answers on fresh streams, and a
// reset stream loses blocks until the 30–45 s rebroadcast.
package content
