package wire

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
)

// EIP-712 types of the market messages. Messages checked only by peers
// commit to their fields through bodyHash (keccak256 of the deterministic
// encoding with the signature cleared) in the OffChain domain. The result
// commitment is a flat struct so the contract can check it as slash
// evidence; it is signed in the settlement domain the caller passes.
var (
	jobSpecTypeHash      = identity.TypeHash("JobSpec(bytes32 bodyHash)")
	taskAnnounceTypeHash = identity.TypeHash("TaskAnnounce(bytes32 bodyHash)")
	bidTypeHash          = identity.TypeHash("Bid(bytes32 bodyHash)")
	awardTypeHash        = identity.TypeHash("Award(bytes32 bodyHash)")
	// ResultCommitmentType is the EIP-712 type string of a result
	// commitment: the contract's (see verify.go, Typed).
	ResultCommitmentType = typed.ResultCommitmentType
)

func keccak(b []byte) common.Hash { return ethcrypto.Keccak256Hash(b) }

// JobSpecDigest is the EIP-712 digest of a job spec; it is the job's ID.
func JobSpecDigest(j *JobSpec) (common.Hash, error) {
	return offChainDigest(jobSpecTypeHash, j, func(c *JobSpec) { c.Signature = nil })
}

// SignJobSpec fills in version, client and address from key and signs.
func SignJobSpec(key *identity.Key, j *JobSpec) error {
	if j.Version == 0 {
		j.Version = JobSpecVersion
	}
	j.Client = []byte(key.PeerID())
	addr := key.Address()
	j.Address = addr[:]
	j.Signature = nil
	d, err := JobSpecDigest(j)
	if err != nil {
		return err
	}
	if j.Signature, err = key.Sign(d); err != nil {
		return fmt.Errorf("wire: sign job spec: %w", err)
	}
	return nil
}

// VerifyJobSpec validates j and checks its signature against its client.
func VerifyJobSpec(j *JobSpec) error {
	if err := j.Validate(); err != nil {
		return err
	}
	d, err := JobSpecDigest(j)
	if err != nil {
		return err
	}
	return verifySig(nil, "job spec", d, j.Signature, j.Address)
}

// TaskAnnounceDigest is the EIP-712 digest a task announce's signature signs.
func TaskAnnounceDigest(a *TaskAnnounce) (common.Hash, error) {
	return offChainDigest(taskAnnounceTypeHash, a, func(c *TaskAnnounce) { c.Signature = nil })
}

// SignTaskAnnounce fills in version, client and address from key and signs.
func SignTaskAnnounce(key *identity.Key, a *TaskAnnounce) error {
	if a.Version == 0 {
		a.Version = TaskAnnounceVersion
	}
	a.Client = []byte(key.PeerID())
	addr := key.Address()
	a.Address = addr[:]
	a.Signature = nil
	d, err := TaskAnnounceDigest(a)
	if err != nil {
		return err
	}
	if a.Signature, err = key.Sign(d); err != nil {
		return fmt.Errorf("wire: sign task announce: %w", err)
	}
	return nil
}

// VerifyTaskAnnounce validates a, checks that its address is its client's
// and that the client signed it.
func VerifyTaskAnnounce(a *TaskAnnounce) error { return VerifyTaskAnnounceCached(nil, a) }

// VerifyTaskAnnounceCached is VerifyTaskAnnounce with recoveries memoized
// in c (nil: none).
func VerifyTaskAnnounceCached(c *identity.Cache, a *TaskAnnounce) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if err := checkAddressOfCached(c, a.ClientID(), a.Address); err != nil {
		return err
	}
	d, err := TaskAnnounceDigest(a)
	if err != nil {
		return err
	}
	return verifySig(c, "task announce", d, a.Signature, a.Address)
}

// BidDigest is the EIP-712 digest a bid's signature signs.
func BidDigest(b *Bid) (common.Hash, error) {
	return offChainDigest(bidTypeHash, b, func(c *Bid) { c.Signature = nil })
}

// SignBid fills in version and provider from key and signs.
func SignBid(key *identity.Key, b *Bid) error {
	if b.Version == 0 {
		b.Version = BidVersion
	}
	b.Provider = []byte(key.PeerID())
	b.Signature = nil
	d, err := BidDigest(b)
	if err != nil {
		return err
	}
	if b.Signature, err = key.Sign(d); err != nil {
		return fmt.Errorf("wire: sign bid: %w", err)
	}
	return nil
}

// VerifyBid validates b and checks that its provider signed it.
func VerifyBid(b *Bid) error { return VerifyBidCached(nil, b) }

// VerifyBidCached is VerifyBid with recoveries memoized in c (nil: none).
func VerifyBidCached(c *identity.Cache, b *Bid) error {
	if err := b.Validate(); err != nil {
		return err
	}
	addr, err := c.AddressOf(b.ProviderID())
	if err != nil {
		return fmt.Errorf("%w: bid provider: %w", ErrInvalid, err)
	}
	d, err := BidDigest(b)
	if err != nil {
		return err
	}
	return verifySig(c, "bid", d, b.Signature, addr[:])
}

// AwardDigest is the EIP-712 digest an award's signature signs.
func AwardDigest(a *Award) (common.Hash, error) {
	return offChainDigest(awardTypeHash, a, func(c *Award) { c.Signature, c.InlineInputs = nil, nil })
}

// SignAward fills in the version and signs with the client's key, which
// must be the announce's client.
func SignAward(key *identity.Key, a *Award) error {
	if a.Version == 0 {
		a.Version = AwardVersion
	}
	a.Signature = nil
	d, err := AwardDigest(a)
	if err != nil {
		return err
	}
	if a.Signature, err = key.Sign(d); err != nil {
		return fmt.Errorf("wire: sign award: %w", err)
	}
	return nil
}

// VerifyAward validates a, checks that client from signed the award and its
// announce and that the award names self. The embedded bid is self's own:
// its signature is not re-checked here (a client that alters it only spoils
// its own evidence); the provider checks the price against its floor.
func VerifyAward(a *Award, from, self peer.ID) error { return VerifyAwardCached(nil, a, from, self) }

// VerifyAwardCached is VerifyAward with recoveries memoized in c (nil: none).
func VerifyAwardCached(c *identity.Cache, a *Award, from, self peer.ID) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if a.Announce.ClientID() != from {
		return fmt.Errorf("%w: award for a task of %s, sent by %s", ErrWrongSigner, a.Announce.ClientID(), from)
	}
	if a.Bid.ProviderID() != self {
		return fmt.Errorf("%w: award names provider %s, this node is %s", ErrInvalid, a.Bid.ProviderID(), self)
	}
	d, err := AwardDigest(a)
	if err != nil {
		return err
	}
	if err := verifySig(c, "award", d, a.Signature, a.Announce.Address); err != nil {
		return err
	}
	return VerifyTaskAnnounceCached(c, a.Announce)
}

// ResultCommitmentDigest is the EIP-712 digest of a result commitment in
// domain d: the contract's ResultCommitment (typed.ResultCommitmentType)
// {taskId, provider, client, keccak256(cid), resultHash, awardBlock,
// awardBlockHash}, so the same signature is slash evidence (Typed).
func ResultCommitmentDigest(d identity.Domain, r *ResultCommitment) common.Hash {
	return d.Digest(r.Typed().StructHash())
}

// SignResult fills in version, provider and address from key and signs in
// domain d (OffChain until the settlement domain is configured).
func SignResult(key *identity.Key, d identity.Domain, r *ResultCommitment) error {
	if r.Version == 0 {
		r.Version = ResultVersion
	}
	r.Provider = []byte(key.PeerID())
	addr := key.Address()
	r.Address = addr[:]
	var err error
	if r.Signature, err = key.Sign(ResultCommitmentDigest(d, r)); err != nil {
		return fmt.Errorf("wire: sign result: %w", err)
	}
	return nil
}

// VerifyResult validates r, checks it names from and that from signed it
// in the OffChain domain.
func VerifyResult(r *ResultCommitment, from peer.ID) error {
	return VerifyResultIn(OffChain, r, from)
}

// VerifyResultIn is VerifyResult in domain d.
func VerifyResultIn(d identity.Domain, r *ResultCommitment, from peer.ID) error {
	return VerifyResultInCached(nil, d, r, from)
}

// VerifyResultInCached is VerifyResultIn with recoveries memoized in c.
func VerifyResultInCached(c *identity.Cache, d identity.Domain, r *ResultCommitment, from peer.ID) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if r.ProviderID() != from {
		return fmt.Errorf("%w: result names provider %s, sent by %s", ErrWrongSigner, r.ProviderID(), from)
	}
	return verifySig(c, "result", ResultCommitmentDigest(d, r), r.Signature, r.Address)
}

func verifySig(c *identity.Cache, what string, d common.Hash, sig, addr []byte) error {
	got, err := c.Recover(d, sig)
	if err != nil {
		if errors.Is(err, identity.ErrBadSignature) {
			return fmt.Errorf("%w: %s: %w", ErrWrongSigner, what, err)
		}
		return err
	}
	if !bytes.Equal(got[:], addr) {
		return fmt.Errorf("%w: %s signed by %s, not %x", ErrWrongSigner, what, got, addr)
	}
	return nil
}
