package identity

import "errors"

var (
	// ErrNotSecp256k1 is returned for a peer ID or key of another key type.
	ErrNotSecp256k1 = errors.New("identity: key is not secp256k1")
	// ErrBadSignature is returned for a signature that is malformed or does
	// not recover to the expected signer.
	ErrBadSignature = errors.New("identity: bad signature")
	// ErrKeyFile is returned when the key file exists but cannot be used.
	ErrKeyFile = errors.New("identity: unusable key file")
	// ErrNoPassword is returned when a keystore file is present but
	// OGPU_PASSWORD is not set.
	ErrNoPassword = errors.New("identity: keystore present but OGPU_PASSWORD is not set")
)
