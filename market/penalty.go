package market

import (
	"github.com/libp2p/go-libp2p/core/peer"
)

// maxPenalized bounds the penalty table so rotating peer IDs cannot grow it.
const maxPenalized = 4096

// PenaltyPerOffence is subtracted from a peer's application score for each
// malformed or forged market message it sends.
const PenaltyPerOffence = 10

// misbehaved records that p sent something malformed or forged.
func (m *Market) misbehaved(p peer.ID, err error) {
	m.log.Debug("peer misbehaved", "peer", p, "err", err)
	m.pmu.Lock()
	defer m.pmu.Unlock()
	if m.penalty == nil {
		m.penalty = map[peer.ID]int{}
	}
	if _, ok := m.penalty[p]; !ok && len(m.penalty) >= maxPenalized {
		return
	}
	m.penalty[p]++
}

// AppScore is the market's contribution to a peer's gossipsub application
// score: minus PenaltyPerOffence per garbage bid, award or result. It is
// fast and never blocks, as p2p.Config.AppScore requires.
func (m *Market) AppScore(p peer.ID) float64 {
	m.pmu.Lock()
	defer m.pmu.Unlock()
	return -PenaltyPerOffence * float64(m.penalty[p])
}
