package wire

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p/identity"
)

// OffChain is the EIP-712 domain of objects that are only ever checked by
// peers, never by the Settlement contract: chain ID 0 and the zero contract
// address. Capacity ads use it. Objects the contract checks (vouchers,
// evidence) use the real chain ID and contract address instead, so a
// signature for one never verifies as the other.
var OffChain = identity.Domain{}

// capacityAdTypeHash is the EIP-712 type of a capacity ad. The ad's fields
// are committed through bodyHash = keccak256(deterministic protobuf encoding
// of the ad with signature cleared).
var capacityAdTypeHash = identity.TypeHash("CapacityAd(bytes32 bodyHash)")

// CapacityAdDigest is the EIP-712 digest a capacity ad's signature signs.
func CapacityAdDigest(ad *CapacityAd) (common.Hash, error) {
	return offChainDigest(capacityAdTypeHash, ad, func(c *CapacityAd) { c.Signature = nil })
}

// SignCapacityAd fills in the ad's version (if unset), peer ID and address
// from key and signs it. Set every other field, timestamp included, first.
func SignCapacityAd(key *identity.Key, ad *CapacityAd) error {
	if ad.Version == 0 {
		ad.Version = CapacityAdVersion
	}
	ad.PeerId = []byte(key.PeerID())
	addr := key.Address()
	ad.Address = addr[:]
	ad.Signature = nil
	d, err := CapacityAdDigest(ad)
	if err != nil {
		return err
	}
	sig, err := key.Sign(d)
	if err != nil {
		return fmt.Errorf("wire: sign capacity ad: %w", err)
	}
	ad.Signature = sig
	return nil
}

// VerifyCapacityAd runs Validate and checks that the signature recovers to
// the ad's address, and that the ad's peer ID is from (the peer that sent or
// authored it). It does not check freshness.
func VerifyCapacityAd(ad *CapacityAd, from peer.ID) error {
	return VerifyCapacityAdCached(nil, ad, from)
}

// VerifyCapacityAdCached is VerifyCapacityAd with signature recoveries
// memoized in c (nil: no memo).
func VerifyCapacityAdCached(c *identity.Cache, ad *CapacityAd, from peer.ID) error {
	if err := ad.validate(c); err != nil {
		return err
	}
	if id := ad.PeerID(); from != "" && id != from {
		return fmt.Errorf("%w: ad names peer %s, sent by %s", ErrWrongSigner, id, from)
	}
	d, err := CapacityAdDigest(ad)
	if err != nil {
		return err
	}
	if err := c.Verify(d, ad.Signature, common.BytesToAddress(ad.Address)); err != nil {
		if errors.Is(err, identity.ErrBadSignature) {
			return fmt.Errorf("%w: capacity ad: %w", ErrWrongSigner, err)
		}
		return err
	}
	return nil
}

// offChainDigest is the EIP-712 digest, in the OffChain domain, of the
// struct typeHash(bytes32 bodyHash), where bodyHash is keccak256 of the
// deterministic protobuf encoding of m with its signature cleared (clear
// must clear it on the copy it is given). The encoding is canonical for
// this module's protobuf runtime: signers and verifiers both re-encode the
// decoded message, and messages carry no maps.
func offChainDigest[M proto.Message](typeHash common.Hash, m M, clear func(M)) (common.Hash, error) {
	c := proto.CloneOf(m)
	clear(c)
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(c)
	if err != nil {
		return common.Hash{}, fmt.Errorf("wire: encode %T: %w", m, err)
	}
	return OffChain.Digest(identity.HashStruct(typeHash, ethcrypto.Keccak256Hash(b))), nil
}

// checkAddressOf checks that addr is the Ethereum address of id's key.
func checkAddressOf(id peer.ID, addr []byte) error { return checkAddressOfCached(nil, id, addr) }

func checkAddressOfCached(c *identity.Cache, id peer.ID, addr []byte) error {
	want, err := c.AddressOf(id)
	if err != nil {
		return fmt.Errorf("%w: peer id: %w", ErrInvalid, err)
	}
	if !bytes.Equal(want[:], addr) {
		return fmt.Errorf("%w: address %x is not the address of peer %s (%s)", ErrInvalid, addr, id, want)
	}
	return nil
}
