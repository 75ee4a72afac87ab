package stream

import (
	"fmt"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/wire"
)

// HeartbeatRate is the per-author rate on a service topic: a heartbeat
// every 2 s plus prompt ones on joins and load changes stay far below it.
var HeartbeatRate = p2p.Rate{PerSecond: 4, Burst: 8}

// topicRef is a joined service topic shared by the node's provider and
// client halves (a topic can be joined once per network).
type topicRef struct {
	t    *p2p.Topic
	refs int
}

// HeartbeatTopic is the TopicSpec of svc's heartbeat topic: its validator
// runs wire.DecodeServiceHeartbeat (size, decode, fields, the service,
// freshness, the provider's signature) and hands subscribers a
// *wire.ServiceHeartbeat.
func (s *Streams) HeartbeatTopic(svc Service) p2p.TopicSpec {
	key := svc.CID().Bytes()
	return p2p.TopicSpec{
		Name:        p2p.ServiceTopic(svc.ID()),
		MaxSize:     wire.MaxServiceHeartbeatSize,
		RatePerPeer: HeartbeatRate,
		Validate: func(from peer.ID, data []byte) (any, error) {
			return wire.DecodeServiceHeartbeat(s.cfg.SigCache, data, key, from, s.cfg.Now())
		},
		Author: func(v any) peer.ID { return v.(*wire.ServiceHeartbeat).PeerID() },
	}
}

func (s *Streams) joinTopic(svc Service) (*p2p.Topic, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.running(); err != nil {
		return nil, err
	}
	id := svc.ID()
	if r, ok := s.topics[id]; ok {
		r.refs++
		return r.t, nil
	}
	t, err := s.cfg.Net.JoinTopic(s.HeartbeatTopic(svc))
	if err != nil {
		return nil, fmt.Errorf("stream: join %s: %w", id, err)
	}
	s.topics[id] = &topicRef{t: t, refs: 1}
	return t, nil
}

// leaveTopic drops one reference; the last one closes the topic (its
// subscriptions must be cancelled first).
func (s *Streams) leaveTopic(svc Service) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := svc.ID()
	r, ok := s.topics[id]
	if !ok {
		return nil
	}
	if r.refs--; r.refs > 0 {
		return nil
	}
	delete(s.topics, id)
	return r.t.Close()
}
