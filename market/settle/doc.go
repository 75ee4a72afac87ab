// Package settle is ogpu's only on-chain part: the Settlement contract
// (sub-package contract), a Client that talks to it, the chain backends, the
// receipt Merkle tree, and the Settler that turns vouchers and fraud evidence
// into batched transactions.
//
//	market/verify ──Enqueue(voucher, receipts…)──► Settler ──settle(batch, root)──► Settlement.sol
//	              ──EnqueueEvidence(ev)─────────►  (store: Money tables)  ──slash(ev)──►
//	                                                   │
//	                                                   ▼ Client (one key) ─► Backend
//	                                                      Sim (simulated, in process)
//	                                                      devchain (embedded geth, HTTP RPC)
//	                                                      Dial (any RPC endpoint)
//
// Lifecycle: New builds a Settler and starts nothing; Start spawns its one
// loop; Close stops it and waits. The queue lives in the node's store, so a
// restart resumes it: the Settler first finishes or abandons the transaction
// it had in flight, then reconciles every queued voucher with the chain's
// paid(client, payee), so nothing is forgotten and nothing is submitted
// twice. The contract pays only the increase of a cumulative voucher, so even
// a duplicate submission cannot pay twice.
//
// docs/contract.md describes the contract, calldata formats, gas figures and
// the committee rule.
package settle
