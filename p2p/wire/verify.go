package wire

import (
	"bytes"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p/typed"
)

// Versions of the verification and payment messages this release speaks.
const (
	VerifyVersion = 1
	PayVersion    = 1
)

// Limits on verification and payment messages. Every decoder refuses
// bigger inputs before parsing them.
const (
	// MaxVerifyInline bounds the inline inputs plus inline output of a
	// verify request; larger blobs are fetched by CID.
	MaxVerifyInline       = 512 << 10
	MaxVerifyRequestSize  = MaxVerifyInline + MaxTaskAnnounceSize + MaxResultSize + 1<<10
	MaxVerifyResponseSize = 1 << 10
	MaxPaidTasks          = 1024 // tasks per payment message
	MaxPaymentSize        = MaxPaidTasks*128 + 1<<10
	MaxPaymentReplySize   = 1 << 10
	MaxCommittee          = 64 // members a client may ask
)

// Typed returns the contract's form of the commitment, which is what its
// signature signs (see ResultCommitmentDigest).
func (r *ResultCommitment) Typed() typed.ResultCommitment {
	return typed.ResultCommitment{
		TaskID:         common.BytesToHash(r.TaskId),
		Provider:       common.BytesToAddress(r.Address),
		Client:         common.BytesToAddress(r.ClientAddress),
		OutputHash:     keccak(r.OutputCid),
		ResultHash:     common.BytesToHash(r.ResultHash),
		AwardBlock:     r.AwardBlock,
		AwardBlockHash: common.BytesToHash(r.AwardBlockHash),
	}
}

// Validate checks every field of a verify request without I/O or
// signatures (the verifier checks those). A request is of exactly one kind:
// a batch task (announce and commitment) or a stream sample.
func (r *VerifyRequest) Validate() error {
	if r == nil || r.Version != VerifyVersion {
		return fmt.Errorf("%w: verify request version", ErrUnknownVersion)
	}
	if err := validateWei(r.Fee); err != nil {
		return fmt.Errorf("fee: %w", err)
	}
	if r.Committee == 0 || r.Committee > MaxCommittee {
		return fmt.Errorf("%w: committee of %d (1..%d)", ErrInvalid, r.Committee, MaxCommittee)
	}
	if r.TimestampMs <= 0 {
		return fmt.Errorf("%w: verify request needs timestamp_ms", ErrInvalid)
	}
	if r.StreamSample == nil {
		return r.validateBatch()
	}
	if r.Announce != nil || r.Commitment != nil || len(r.InlineInputs) > 0 || len(r.InlineOutput) > 0 {
		return fmt.Errorf("%w: a stream sample request carries no announce, commitment or inline blobs", ErrInvalid)
	}
	if err := r.StreamSample.Validate(); err != nil {
		return fmt.Errorf("verify request stream sample: %w", err)
	}
	return nil
}

// validateBatch checks the fields of a batch task's request.
func (r *VerifyRequest) validateBatch() error {
	if r.Announce == nil && r.Commitment == nil {
		return fmt.Errorf("%w: verify request has neither a task announce nor a stream sample", ErrInvalid)
	}
	if err := r.Announce.Validate(); err != nil {
		return fmt.Errorf("verify request announce: %w", err)
	}
	if err := r.Commitment.Validate(); err != nil {
		return fmt.Errorf("verify request commitment: %w", err)
	}
	if !bytes.Equal(r.Announce.TaskId, r.Commitment.TaskId) {
		return fmt.Errorf("%w: commitment is for another task", ErrInvalid)
	}
	if len(r.Commitment.InlineOutput) > 0 {
		return fmt.Errorf("%w: the output rides in inline_output, not in the commitment", ErrInvalid)
	}
	if len(r.Commitment.ClientAddress) != 20 || !bytes.Equal(r.Commitment.ClientAddress, r.Announce.Address) {
		return fmt.Errorf("%w: commitment does not name the announce's client", ErrInvalid)
	}
	if err := validateHash("award_block_hash", r.Commitment.AwardBlockHash); err != nil {
		return fmt.Errorf("verify request commitment: %w", err)
	}
	if len(r.InlineInputs) > len(r.Announce.Inputs) {
		return fmt.Errorf("%w: %d inline inputs for %d inputs", ErrInvalid, len(r.InlineInputs), len(r.Announce.Inputs))
	}
	n := len(r.InlineOutput)
	for _, b := range r.InlineInputs {
		n += len(b)
	}
	if n > MaxVerifyInline {
		return fmt.Errorf("%w: %d inline bytes, limit %d", ErrInvalid, n, MaxVerifyInline)
	}
	if len(r.InlineOutput) > 0 && uint64(len(r.InlineOutput)) != r.Commitment.OutputSize {
		return fmt.Errorf("%w: inline output is %d bytes, output_size says %d", ErrInvalid, len(r.InlineOutput), r.Commitment.OutputSize)
	}
	return nil
}

// Validate checks every field of a stream sample without signatures. The
// task ID and the provider's signature are the verifier's to check
// (ComputedTaskID, Typed).
func (s *StreamSample) Validate() error {
	if s == nil {
		return fmt.Errorf("%w: nil stream sample", ErrInvalid)
	}
	if !isName(s.Workload, MaxWorkloadLen) {
		return fmt.Errorf("%w: workload %.70q is not a short lower-case name", ErrInvalid, s.Workload)
	}
	if err := validateCID(s.Model); err != nil {
		return fmt.Errorf("model: %w", err)
	}
	if len(s.Session) != StreamSessionLen {
		return fmt.Errorf("%w: session is %d bytes, want %d", ErrInvalid, len(s.Session), StreamSessionLen)
	}
	if s.Seq == 0 {
		return fmt.Errorf("%w: stream sample needs seq ≥ 1", ErrInvalid)
	}
	if len(s.Input) == 0 {
		return fmt.Errorf("%w: stream sample without input", ErrInvalid)
	}
	if n := len(s.Input) + len(s.Output); n > MaxVerifyInline {
		return fmt.Errorf("%w: stream sample of %d bytes, limit %d", ErrInvalid, n, MaxVerifyInline)
	}
	if err := validateHash("task_id", s.TaskId); err != nil {
		return err
	}
	id, err := validatePeer("provider", s.Provider)
	if err != nil {
		return err
	}
	if err := checkAddressOf(id, s.Address); err != nil {
		return err
	}
	if len(s.ClientAddress) != 20 {
		return fmt.Errorf("%w: client address is %d bytes, want 20", ErrInvalid, len(s.ClientAddress))
	}
	if err := validateHash("award_block_hash", s.AwardBlockHash); err != nil {
		return err
	}
	return validateSig(s.CommitmentSig)
}

// ComputedTaskID is the task ID of the sample's request, computed from its
// fields: StreamTaskID(ServiceCID(workload, model), session, seq,
// keccak256(input)). Validate the sample first.
func (s *StreamSample) ComputedTaskID() (common.Hash, error) {
	m, err := ParseCID(s.Model)
	if err != nil {
		return common.Hash{}, err
	}
	return StreamTaskID(ServiceCID(s.Workload, m).Bytes(), s.Session, s.Seq, keccak(s.Input)), nil
}

// Typed returns the commitment the sample claims the provider signed: its
// task_id as sent and outputHash = resultHash = keccak256(output).
func (s *StreamSample) Typed() typed.ResultCommitment {
	rh := keccak(s.Output)
	return typed.ResultCommitment{
		TaskID: common.BytesToHash(s.TaskId), Provider: common.BytesToAddress(s.Address), Client: common.BytesToAddress(s.ClientAddress),
		OutputHash: rh, ResultHash: rh, AwardBlock: s.AwardBlock, AwardBlockHash: common.BytesToHash(s.AwardBlockHash),
	}
}

// ProviderID returns the provider's peer ID (empty if malformed).
func (s *StreamSample) ProviderID() peer.ID { id, _ := peer.IDFromBytes(s.Provider); return id }

// DecodeVerifyRequest decodes an /ogpu/verify/1 request and checks its
// fields. The signatures (announce by the sender, commitment by its
// provider in the settlement domain) are the verifier's to check.
func DecodeVerifyRequest(data []byte) (*VerifyRequest, error) {
	if len(data) > MaxVerifyRequestSize {
		return nil, fmt.Errorf("%w: verify request is %d bytes, limit %d", ErrFrameTooLarge, len(data), MaxVerifyRequestSize)
	}
	r := new(VerifyRequest)
	if err := proto.Unmarshal(data, r); err != nil {
		return nil, fmt.Errorf("%w verify request: %w", ErrDecode, err)
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return r, nil
}

// Validate checks a verify response's fields (not its signature: the
// signer is recovered by the client).
func (r *VerifyResponse) Validate() error {
	if r == nil || r.Version != VerifyVersion {
		return fmt.Errorf("%w: verify response version", ErrUnknownVersion)
	}
	if err := validateHash("task_id", r.TaskId); err != nil {
		return err
	}
	if err := validateHash("result_hash", r.ResultHash); err != nil {
		return err
	}
	if len(r.Signature) != 0 {
		if err := validateSig(r.Signature); err != nil {
			return err
		}
	}
	if len(r.Reason) > MaxReasonLen {
		return fmt.Errorf("%w: reason is %d bytes, limit %d", ErrInvalid, len(r.Reason), MaxReasonLen)
	}
	if r.CheckUs < 0 {
		return fmt.Errorf("%w: negative check_us", ErrInvalid)
	}
	return nil
}

// Attestation returns the attestation the response signs.
func (r *VerifyResponse) Attestation() typed.Attestation {
	return typed.Attestation{TaskID: common.BytesToHash(r.TaskId), ResultHash: common.BytesToHash(r.ResultHash), Valid: r.Valid}
}

// Validate checks a voucher's fields (not its signature).
func (v *Voucher) Validate() error {
	if v == nil {
		return fmt.Errorf("%w: nil voucher", ErrInvalid)
	}
	if len(v.Client) != 20 || len(v.Payee) != 20 {
		return fmt.Errorf("%w: voucher addresses must be 20 bytes", ErrInvalid)
	}
	if err := validateWei(v.CumulativeAmount); err != nil {
		return fmt.Errorf("voucher amount: %w", err)
	}
	a, _ := ParseWei(v.CumulativeAmount)
	if a.Cmp(typed.MaxAmount) > 0 {
		return fmt.Errorf("%w: voucher amount over 2^128-1", ErrInvalid)
	}
	return validateSig(v.Signature)
}

// Typed returns the voucher as the contract's signed struct.
func (v *Voucher) Typed() typed.SignedVoucher {
	a, _ := ParseWei(v.CumulativeAmount)
	if a == nil {
		a = new(big.Int)
	}
	return typed.SignedVoucher{
		Voucher: typed.Voucher{Client: common.BytesToAddress(v.Client), Payee: common.BytesToAddress(v.Payee), CumulativeAmount: a},
		Sig:     bytes.Clone(v.Signature),
	}
}

// VoucherOf is the wire form of a signed voucher.
func VoucherOf(s typed.SignedVoucher) *Voucher {
	return &Voucher{Client: s.Client.Bytes(), Payee: s.Payee.Bytes(), CumulativeAmount: s.CumulativeAmount.String(), Signature: bytes.Clone(s.Sig)}
}

// Validate checks a payment's fields (not the voucher's signature).
func (p *Payment) Validate() error {
	if p == nil || p.Version != PayVersion {
		return fmt.Errorf("%w: payment version", ErrUnknownVersion)
	}
	if err := p.Voucher.Validate(); err != nil {
		return err
	}
	if len(p.Tasks) > MaxPaidTasks {
		return fmt.Errorf("%w: %d tasks in one payment, limit %d", ErrInvalid, len(p.Tasks), MaxPaidTasks)
	}
	for i, t := range p.Tasks {
		if err := validateHash("task_id", t.GetTaskId()); err != nil {
			return fmt.Errorf("task %d: %w", i, err)
		}
		if err := validateHash("result_hash", t.GetResultHash()); err != nil {
			return fmt.Errorf("task %d: %w", i, err)
		}
		if err := validateWei(t.GetAmount()); err != nil {
			return fmt.Errorf("task %d: %w", i, err)
		}
	}
	return nil
}

// DecodePayment decodes an /ogpu/pay/1 message and checks its fields.
func DecodePayment(data []byte) (*Payment, error) {
	if len(data) > MaxPaymentSize {
		return nil, fmt.Errorf("%w: payment is %d bytes, limit %d", ErrFrameTooLarge, len(data), MaxPaymentSize)
	}
	p := new(Payment)
	if err := proto.Unmarshal(data, p); err != nil {
		return nil, fmt.Errorf("%w payment: %w", ErrDecode, err)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

// Validate checks a payment reply.
func (r *PaymentReply) Validate() error {
	if r == nil || r.Version != PayVersion {
		return fmt.Errorf("%w: payment reply version", ErrUnknownVersion)
	}
	if len(r.Reason) > MaxReasonLen {
		return fmt.Errorf("%w: reason is %d bytes, limit %d", ErrInvalid, len(r.Reason), MaxReasonLen)
	}
	return nil
}
