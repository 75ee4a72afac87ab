package wire

import "errors"

var (
	// ErrFrameTooLarge is returned when a frame's announced or actual size
	// exceeds the limit given by the caller.
	ErrFrameTooLarge = errors.New("wire: frame too large")
	// ErrBadFrame is returned for a malformed length prefix.
	ErrBadFrame = errors.New("wire: malformed frame length")
	// ErrDecode is returned when a message's bytes are not valid protobuf
	// for its type.
	ErrDecode = errors.New("wire: cannot decode message")
	// ErrUnknownVersion is returned for a message version this node does not
	// speak; the peer likely runs a newer release.
	ErrUnknownVersion = errors.New("wire: unknown message version (peer runs a different ogpu release?)")
	// ErrInvalid is returned when a field is missing, too long or out of range.
	ErrInvalid = errors.New("wire: invalid message")
	// ErrStale is returned for a message whose timestamp lies outside the
	// freshness window (too old, or too far in the future: check the clock).
	ErrStale = errors.New("wire: message outside freshness window")
	// ErrWrongSigner is returned when a signature is valid but not made by
	// the peer the message came from or claims to be from.
	ErrWrongSigner = errors.New("wire: signer does not match sender")
)
