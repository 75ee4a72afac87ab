package verify

import (
	"bytes"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
)

// Committee rule (stake-weighted sortition), the same formula Settlement.sol
// checks per signer in O(1) when it slashes:
//
//	seed     = keccak256(taskID ‖ awardBlockHash)              (64 bytes)
//	score(v) = uint256(keccak256(seed ‖ v))                     (52 bytes, v as 20-byte address)
//	eligible ⇔ stake·k ≥ totalStake  or  score(v) < ⌊(2²⁵⁶−1)/totalStake⌋ · stake · k
//
// where k is the expected committee size. The expected number of eligible
// verifiers is ≈ k (Σ stake/totalStake · k), each verifier is eligible with
// probability ≈ k·stake/totalStake, and a verifier's chance does not change
// when it splits its stake across identities. The award fixes the block
// hash, so neither the client nor the provider alone controls the draw.
//
// Fallback for too few eligible verifiers: Ranked orders candidates by
// score/stake (ascending); the eligible set is always a prefix of that order.
// FallbackCommittee extends the eligible prefix with the next-ranked
// candidates until it has at least the wanted size, so every task is still
// checked and its result accepted or rejected. Only the eligible members'
// attestations count on-chain, though: a lie whose committee has fewer than
// the contract's quorum of eligible members is rejected, re-awarded and
// scored down, but cannot be slashed. docs/contract.md has the numbers.

// Seed returns keccak256(taskID ‖ awardBlockHash).
func Seed(taskID, awardBlockHash common.Hash) common.Hash {
	return ethcrypto.Keccak256Hash(taskID[:], awardBlockHash[:])
}

// Score returns uint256(keccak256(seed ‖ verifier)).
func Score(seed common.Hash, verifier common.Address) *big.Int {
	return new(big.Int).SetBytes(ethcrypto.Keccak256(seed[:], verifier[:]))
}

var maxUint256 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

// Eligible reports whether verifier, holding stake out of totalStake, is on
// the committee of expected size k for seed. Zero stake, zero total or k ≤ 0
// is never eligible.
func Eligible(seed common.Hash, verifier common.Address, stake, totalStake *big.Int, k int) bool {
	if stake == nil || totalStake == nil || stake.Sign() <= 0 || totalStake.Sign() <= 0 || k <= 0 {
		return false
	}
	weighted := new(big.Int).Mul(stake, big.NewInt(int64(k)))
	if weighted.Cmp(totalStake) >= 0 {
		return true
	}
	threshold := new(big.Int).Quo(maxUint256, totalStake)
	threshold.Mul(threshold, weighted)
	return Score(seed, verifier).Cmp(threshold) < 0
}

// Candidate is a staked verifier as read from the chain.
type Candidate struct {
	Addr  common.Address
	Stake *big.Int
}

// Ranked returns the candidates with positive stake, minus excluded
// addresses (the provider and the client of the task), ordered by
// score/stake ascending (ties by address). The eligible candidates always
// form a prefix of this order.
func Ranked(seed common.Hash, cands []Candidate, exclude ...common.Address) []Candidate {
	type scored struct {
		c Candidate
		s *big.Int
	}
	var list []scored
	for _, c := range cands {
		if c.Stake == nil || c.Stake.Sign() <= 0 || slices.Contains(exclude, c.Addr) {
			continue
		}
		list = append(list, scored{c, Score(seed, c.Addr)})
	}
	slices.SortFunc(list, func(a, b scored) int {
		// a.s/a.stake vs b.s/b.stake  ⇔  a.s·b.stake vs b.s·a.stake
		l := new(big.Int).Mul(a.s, b.c.Stake)
		r := new(big.Int).Mul(b.s, a.c.Stake)
		if c := l.Cmp(r); c != 0 {
			return c
		}
		return bytes.Compare(a.c.Addr[:], b.c.Addr[:])
	})
	out := make([]Candidate, len(list))
	for i, s := range list {
		out[i] = s.c
	}
	return out
}

// Committee returns the candidates eligible for seed, in rank order,
// excluding the given addresses. totalStake is the on-chain total (which
// includes stakers that are not candidates).
func Committee(seed common.Hash, cands []Candidate, totalStake *big.Int, k int, exclude ...common.Address) []Candidate {
	var out []Candidate
	for _, c := range Ranked(seed, cands, exclude...) {
		if !Eligible(seed, c.Addr, c.Stake, totalStake, k) {
			break
		}
		out = append(out, c)
	}
	return out
}

// FallbackCommittee is Committee extended with the next-ranked candidates
// until it has at least min members (or the candidates run out). The second
// result is how many of the returned members are eligible on-chain (they are
// the first ones).
func FallbackCommittee(seed common.Hash, cands []Candidate, totalStake *big.Int, k, min int, exclude ...common.Address) ([]Candidate, int) {
	ranked := Ranked(seed, cands, exclude...)
	n := 0
	for n < len(ranked) && Eligible(seed, ranked[n].Addr, ranked[n].Stake, totalStake, k) {
		n++
	}
	size := max(n, min)
	if size > len(ranked) {
		size = len(ranked)
	}
	return ranked[:size], n
}
