package typed

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/p2p/identity"
)

// ResultCommitmentType is the EIP-712 type string of ResultCommitment.
const ResultCommitmentType = "ResultCommitment(bytes32 taskId,address provider,address client,bytes32 outputHash,bytes32 resultHash,uint64 awardBlock,bytes32 awardBlockHash)"

var commitmentTypeHash = identity.TypeHash(ResultCommitmentType)

// ResultCommitment is the provider's signed claim that ResultHash is its
// result for TaskID. It names the award block (number and hash) that seeds
// the verification committee, so the same signed object is the provider's
// own half of any slash evidence.
type ResultCommitment struct {
	TaskID         common.Hash    `json:"taskId"`
	Provider       common.Address `json:"provider"`
	Client         common.Address `json:"client"`
	OutputHash     common.Hash    `json:"outputHash"` // keccak256 of the output CID bytes
	ResultHash     common.Hash    `json:"resultHash"` // what verifiers compare (workload-defined)
	AwardBlock     uint64         `json:"awardBlock"`
	AwardBlockHash common.Hash    `json:"awardBlockHash"`
}

// StructHash is hashStruct(ResultCommitment).
func (c ResultCommitment) StructHash() common.Hash {
	return identity.HashStruct(commitmentTypeHash,
		c.TaskID, identity.AddressWord(c.Provider), identity.AddressWord(c.Client),
		c.OutputHash, c.ResultHash, identity.Uint64(c.AwardBlock), c.AwardBlockHash)
}

// Sign signs the commitment with key, which must be the provider's.
func (c ResultCommitment) Sign(key *identity.Key, d identity.Domain) ([]byte, error) {
	if key.Address() != c.Provider {
		return nil, fmt.Errorf("%w: key %s is not provider %s", ErrWrongSigner, key.Address(), c.Provider)
	}
	return key.SignTyped(d, c.StructHash())
}

// Verify checks that sig is the provider's signature of c under d.
func (c ResultCommitment) Verify(d identity.Domain, sig []byte) error {
	return identity.Verify(d.Digest(c.StructHash()), sig, c.Provider)
}
