package verify

import (
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/ogpu/ogpu/p2p/typed"
)

// Evidence proves a lie: the provider's own signed result commitment and
// "invalid" attestations of the result from members the committee rule
// names (eligible on-chain). It has the fields of settle.Evidence, so the
// node converts it with a plain type conversion.
type Evidence struct {
	Commitment    typed.ResultCommitment    `json:"commitment"`
	CommitmentSig hexutil.Bytes             `json:"commitmentSig"`
	Attestations  []typed.SignedAttestation `json:"attestations"`
}

// EvidenceSink takes evidence for slashing (the node's settler). It must
// persist before returning and must not block for long.
type EvidenceSink func(Evidence) error
