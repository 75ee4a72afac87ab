package identity

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
)

// EIP-712 domain of every ogpu signature: name "ogpu", version "1", the
// chain ID and the Settlement contract address. A signature made for one
// chain or deployment never verifies on another.
const (
	DomainName    = "ogpu"
	DomainVersion = "1"
)

var domainTypeHash = ethcrypto.Keccak256Hash([]byte("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"))

// Domain is an EIP-712 domain.
type Domain struct {
	ChainID           *big.Int
	VerifyingContract common.Address
}

// Separator is the domain separator hashStruct(EIP712Domain).
func (d Domain) Separator() common.Hash {
	chain := d.ChainID
	if chain == nil {
		chain = new(big.Int)
	}
	return HashStruct(domainTypeHash,
		ethcrypto.Keccak256Hash([]byte(DomainName)),
		ethcrypto.Keccak256Hash([]byte(DomainVersion)),
		Uint(chain),
		AddressWord(d.VerifyingContract),
	)
}

// Digest is the EIP-712 signing digest keccak256(0x1901 ‖ separator ‖ structHash).
func (d Domain) Digest(structHash common.Hash) common.Hash {
	sep := d.Separator()
	return ethcrypto.Keccak256Hash([]byte{0x19, 0x01}, sep[:], structHash[:])
}

// TypeHash is keccak256 of an EIP-712 type string such as
// "Voucher(address client,address payee,uint256 cumulativeAmount)".
func TypeHash(typ string) common.Hash { return ethcrypto.Keccak256Hash([]byte(typ)) }

// HashStruct is keccak256(typeHash ‖ word…), which equals Solidity's
// keccak256(abi.encode(TYPEHASH, …)) when every member is a static type
// already encoded as a 32-byte word (dynamic members are hashed first).
func HashStruct(typeHash common.Hash, words ...common.Hash) common.Hash {
	buf := make([]byte, 0, 32*(len(words)+1))
	buf = append(buf, typeHash[:]...)
	for _, w := range words {
		buf = append(buf, w[:]...)
	}
	return ethcrypto.Keccak256Hash(buf)
}

// AddressWord encodes an address as a left-padded 32-byte word.
func AddressWord(a common.Address) common.Hash { return common.BytesToHash(a[:]) }

// Uint encodes a non-negative integer as a 32-byte big-endian word.
func Uint(v *big.Int) common.Hash { return common.BigToHash(v) }

// Uint64 encodes a uint64 as a 32-byte big-endian word.
func Uint64(v uint64) common.Hash { return common.BigToHash(new(big.Int).SetUint64(v)) }

// BytesHash encodes a dynamic bytes/string member: keccak256(b).
func BytesHash(b []byte) common.Hash { return ethcrypto.Keccak256Hash(b) }

// Sign signs an EIP-712 digest and returns 65 bytes r‖s‖v with v ∈ {27,28},
// the form Solidity's ecrecover takes.
func (k *Key) Sign(digest common.Hash) ([]byte, error) {
	sig, err := ethcrypto.Sign(digest[:], k.ecdsa)
	if err != nil {
		return nil, fmt.Errorf("identity: sign: %w", err)
	}
	sig[64] += 27
	return sig, nil
}

// SignTyped signs structHash under domain d.
func (k *Key) SignTyped(d Domain, structHash common.Hash) ([]byte, error) {
	return k.Sign(d.Digest(structHash))
}

// Recover returns the address that signed digest. It rejects malformed and
// high-s (malleable) signatures, exactly as the contract does.
func Recover(digest common.Hash, sig []byte) (common.Address, error) {
	if len(sig) != 65 {
		return common.Address{}, fmt.Errorf("%w: length %d, want 65", ErrBadSignature, len(sig))
	}
	v := sig[64]
	if v >= 27 {
		v -= 27
	}
	if v > 1 {
		return common.Address{}, fmt.Errorf("%w: v=%d", ErrBadSignature, sig[64])
	}
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:64])
	if !ethcrypto.ValidateSignatureValues(v, r, s, true) {
		return common.Address{}, fmt.Errorf("%w: invalid r, s or v", ErrBadSignature)
	}
	norm := make([]byte, 65)
	copy(norm, sig[:64])
	norm[64] = v
	pub, err := ethcrypto.SigToPub(digest[:], norm)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	return ethcrypto.PubkeyToAddress(*pub), nil
}

// Verify checks that sig over digest was made by want.
func Verify(digest common.Hash, sig []byte, want common.Address) error {
	got, err := Recover(digest, sig)
	if err != nil {
		return err
	}
	if got != want {
		return badSigner(got, want)
	}
	return nil
}

func badSigner(got, want common.Address) error {
	return fmt.Errorf("%w: signed by %s, want %s", ErrBadSignature, got, want)
}
