// Package typed holds the EIP-712 typed objects that touch the chain: the
// client's cumulative Voucher, the provider's ResultCommitment and the
// verifier's Attestation. Their struct hashes match Settlement.sol byte for
// byte (golden vectors in testdata/, checked against go-ethereum's
// apitypes), so a signature checked by a peer off-chain is the same one the
// contract checks on-chain.
//
//	typed.Voucher{…}.Sign(key, domain)  ──►  peer: Verify(domain, sig)
//	                                     └►  contract: settle(batch) ecrecover
//
// The domain is identity.Domain (name "ogpu", version "1", chain ID and the
// Settlement contract address), so nothing signed for one chain or
// deployment verifies on another. Signatures are 65 bytes r‖s‖v, v ∈ {27,28},
// low-s only. The package has no state and no goroutines.
package typed
