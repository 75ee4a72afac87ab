package p2p

import (
	"net"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
)

// Gossipsub peer-score thresholds (see docs/protocol.md, "Peer scoring").
// A peer's score is the sum over topics of the topic score (capped at
// TopicScoreCap) plus the application score, IP colocation and behaviour
// penalties.
const (
	// GossipThreshold: below it we neither gossip to nor accept gossip
	// (IHAVE/IWANT) from the peer.
	GossipThreshold = -10
	// PublishThreshold: below it our own messages are not flood-published
	// to the peer.
	PublishThreshold = -50
	// GraylistThreshold: below it every RPC from the peer is dropped
	// unread. Four invalid messages on one topic take an honest-looking
	// peer (maximum positive topic score 23) there: 23 - 10·4² = -137.
	GraylistThreshold = -80
	// AcceptPXThreshold: peer exchange is accepted only from peers at or
	// above it, in practice bootstrap peers (BootstrapScore).
	AcceptPXThreshold = 10
	// OpportunisticGraftThreshold: when the median mesh score falls below
	// it, the router grafts better-scoring peers.
	OpportunisticGraftThreshold = 1
)

// DefaultScoreThresholds returns the thresholds above.
func DefaultScoreThresholds() *pubsub.PeerScoreThresholds {
	return &pubsub.PeerScoreThresholds{
		GossipThreshold:             GossipThreshold,
		PublishThreshold:            PublishThreshold,
		GraylistThreshold:           GraylistThreshold,
		AcceptPXThreshold:           AcceptPXThreshold,
		OpportunisticGraftThreshold: OpportunisticGraftThreshold,
	}
}

// DefaultScoreParams returns the peer-level score parameters:
//
//   - TopicScoreCap 50: positive topic contributions are capped.
//   - P5 application score, weight 1 (Config.AppScore + BootstrapScore).
//   - P6 IP colocation: weight -10 beyond 8 peers on one IP; loopback is
//     whitelisted so local test networks and single-machine demos work.
//   - P7 behaviour penalty (broken promises, early re-graft): weight -10
//     beyond 6, decaying over 10 minutes.
//   - Counters decay every second to zero below 0.01; a disconnected
//     peer's score is kept for an hour, so reconnecting does not wash it.
//
// Per-topic parameters come from each TopicSpec (DefaultTopicScoreParams).
func DefaultScoreParams() *pubsub.PeerScoreParams {
	_, lo4, _ := net.ParseCIDR("127.0.0.0/8")
	_, lo6, _ := net.ParseCIDR("::1/128")
	return &pubsub.PeerScoreParams{
		Topics:                      map[string]*pubsub.TopicScoreParams{},
		TopicScoreCap:               50,
		AppSpecificWeight:           1,
		IPColocationFactorWeight:    -10,
		IPColocationFactorThreshold: 8,
		IPColocationFactorWhitelist: []*net.IPNet{lo4, lo6},
		BehaviourPenaltyWeight:      -10,
		BehaviourPenaltyThreshold:   6,
		BehaviourPenaltyDecay:       pubsub.ScoreParameterDecay(10 * time.Minute),
		DecayInterval:               pubsub.DefaultDecayInterval,
		DecayToZero:                 pubsub.DefaultDecayToZero,
		RetainScore:                 time.Hour,
	}
}

// DefaultTopicScoreParams are the per-topic parameters used when a
// TopicSpec sets none:
//
//   - topic weight 1;
//   - P1 time in mesh: +0.01 per second, capped at 300 s (+3);
//   - P2 first deliveries: +1 per first-seen valid message, capped at 20,
//     decaying over 10 minutes;
//   - P3/P3b mesh delivery deficits: off. ogpu topics are low-rate and
//     bursty (ads every few seconds, heartbeats), so a delivery quota would
//     punish honest quiet peers;
//   - P4 invalid messages: -10 × count², the count decaying over an hour.
//     Every validator rejection counts; four put a peer below the graylist.
func DefaultTopicScoreParams() *pubsub.TopicScoreParams {
	return &pubsub.TopicScoreParams{
		TopicWeight:                     1,
		TimeInMeshWeight:                0.01,
		TimeInMeshQuantum:               time.Second,
		TimeInMeshCap:                   300,
		FirstMessageDeliveriesWeight:    1,
		FirstMessageDeliveriesDecay:     pubsub.ScoreParameterDecay(10 * time.Minute),
		FirstMessageDeliveriesCap:       20,
		MeshMessageDeliveriesWeight:     0,
		MeshMessageDeliveriesDecay:      pubsub.ScoreParameterDecay(time.Minute),
		MeshMessageDeliveriesCap:        1,
		MeshMessageDeliveriesThreshold:  1,
		MeshMessageDeliveriesWindow:     10 * time.Millisecond,
		MeshMessageDeliveriesActivation: time.Minute,
		MeshFailurePenaltyWeight:        0,
		MeshFailurePenaltyDecay:         pubsub.ScoreParameterDecay(time.Minute),
		InvalidMessageDeliveriesWeight:  -10,
		InvalidMessageDeliveriesDecay:   pubsub.ScoreParameterDecay(time.Hour),
	}
}
