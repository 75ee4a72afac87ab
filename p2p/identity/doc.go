// Package identity holds a node's one secp256k1 key, which is at the same
// time its libp2p identity (peer ID) and its Ethereum account (address),
// and the EIP-712 helpers every signed ogpu object uses.
//
//	        secp256k1 key (<datadir>/key or keystore)
//	           │                         │
//	libp2p crypto.PrivKey          *ecdsa.PrivateKey
//	           │                         │
//	      peer.ID  ◄── PeerIDToAddress ──► common.Address
//
// Signatures are Ethereum style (keccak256 digest, 65 bytes r‖s‖v with
// v ∈ {27,28}) so the same bytes are checked by peers off-chain and by the
// Settlement contract's ecrecover on-chain. libp2p's own secp256k1 Sign
// (SHA-256, DER) is never used for protocol objects.
package identity
