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

// DemandRate is the per-author rate on a service's demand topic: a
// session publishes at most one demand a second.
var DemandRate = p2p.Rate{PerSecond: 1, Burst: 4}

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

// DemandTopic is the TopicSpec of svc's demand topic
// (ogpu/svc/1/<id>/demand): its validator runs wire.DecodeServiceDemand
// and hands subscribers a *wire.ServiceDemand. Sessions without a provider
// publish on it; standby providers listen.
func (s *Streams) DemandTopic(svc Service) p2p.TopicSpec {
	key := svc.CID().Bytes()
	return p2p.TopicSpec{
		Name:        p2p.ServiceTopic(svc.ID()) + "/demand",
		MaxSize:     wire.MaxServiceDemandSize,
		RatePerPeer: DemandRate,
		Validate: func(from peer.ID, data []byte) (any, error) {
			return wire.DecodeServiceDemand(s.cfg.SigCache, data, key, from, s.cfg.Now())
		},
		Author: func(v any) peer.ID { return v.(*wire.ServiceDemand).PeerID() },
	}
}

func (s *Streams) joinTopic(svc Service) (*p2p.Topic, error) {
	return s.join(svc.ID(), func() p2p.TopicSpec { return s.HeartbeatTopic(svc) })
}

func (s *Streams) joinDemand(svc Service) (*p2p.Topic, error) {
	return s.join(svc.ID()+"/demand", func() p2p.TopicSpec { return s.DemandTopic(svc) })
}

func (s *Streams) join(id string, spec func() p2p.TopicSpec) (*p2p.Topic, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.running(); err != nil {
		return nil, err
	}
	if r, ok := s.topics[id]; ok {
		r.refs++
		return r.t, nil
	}
	t, err := s.cfg.Net.JoinTopic(spec())
	if err != nil {
		return nil, fmt.Errorf("stream: join %s: %w", id, err)
	}
	s.topics[id] = &topicRef{t: t, refs: 1}
	return t, nil
}

// leaveTopic drops one reference; the last one closes the topic (its
// subscriptions must be cancelled first).
func (s *Streams) leaveTopic(svc Service) error { return s.leave(svc.ID()) }

func (s *Streams) leaveDemand(svc Service) error { return s.leave(svc.ID() + "/demand") }

func (s *Streams) leave(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
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
