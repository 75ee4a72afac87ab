// Package verify checks results with committees of staked verifiers and
// turns proven lies into slash evidence (DESIGN.md §5 step 5, §12).
//
// It owns the committee rule (sortition.go, the same formula the contract
// checks), the checkers (rerun, freivalds, tolerance; sample and none are
// decided by the client), the verifier service on /ogpu/verify/1, the
// client side that asks a committee and counts its attestations, fraud
// evidence, and the reputation table. A request is a batch task (Check) or
// a sampled request of a streaming session (CheckStream, stream.go), which
// members re-run by tolerance.
//
//	client                         committee member (staked verifier)
//	Check(Request) | CheckStream(StreamSample)
//	  committee: stakes (chain, cached) ─► sortition(taskID, award block hash)
//	  ── VerifyRequest{announce, commitment, inline inputs/output}
//	     or VerifyRequest{stream_sample} ──►
//	                                  check signatures (and a stream
//	                                  sample's task ID); fetch by CID;
//	                                  Checker (rerun | freivalds | tolerance)
//	  ◄── VerifyResponse{Attestation{task, resultHash, valid}, sig} ──
//	  quorum valid    → Verdict{Accepted, payees}
//	  quorum invalid  → Verdict{rejected} + Evidence (provider's commitment
//	                    + eligible members' "invalid" attestations) → Sink
//
// A Verifier is built by New (starts nothing), Start registers the service
// (when Config.Serve is set) and Close waits for in-flight checks. It
// imports no market package: the node adapts it to market.Verifier and
// hands evidence to the settler (docs/verification.md).
package verify
