package settle

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
)

// VoucherRecordSize is the calldata size of one voucher in a settle batch:
// client(20) ‖ payee(20) ‖ cumulativeAmount(16) ‖ r(32) ‖ s(32) ‖ v(1).
const VoucherRecordSize = 121

// PackVouchers encodes vouchers as the contract's settle batch. Records of
// one client are best kept adjacent: they share one deposit update.
func PackVouchers(vs []typed.SignedVoucher) ([]byte, error) {
	if len(vs) == 0 {
		return nil, fmt.Errorf("%w: empty batch", ErrBadVoucher)
	}
	out := make([]byte, 0, len(vs)*VoucherRecordSize)
	for i, v := range vs {
		if err := v.Check(); err != nil {
			return nil, fmt.Errorf("%w: #%d: %w", ErrBadVoucher, i, err)
		}
		if len(v.Sig) != 65 || (v.Sig[64] != 27 && v.Sig[64] != 28) {
			return nil, fmt.Errorf("%w: #%d: signature must be 65 bytes with v 27 or 28", ErrBadVoucher, i)
		}
		out = append(out, v.Client[:]...)
		out = append(out, v.Payee[:]...)
		var amt [16]byte
		v.CumulativeAmount.FillBytes(amt[:])
		out = append(out, amt[:]...)
		out = append(out, v.Sig...)
	}
	return out, nil
}

// Evidence is what slash needs: the provider's own signed result
// commitment and "invalid" attestations from eligible committee members.
type Evidence struct {
	Commitment    typed.ResultCommitment    `json:"commitment"`
	CommitmentSig hexutil.Bytes             `json:"commitmentSig"`
	Attestations  []typed.SignedAttestation `json:"attestations"`
}

// Key identifies the evidence in the queue: taskID ‖ provider.
func (e Evidence) Key() []byte {
	return append(e.Commitment.TaskID.Bytes(), e.Commitment.Provider[:]...)
}

// Check verifies every signature under d and that every attestation
// rejects exactly the committed result, from distinct signers other than
// the provider and the client. Eligibility and quorum are the contract's
// to judge (they depend on stakes).
func (e Evidence) Check(d identity.Domain) error {
	c := e.Commitment
	if err := c.Verify(d, e.CommitmentSig); err != nil {
		return fmt.Errorf("%w: commitment: %w", ErrBadEvidence, err)
	}
	if len(e.Attestations) == 0 {
		return fmt.Errorf("%w: no attestations", ErrBadEvidence)
	}
	seen := map[common.Address]bool{}
	for i, a := range e.Attestations {
		if a.TaskID != c.TaskID || a.ResultHash != c.ResultHash || a.Valid {
			return fmt.Errorf("%w: attestation %d does not reject this result", ErrBadEvidence, i)
		}
		if err := a.Verify(d); err != nil {
			return fmt.Errorf("%w: attestation %d: %w", ErrBadEvidence, i, err)
		}
		if seen[a.Signer] || a.Signer == c.Provider || a.Signer == c.Client {
			return fmt.Errorf("%w: attestation %d: duplicate or conflicted signer %s", ErrBadEvidence, i, a.Signer)
		}
		seen[a.Signer] = true
	}
	return nil
}

// Pack encodes the evidence as slash calldata: commitment fields (176
// bytes) ‖ commitment signature (65) ‖ attestation signatures (65 each) in
// ascending signer order.
func (e Evidence) Pack() ([]byte, error) {
	c := e.Commitment
	if len(e.CommitmentSig) != 65 {
		return nil, fmt.Errorf("%w: commitment signature length %d", ErrBadEvidence, len(e.CommitmentSig))
	}
	out := make([]byte, 0, 241+65*len(e.Attestations))
	out = append(out, c.TaskID[:]...)
	out = append(out, c.Provider[:]...)
	out = append(out, c.Client[:]...)
	out = append(out, c.OutputHash[:]...)
	out = append(out, c.ResultHash[:]...)
	out = append(out, byte(c.AwardBlock>>56), byte(c.AwardBlock>>48), byte(c.AwardBlock>>40), byte(c.AwardBlock>>32),
		byte(c.AwardBlock>>24), byte(c.AwardBlock>>16), byte(c.AwardBlock>>8), byte(c.AwardBlock))
	out = append(out, c.AwardBlockHash[:]...)
	out = append(out, e.CommitmentSig...)
	atts := slices.Clone(e.Attestations)
	slices.SortFunc(atts, func(a, b typed.SignedAttestation) int { return bytes.Compare(a.Signer[:], b.Signer[:]) })
	for i, a := range atts {
		if len(a.Sig) != 65 {
			return nil, fmt.Errorf("%w: attestation %d signature length %d", ErrBadEvidence, i, len(a.Sig))
		}
		out = append(out, a.Sig...)
	}
	return out, nil
}
