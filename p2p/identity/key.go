package identity

import (
	"crypto/ecdsa"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
)

// Key is a node's secp256k1 key. It is immutable and safe for concurrent use.
type Key struct {
	ecdsa  *ecdsa.PrivateKey
	libp2p crypto.PrivKey
	addr   common.Address
	id     peer.ID
}

// Generate makes a fresh random key.
func Generate() (*Key, error) {
	k, err := ethcrypto.GenerateKey()
	if err != nil {
		return nil, fmt.Errorf("identity: generate key: %w", err)
	}
	return FromECDSA(k)
}

// FromBytes builds a key from a 32-byte secp256k1 scalar. Use it for
// deterministic test keys (libp2p's GenerateSecp256k1Key ignores its reader).
func FromBytes(b []byte) (*Key, error) {
	k, err := ethcrypto.ToECDSA(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKeyFile, err)
	}
	return FromECDSA(k)
}

// FromECDSA wraps an existing go-ethereum key.
func FromECDSA(k *ecdsa.PrivateKey) (*Key, error) {
	lk, err := crypto.UnmarshalSecp256k1PrivateKey(ethcrypto.FromECDSA(k))
	if err != nil {
		return nil, fmt.Errorf("identity: libp2p key: %w", err)
	}
	id, err := peer.IDFromPrivateKey(lk)
	if err != nil {
		return nil, fmt.Errorf("identity: peer id: %w", err)
	}
	return &Key{ecdsa: k, libp2p: lk, addr: ethcrypto.PubkeyToAddress(k.PublicKey), id: id}, nil
}

// Address is the key's Ethereum account.
func (k *Key) Address() common.Address { return k.addr }

// PeerID is the key's libp2p peer ID.
func (k *Key) PeerID() peer.ID { return k.id }

// ECDSA returns the go-ethereum form of the key (for transaction signing).
func (k *Key) ECDSA() *ecdsa.PrivateKey { return k.ecdsa }

// LibP2P returns the libp2p form of the key (for the host identity).
func (k *Key) LibP2P() crypto.PrivKey { return k.libp2p }

// Bytes returns the 32-byte private scalar. Handle with care.
func (k *Key) Bytes() []byte { return ethcrypto.FromECDSA(k.ecdsa) }

// PeerIDToAddress derives the Ethereum address of a secp256k1 peer ID. The
// public key is inlined in such IDs, so no peerstore lookup is needed.
func PeerIDToAddress(id peer.ID) (common.Address, error) {
	pk, err := id.ExtractPublicKey()
	if err != nil {
		return common.Address{}, fmt.Errorf("identity: peer %s: %w", id, err)
	}
	return PubKeyToAddress(pk)
}

// PubKeyToAddress derives the Ethereum address of a libp2p public key.
func PubKeyToAddress(pk crypto.PubKey) (common.Address, error) {
	if pk.Type() != crypto.Secp256k1 {
		return common.Address{}, fmt.Errorf("%w: %s", ErrNotSecp256k1, pk.Type())
	}
	raw, err := pk.Raw()
	if err != nil {
		return common.Address{}, fmt.Errorf("identity: raw public key: %w", err)
	}
	pub, err := ethcrypto.DecompressPubkey(raw)
	if err != nil {
		return common.Address{}, fmt.Errorf("identity: decompress public key: %w", err)
	}
	return ethcrypto.PubkeyToAddress(*pub), nil
}

// PeerIDFromPubkey derives the peer ID of an uncompressed or compressed
// secp256k1 public key, for example one recovered from a signature.
func PeerIDFromPubkey(pub *ecdsa.PublicKey) (peer.ID, error) {
	lk, err := crypto.UnmarshalSecp256k1PublicKey(ethcrypto.CompressPubkey(pub))
	if err != nil {
		return "", fmt.Errorf("identity: %w", err)
	}
	return peer.IDFromPublicKey(lk)
}
