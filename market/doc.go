// Package market is the economic core of a node: the capacity table built
// from signed gossip ads, batch auctions (client and provider side), job
// sharding, and, in market/settle, vouchers and on-chain settlement.
//
//	capacity ads ──gossip ogpu/capacity/1──► Capacity table (expiring)
//	JobSpec ─split─► TaskAnnounce ─gossip─► providers ─/ogpu/bid/1─► auction
//	        ─/ogpu/award/1─► winner runs ─/ogpu/result/1─► client merges
//
// Every component is built by a constructor from a config struct of narrow
// interfaces, started with Start(ctx) and stopped with an idempotent Close.
package market
