package verify

import (
	"context"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/p2p/identity"
)

// Chain is what verify reads from the settlement contract. The node adapts
// its settle.Client to it.
type Chain interface {
	// Stake is a verifier's current stake (0 when none).
	Stake(ctx context.Context, a common.Address) (*big.Int, error)
	// TotalStake is Σ stake.
	TotalStake(ctx context.Context) (*big.Int, error)
	// CommitteeParams are the contract's expected committee size and quorum.
	CommitteeParams(ctx context.Context) (size, quorum int, err error)
}

// Member is one committee member.
type Member struct {
	Peer     peer.ID
	Addr     common.Address
	Stake    *big.Int
	Eligible bool // counts on-chain (its attestations can slash)
}

// Draw is the committee drawn for one task.
type Draw struct {
	Seed     common.Hash
	Members  []Member // eligible ones first, in rank order
	Eligible int      // how many members are eligible on-chain
	Size     int      // the contract's expected committee size k
	Quorum   int      // the contract's quorum
}

// selector draws committees from the known verifiers and their on-chain
// stakes. Stakes, the total and the parameters are cached for ttl.
type selector struct {
	chain      Chain
	candidates func() []peer.ID
	ttl        time.Duration
	now        func() time.Time
	minMembers int

	mu     sync.Mutex
	stakes map[peer.ID]stakeEntry
	total  *big.Int
	size   int
	quorum int
	at     time.Time // when total and params were read
}

type stakeEntry struct {
	addr  common.Address
	stake *big.Int
	at    time.Time
}

// params returns total stake, k and quorum, refreshed after ttl.
func (s *selector) params(ctx context.Context) (*big.Int, int, int, error) {
	s.mu.Lock()
	if s.total != nil && s.now().Sub(s.at) < s.ttl {
		t, k, q := s.total, s.size, s.quorum
		s.mu.Unlock()
		return t, k, q, nil
	}
	s.mu.Unlock()
	total, err := s.chain.TotalStake(ctx)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("verify: total stake: %w", err)
	}
	k, q, err := s.chain.CommitteeParams(ctx)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("verify: committee params: %w", err)
	}
	s.mu.Lock()
	s.total, s.size, s.quorum, s.at = total, k, q, s.now()
	s.mu.Unlock()
	return total, k, q, nil
}

// stake returns p's address and cached stake.
func (s *selector) stake(ctx context.Context, p peer.ID) (common.Address, *big.Int, error) {
	s.mu.Lock()
	e, ok := s.stakes[p]
	s.mu.Unlock()
	if ok && s.now().Sub(e.at) < s.ttl {
		return e.addr, e.stake, nil
	}
	addr := e.addr
	if !ok {
		a, err := identity.PeerIDToAddress(p)
		if err != nil {
			return common.Address{}, nil, err
		}
		addr = a
	}
	st, err := s.chain.Stake(ctx, addr)
	if err != nil {
		return common.Address{}, nil, fmt.Errorf("verify: stake of %s: %w", addr, err)
	}
	s.mu.Lock()
	if s.stakes == nil {
		s.stakes = map[peer.ID]stakeEntry{}
	}
	s.stakes[p] = stakeEntry{addr: addr, stake: st, at: s.now()}
	s.mu.Unlock()
	return addr, st, nil
}

// draw picks the committee of taskID under the award's block hash among
// the candidates with stake, never the client or the provider: the
// eligible members by the contract's rule, extended by the next-ranked
// candidates (FallbackCommittee) to at least max(quorum, minMembers).
func (s *selector) draw(ctx context.Context, taskID, blockHash common.Hash, exclude ...common.Address) (Draw, error) {
	total, k, quorum, err := s.params(ctx)
	if err != nil {
		return Draw{}, err
	}
	var cands []Candidate
	byAddr := map[common.Address]peer.ID{}
	for _, p := range s.candidates() {
		addr, st, err := s.stake(ctx, p)
		if err != nil {
			if ctx.Err() != nil {
				return Draw{}, ctx.Err()
			}
			continue
		}
		if st.Sign() > 0 {
			cands = append(cands, Candidate{Addr: addr, Stake: st})
			byAddr[addr] = p
		}
	}
	seed := Seed(taskID, blockHash)
	members, eligible := FallbackCommittee(seed, cands, total, k, max(quorum, s.minMembers), exclude...)
	if len(members) == 0 {
		return Draw{}, ErrNoCommittee
	}
	c := Draw{Seed: seed, Eligible: eligible, Size: k, Quorum: quorum}
	for i, m := range members {
		c.Members = append(c.Members, Member{Peer: byAddr[m.Addr], Addr: m.Addr, Stake: m.Stake, Eligible: i < eligible})
	}
	return c, nil
}
