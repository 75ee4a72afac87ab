// Package wire defines ogpu's wire messages (protobuf, generated code
// committed in ogpu.pb.go) and their validation, signing and framing.
//
// Every message has a size limit, a Validate method that checks every field
// without I/O, and a version that receivers must know. Signed messages are
// signed with the node's secp256k1 key through EIP-712 (see sign.go), so
// the same signature can be checked by peers and, where needed, on-chain.
//
// Streams carry messages as frames:
//
//	┌──────────────┬──────────────────────────────┐
//	│ uvarint len  │ protobuf message (len bytes) │  … next frame
//	└──────────────┴──────────────────────────────┘
//
// ReadMsg refuses a frame whose announced length exceeds the caller's limit
// before reading (or allocating) its body.
//
// Regenerate the protobuf code with `go generate ./p2p/wire` (gen.sh).
package wire

//go:generate sh gen.sh
