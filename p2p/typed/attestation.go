package typed

import (
	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/p2p/identity"
)

// AttestationType is the EIP-712 type string of Attestation.
const AttestationType = "Attestation(bytes32 taskId,bytes32 resultHash,bool valid)"

var attestationTypeHash = identity.TypeHash(AttestationType)

// Attestation is a committee member's verdict on the result ResultHash of
// TaskID. The signer is not a field: it is recovered from the signature,
// which is what the contract does.
type Attestation struct {
	TaskID     common.Hash `json:"taskId"`
	ResultHash common.Hash `json:"resultHash"`
	Valid      bool        `json:"valid"`
}

// SignedAttestation is an attestation with its signer and signature.
type SignedAttestation struct {
	Attestation
	Signer common.Address `json:"signer"`
	Sig    []byte         `json:"sig"`
}

// StructHash is hashStruct(Attestation).
func (a Attestation) StructHash() common.Hash {
	var valid common.Hash
	if a.Valid {
		valid[31] = 1
	}
	return identity.HashStruct(attestationTypeHash, a.TaskID, a.ResultHash, valid)
}

// Sign signs the attestation with a verifier's key.
func (a Attestation) Sign(key *identity.Key, d identity.Domain) (SignedAttestation, error) {
	sig, err := key.SignTyped(d, a.StructHash())
	if err != nil {
		return SignedAttestation{}, err
	}
	return SignedAttestation{Attestation: a, Signer: key.Address(), Sig: sig}, nil
}

// Recover returns the verifier that signed a under d.
func (a Attestation) Recover(d identity.Domain, sig []byte) (common.Address, error) {
	return identity.Recover(d.Digest(a.StructHash()), sig)
}

// Verify checks that sig is signer's signature of a under d.
func (a Attestation) Verify(d identity.Domain, sig []byte, signer common.Address) error {
	return identity.Verify(d.Digest(a.StructHash()), sig, signer)
}

// Verify checks the attestation's own signature against its Signer.
func (s SignedAttestation) Verify(d identity.Domain) error {
	return s.Attestation.Verify(d, s.Sig, s.Signer)
}
