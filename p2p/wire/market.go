package wire

import (
	"bytes"
	"fmt"
	"math/big"
	"sort"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p/identity"
)

// Versions of the market messages this release speaks.
const (
	JobSpecVersion      = 1
	TaskAnnounceVersion = 1
	BidVersion          = 1
	AwardVersion        = 1
	ResultVersion       = 1
)

// Limits on market messages. Every decoder refuses bigger inputs before
// parsing them.
const (
	MaxJobSpecSize      = 64 << 10
	MaxTaskAnnounceSize = 64 << 10
	MaxBidSize          = 1 << 10
	MaxAwardSize        = 64 << 10
	MaxAwardReplySize   = 1 << 10
	MaxResultSize       = MaxInlineOutput + 1<<10
	MaxResultReplySize  = 1 << 10

	MaxParams        = 32   // parameters per job or task
	MaxParamKeyLen   = 64   // bytes
	MaxParamValueLen = 4096 // bytes
	MaxInputs        = 16   // input CIDs per job or task
	MaxCIDLen        = 128  // bytes of a binary CID
	MaxShards        = 1024 // shards per job
	MaxReasonLen     = 256  // bytes of a no-bid or refusal reason
	MaxGPUClassLen   = 64
	MaxVerifyLen     = 16
	MaxInlineOutput  = 32 << 10 // output bytes carried in a result commitment
	MaxInlineInputs  = 32 << 10 // input bytes carried in an award, all inputs
)

// Verification policies a job may ask for (DESIGN.md §5 step 5).
var verificationPolicies = map[string]bool{"": true, "none": true, "rerun": true, "freivalds": true, "tolerance": true, "sample": true}

// TaskID is keccak256(jobDigest ‖ uint32 big-endian shard): every peer names
// a task the same way, before and after restarts.
func TaskID(jobDigest [32]byte, shard uint32) [32]byte {
	var b [36]byte
	copy(b[:], jobDigest[:])
	b[32], b[33], b[34], b[35] = byte(shard>>24), byte(shard>>16), byte(shard>>8), byte(shard)
	return [32]byte(keccak(b[:]))
}

// SortParams returns params as a sorted []*Param (the canonical order).
func SortParams(p map[string]string) []*Param {
	out := make([]*Param, 0, len(p))
	for k, v := range p {
		out = append(out, &Param{Key: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// ParamMap returns params as a map.
func ParamMap(ps []*Param) map[string]string {
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[p.Key] = p.Value
	}
	return m
}

func validateParams(ps []*Param) error {
	if len(ps) > MaxParams {
		return fmt.Errorf("%w: %d params, limit %d", ErrInvalid, len(ps), MaxParams)
	}
	for i, p := range ps {
		if p == nil || p.Key == "" || len(p.Key) > MaxParamKeyLen || !printable(p.Key) {
			return fmt.Errorf("%w: param %d: key must be 1..%d printable bytes", ErrInvalid, i, MaxParamKeyLen)
		}
		if len(p.Value) > MaxParamValueLen {
			return fmt.Errorf("%w: param %q: value is %d bytes, limit %d", ErrInvalid, p.Key, len(p.Value), MaxParamValueLen)
		}
		if i > 0 && ps[i-1].Key >= p.Key {
			return fmt.Errorf("%w: params not sorted or key %q repeated", ErrInvalid, p.Key)
		}
	}
	return nil
}

func validateCIDs(what string, cs [][]byte) error {
	if len(cs) > MaxInputs {
		return fmt.Errorf("%w: %d %s, limit %d", ErrInvalid, len(cs), what, MaxInputs)
	}
	for i, c := range cs {
		if err := validateCID(c); err != nil {
			return fmt.Errorf("%s %d: %w", what, i, err)
		}
	}
	return nil
}

func validateCID(c []byte) error {
	if len(c) == 0 || len(c) > MaxCIDLen {
		return fmt.Errorf("%w: cid is %d bytes, want 1..%d", ErrInvalid, len(c), MaxCIDLen)
	}
	n, _, err := cid.CidFromBytes(c)
	if err != nil {
		return fmt.Errorf("%w: cid: %w", ErrInvalid, err)
	}
	if n != len(c) {
		return fmt.Errorf("%w: cid has %d trailing bytes", ErrInvalid, len(c)-n)
	}
	return nil
}

// ParseCID decodes a binary CID that Validate has accepted.
func ParseCID(b []byte) (cid.Cid, error) {
	c, err := cid.Cast(b)
	if err != nil {
		return cid.Undef, fmt.Errorf("%w: cid: %w", ErrInvalid, err)
	}
	return c, nil
}

// ParseWei parses a decimal wei amount (validated with validateWei).
func ParseWei(s string) (*big.Int, error) {
	if err := validateWei(s); err != nil {
		return nil, err
	}
	v, _ := new(big.Int).SetString(s, 10)
	return v, nil
}

func validateWei(w string) error {
	if w == "" || len(w) > MaxWeiDigits || (len(w) > 1 && w[0] == '0') {
		return fmt.Errorf("%w: amount %.80q is not a decimal wei amount", ErrInvalid, w)
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return fmt.Errorf("%w: amount %.80q is not a decimal wei amount", ErrInvalid, w)
		}
	}
	return nil
}

func validatePeer(what string, b []byte) (peer.ID, error) {
	id, err := peer.IDFromBytes(b)
	if err != nil {
		return "", fmt.Errorf("%w: %s peer id: %w", ErrInvalid, what, err)
	}
	return id, nil
}

func validateHash(what string, b []byte) error {
	if len(b) != 32 {
		return fmt.Errorf("%w: %s is %d bytes, want 32", ErrInvalid, what, len(b))
	}
	return nil
}

func validateSig(b []byte) error {
	if len(b) != 65 {
		return fmt.Errorf("%w: signature is %d bytes, want 65", ErrInvalid, len(b))
	}
	return nil
}

// Validate checks requirements' strings.
func (r *Requirements) Validate() error {
	if r == nil {
		return nil
	}
	if len(r.GpuClass) > MaxGPUClassLen || !printable(r.GpuClass) {
		return fmt.Errorf("%w: gpu_class must be at most %d printable bytes", ErrInvalid, MaxGPUClassLen)
	}
	return nil
}

func validateVerification(v string) error {
	if len(v) > MaxVerifyLen || !verificationPolicies[v] {
		return fmt.Errorf("%w: verification %.20q (want none, rerun, freivalds, tolerance or sample)", ErrInvalid, v)
	}
	return nil
}

// Validate checks every field of a job spec without I/O, signature or clock.
func (j *JobSpec) Validate() error {
	if j == nil {
		return fmt.Errorf("%w: nil job spec", ErrInvalid)
	}
	if j.Version != JobSpecVersion {
		return fmt.Errorf("%w: job spec version %d, this node speaks %d", ErrUnknownVersion, j.Version, JobSpecVersion)
	}
	id, err := validatePeer("client", j.Client)
	if err != nil {
		return err
	}
	if err := checkAddressOf(id, j.Address); err != nil {
		return err
	}
	if !isName(j.Workload, MaxWorkloadLen) {
		return fmt.Errorf("%w: workload %.70q is not a short lower-case name", ErrInvalid, j.Workload)
	}
	if err := validateParams(j.Params); err != nil {
		return err
	}
	if err := validateCIDs("input", j.Inputs); err != nil {
		return err
	}
	if err := j.Requirements.Validate(); err != nil {
		return err
	}
	if err := validateWei(j.MaxPrice); err != nil {
		return fmt.Errorf("max price: %w", err)
	}
	if j.DeadlineMs <= 0 || j.CreatedMs <= 0 || j.DeadlineMs <= j.CreatedMs {
		return fmt.Errorf("%w: job needs created_ms < deadline_ms, both set", ErrInvalid)
	}
	if err := validateVerification(j.Verification); err != nil {
		return err
	}
	if j.Shards < 1 || j.Shards > MaxShards {
		return fmt.Errorf("%w: shards %d, want 1..%d", ErrInvalid, j.Shards, MaxShards)
	}
	if len(j.Nonce) > 32 {
		return fmt.Errorf("%w: nonce is %d bytes, limit 32", ErrInvalid, len(j.Nonce))
	}
	return validateSig(j.Signature)
}

// ClientID returns the client's peer ID (empty if malformed).
func (j *JobSpec) ClientID() peer.ID { id, _ := peer.IDFromBytes(j.Client); return id }

// Validate checks every field of an announce without I/O, signature or
// clock, including that task_id is derived from job_digest and shard. The
// binding of address to client is left to VerifyTaskAnnounce.
func (a *TaskAnnounce) Validate() error {
	if a == nil {
		return fmt.Errorf("%w: nil task announce", ErrInvalid)
	}
	if a.Version != TaskAnnounceVersion {
		return fmt.Errorf("%w: task announce version %d, this node speaks %d", ErrUnknownVersion, a.Version, TaskAnnounceVersion)
	}
	if err := validateHash("task_id", a.TaskId); err != nil {
		return err
	}
	if err := validateHash("job_digest", a.JobDigest); err != nil {
		return err
	}
	if a.Shards < 1 || a.Shards > MaxShards || a.Shard >= a.Shards {
		return fmt.Errorf("%w: shard %d of %d", ErrInvalid, a.Shard, a.Shards)
	}
	if want := TaskID([32]byte(a.JobDigest), a.Shard); !bytes.Equal(want[:], a.TaskId) {
		return fmt.Errorf("%w: task_id is not keccak256(job_digest ‖ shard)", ErrInvalid)
	}
	if _, err := validatePeer("client", a.Client); err != nil {
		return err
	}
	// That address is the client's is checked with the signature
	// (VerifyTaskAnnounce): deriving it costs a point decompression, too
	// much for every gossiped announce.
	if len(a.Address) != 20 {
		return fmt.Errorf("%w: address is %d bytes, want 20", ErrInvalid, len(a.Address))
	}
	if !isName(a.Workload, MaxWorkloadLen) {
		return fmt.Errorf("%w: workload %.70q is not a short lower-case name", ErrInvalid, a.Workload)
	}
	if err := validateParams(a.Params); err != nil {
		return err
	}
	if err := validateCIDs("input", a.Inputs); err != nil {
		return err
	}
	if err := a.Requirements.Validate(); err != nil {
		return err
	}
	if err := validateWei(a.MaxPrice); err != nil {
		return fmt.Errorf("max price: %w", err)
	}
	if a.DeadlineMs <= 0 || a.TimestampMs <= 0 {
		return fmt.Errorf("%w: announce needs deadline_ms and timestamp_ms", ErrInvalid)
	}
	if err := validateVerification(a.Verification); err != nil {
		return err
	}
	return validateSig(a.Signature)
}

// ClientID returns the client's peer ID (empty if malformed).
func (a *TaskAnnounce) ClientID() peer.ID { id, _ := peer.IDFromBytes(a.Client); return id }

// DecodeTaskAnnounce is the check a receiver of gossip runs: size, decode,
// Validate, freshness, and the client's EIP-712 signature (gossip is not
// signed at the pubsub layer, so this signature is what names the author).
// from is the publisher when this node publishes its own announce (the
// signature is then known good and only the name is compared); empty for
// messages from the network.
func DecodeTaskAnnounce(data []byte, from peer.ID, now time.Time) (*TaskAnnounce, error) {
	return DecodeTaskAnnounceCached(nil, data, from, now)
}

// DecodeTaskAnnounceCached is DecodeTaskAnnounce with signature recoveries
// memoized in c (nil: none).
func DecodeTaskAnnounceCached(c *identity.Cache, data []byte, from peer.ID, now time.Time) (*TaskAnnounce, error) {
	if len(data) > MaxTaskAnnounceSize {
		return nil, fmt.Errorf("%w: task announce is %d bytes, limit %d", ErrFrameTooLarge, len(data), MaxTaskAnnounceSize)
	}
	a := new(TaskAnnounce)
	if err := proto.Unmarshal(data, a); err != nil {
		return nil, fmt.Errorf("%w task announce: %w", ErrDecode, err)
	}
	if err := a.Validate(); err != nil {
		return nil, err
	}
	if err := checkFresh(a.TimestampMs, now); err != nil {
		return nil, err
	}
	if from == "" {
		// From the network: gossip carries no pubsub signature, so the
		// announce's own signature is what proves its author.
		if err := VerifyTaskAnnounceCached(c, a); err != nil {
			return nil, err
		}
	} else if id := a.ClientID(); id != from {
		return nil, fmt.Errorf("%w: announce names client %s, sent by %s", ErrWrongSigner, id, from)
	}
	return a, nil
}

// Validate checks a bid's fields.
func (b *Bid) Validate() error {
	if b == nil {
		return fmt.Errorf("%w: nil bid", ErrInvalid)
	}
	if b.Version != BidVersion {
		return fmt.Errorf("%w: bid version %d, this node speaks %d", ErrUnknownVersion, b.Version, BidVersion)
	}
	if err := validateHash("task_id", b.TaskId); err != nil {
		return err
	}
	if _, err := validatePeer("provider", b.Provider); err != nil {
		return err
	}
	if err := validateWei(b.Price); err != nil {
		return fmt.Errorf("bid price: %w", err)
	}
	if b.EtaMs < 0 || b.EtaMs > int64(30*24*time.Hour/time.Millisecond) {
		return fmt.Errorf("%w: eta %d ms", ErrInvalid, b.EtaMs)
	}
	if b.TimestampMs <= 0 {
		return fmt.Errorf("%w: bid needs timestamp_ms", ErrInvalid)
	}
	return validateSig(b.Signature)
}

// ProviderID returns the provider's peer ID (empty if malformed).
func (b *Bid) ProviderID() peer.ID { id, _ := peer.IDFromBytes(b.Provider); return id }

// Validate checks a no-bid's fields.
func (n *NoBid) Validate() error {
	if n == nil {
		return fmt.Errorf("%w: nil no-bid", ErrInvalid)
	}
	if n.Version != BidVersion {
		return fmt.Errorf("%w: no-bid version %d, this node speaks %d", ErrUnknownVersion, n.Version, BidVersion)
	}
	if err := validateHash("task_id", n.TaskId); err != nil {
		return err
	}
	if _, ok := NoBidCode_name[int32(n.Code)]; !ok || n.Code == NoBidCode_NO_BID_UNSPECIFIED {
		return fmt.Errorf("%w: no-bid code %d", ErrInvalid, n.Code)
	}
	if len(n.Reason) > MaxReasonLen {
		return fmt.Errorf("%w: reason is %d bytes, limit %d", ErrInvalid, len(n.Reason), MaxReasonLen)
	}
	return nil
}

// Transient reports whether the reason may go away by itself (busy).
func (c NoBidCode) Transient() bool { return c == NoBidCode_NO_BID_BUSY }

// DecodeBidMessage decodes and validates one /ogpu/bid/1 frame body that
// arrived from provider from. A bid must name from as its provider. The bid
// signature is checked later, only for the bid that wins (VerifyBid).
func DecodeBidMessage(data []byte, from peer.ID) (*BidMessage, error) {
	if len(data) > MaxBidSize {
		return nil, fmt.Errorf("%w: bid is %d bytes, limit %d", ErrFrameTooLarge, len(data), MaxBidSize)
	}
	m := new(BidMessage)
	if err := proto.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("%w bid: %w", ErrDecode, err)
	}
	return m, m.Check(from)
}

// Check validates a decoded bid message that came from peer from.
func (m *BidMessage) Check(from peer.ID) error {
	switch {
	case m.GetBid() != nil:
		b := m.GetBid()
		if err := b.Validate(); err != nil {
			return err
		}
		if b.ProviderID() != from {
			return fmt.Errorf("%w: bid names provider %s, sent by %s", ErrWrongSigner, b.ProviderID(), from)
		}
		return nil
	case m.GetNoBid() != nil:
		return m.GetNoBid().Validate()
	}
	return fmt.Errorf("%w: empty bid message", ErrInvalid)
}

// Validate checks an award's fields, the announce and the bid included.
func (a *Award) Validate() error {
	if a == nil {
		return fmt.Errorf("%w: nil award", ErrInvalid)
	}
	if a.Version != AwardVersion {
		return fmt.Errorf("%w: award version %d, this node speaks %d", ErrUnknownVersion, a.Version, AwardVersion)
	}
	if err := validateHash("task_id", a.TaskId); err != nil {
		return err
	}
	if _, err := validatePeer("provider", a.Provider); err != nil {
		return err
	}
	if err := validateWei(a.Price); err != nil {
		return fmt.Errorf("award price: %w", err)
	}
	if len(a.BlockHash) != 0 && len(a.BlockHash) != 32 {
		return fmt.Errorf("%w: block_hash is %d bytes, want 0 or 32", ErrInvalid, len(a.BlockHash))
	}
	if a.DeadlineMs <= 0 || a.TimestampMs <= 0 {
		return fmt.Errorf("%w: award needs deadline_ms and timestamp_ms", ErrInvalid)
	}
	if err := a.Announce.Validate(); err != nil {
		return fmt.Errorf("award announce: %w", err)
	}
	if err := a.Bid.Validate(); err != nil {
		return fmt.Errorf("award bid: %w", err)
	}
	if !bytes.Equal(a.Announce.TaskId, a.TaskId) || !bytes.Equal(a.Bid.TaskId, a.TaskId) {
		return fmt.Errorf("%w: award, announce and bid name different tasks", ErrInvalid)
	}
	if !bytes.Equal(a.Bid.Provider, a.Provider) || a.Bid.Price != a.Price {
		return fmt.Errorf("%w: award does not match the winning bid", ErrInvalid)
	}
	if len(a.InlineInputs) != 0 {
		if len(a.InlineInputs) != len(a.Announce.Inputs) {
			return fmt.Errorf("%w: %d inline inputs for %d inputs", ErrInvalid, len(a.InlineInputs), len(a.Announce.Inputs))
		}
		total := 0
		for _, b := range a.InlineInputs {
			total += len(b)
		}
		if total > MaxInlineInputs {
			return fmt.Errorf("%w: %d inline input bytes, limit %d", ErrInvalid, total, MaxInlineInputs)
		}
	}
	return validateSig(a.Signature)
}

// DecodeAward decodes an /ogpu/award/1 frame body from client from, checks
// every field and all three signatures (award and announce by the client,
// bid by self), and that the award names self as the provider.
func DecodeAward(data []byte, from, self peer.ID) (*Award, error) {
	return DecodeAwardCached(nil, data, from, self)
}

// DecodeAwardCached is DecodeAward with recoveries memoized in c.
func DecodeAwardCached(c *identity.Cache, data []byte, from, self peer.ID) (*Award, error) {
	if len(data) > MaxAwardSize {
		return nil, fmt.Errorf("%w: award is %d bytes, limit %d", ErrFrameTooLarge, len(data), MaxAwardSize)
	}
	a := new(Award)
	if err := proto.Unmarshal(data, a); err != nil {
		return nil, fmt.Errorf("%w award: %w", ErrDecode, err)
	}
	if err := VerifyAwardCached(c, a, from, self); err != nil {
		return nil, err
	}
	return a, nil
}

// Validate checks a result commitment's fields.
func (r *ResultCommitment) Validate() error {
	if r == nil {
		return fmt.Errorf("%w: nil result commitment", ErrInvalid)
	}
	if r.Version != ResultVersion {
		return fmt.Errorf("%w: result version %d, this node speaks %d", ErrUnknownVersion, r.Version, ResultVersion)
	}
	if err := validateHash("task_id", r.TaskId); err != nil {
		return err
	}
	id, err := validatePeer("provider", r.Provider)
	if err != nil {
		return err
	}
	if err := checkAddressOf(id, r.Address); err != nil {
		return err
	}
	if err := validateCID(r.OutputCid); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := validateHash("result_hash", r.ResultHash); err != nil {
		return err
	}
	if r.TimestampMs <= 0 {
		return fmt.Errorf("%w: result needs timestamp_ms", ErrInvalid)
	}
	if len(r.InlineOutput) > MaxInlineOutput {
		return fmt.Errorf("%w: inline output is %d bytes, limit %d", ErrInvalid, len(r.InlineOutput), MaxInlineOutput)
	}
	if len(r.InlineOutput) > 0 && uint64(len(r.InlineOutput)) != r.OutputSize {
		return fmt.Errorf("%w: inline output is %d bytes, output_size says %d", ErrInvalid, len(r.InlineOutput), r.OutputSize)
	}
	return validateSig(r.Signature)
}

// ProviderID returns the provider's peer ID (empty if malformed).
func (r *ResultCommitment) ProviderID() peer.ID { id, _ := peer.IDFromBytes(r.Provider); return id }

// DecodeResult decodes an /ogpu/result/1 frame body from provider from and
// checks its fields and signature.
func DecodeResult(data []byte, from peer.ID) (*ResultCommitment, error) {
	if len(data) > MaxResultSize {
		return nil, fmt.Errorf("%w: result is %d bytes, limit %d", ErrFrameTooLarge, len(data), MaxResultSize)
	}
	r := new(ResultCommitment)
	if err := proto.Unmarshal(data, r); err != nil {
		return nil, fmt.Errorf("%w result: %w", ErrDecode, err)
	}
	if err := VerifyResult(r, from); err != nil {
		return nil, err
	}
	return r, nil
}

// Validate checks an award reply.
func (r *AwardReply) Validate() error {
	if r == nil || r.Version != AwardVersion {
		return fmt.Errorf("%w: award reply version", ErrUnknownVersion)
	}
	if err := validateHash("task_id", r.TaskId); err != nil {
		return err
	}
	if len(r.Reason) > MaxReasonLen {
		return fmt.Errorf("%w: reason is %d bytes, limit %d", ErrInvalid, len(r.Reason), MaxReasonLen)
	}
	return nil
}

// Validate checks a result reply.
func (r *ResultReply) Validate() error {
	if r == nil || r.Version != ResultVersion {
		return fmt.Errorf("%w: result reply version", ErrUnknownVersion)
	}
	if err := validateHash("task_id", r.TaskId); err != nil {
		return err
	}
	if len(r.Reason) > MaxReasonLen {
		return fmt.Errorf("%w: reason is %d bytes, limit %d", ErrInvalid, len(r.Reason), MaxReasonLen)
	}
	return nil
}

// Truncate shortens a reason to MaxReasonLen bytes.
func Truncate(s string) string {
	if len(s) <= MaxReasonLen {
		return s
	}
	return s[:MaxReasonLen-3] + "..."
}
