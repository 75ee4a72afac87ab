package p2p

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/p2p/wire"
)

// Gossipsub topics (versioned).
const (
	TopicCapacity = "ogpu/capacity/1" // wire.CapacityAd
	TopicTasks    = "ogpu/tasks/1"    // batch task announcements
	topicSvcBase  = "ogpu/svc/1/"
)

// ServiceTopic is the heartbeat topic of a streaming service.
func ServiceTopic(serviceID string) string { return topicSvcBase + serviceID }

// TopicSpec describes a validated topic.
type TopicSpec struct {
	// Name is the topic name, e.g. TopicCapacity.
	Name string
	// MaxSize is the largest message accepted, in bytes (required).
	MaxSize int
	// Validate decodes and checks a message. Gossip is not signed at the
	// pubsub layer (see startPubSub): every payload carries its author's
	// own EIP-712 signature, which Validate must check. from is the author
	// when this node publishes and empty for messages from the network. It
	// returns the decoded value, handed to subscribers as Message.Value. It
	// must be safe for concurrent use and must not block. Any error rejects
	// the message (ValidationReject), which counts as an invalid delivery
	// against the peer that relayed it. Errors wrapping ErrIgnore or
	// wire.ErrStale drop the message without penalty (ValidationIgnore): a
	// relay cannot be blamed for a message that aged in transit. Required.
	Validate func(from peer.ID, data []byte) (any, error)
	// Author returns the signer of a value Validate returned; it keys the
	// per-author rate and becomes Message.From. Required.
	Author func(v any) peer.ID
	// RatePerPeer limits messages per author (token bucket; zero is
	// unlimited). Messages over the rate are ignored, not rejected: they are
	// dropped and not forwarded, but the relaying peer, which may be honest,
	// keeps its score. Own messages are not limited.
	RatePerPeer Rate
	// Score overrides DefaultTopicScoreParams for this topic.
	Score *pubsub.TopicScoreParams
}

// Topic is a joined, validated gossipsub topic.
type Topic struct {
	n    *Network
	spec TopicSpec
	t    *pubsub.Topic
	lim  *limiter
	log  *slog.Logger
}

// Message is a validated message received on a topic.
type Message struct {
	// From is the author (signer) of the message.
	From peer.ID
	// ReceivedFrom is the peer that delivered it to us (From, or a relay).
	ReceivedFrom peer.ID
	// Local is true for messages this node published.
	Local bool
	// Data is the raw message.
	Data []byte
	// Value is what TopicSpec.Validate returned for Data.
	Value any
}

// JoinTopic joins spec.Name, registering its validator and score
// parameters. A topic can be joined once per Network.
func (n *Network) JoinTopic(spec TopicSpec) (*Topic, error) {
	if spec.Name == "" || strings.ContainsAny(spec.Name, " \t\n") {
		return nil, fmt.Errorf("%w: name %q", ErrBadTopic, spec.Name)
	}
	if spec.MaxSize <= 0 || spec.Validate == nil || spec.Author == nil {
		return nil, fmt.Errorf("%w: %s needs MaxSize, Validate and Author", ErrBadTopic, spec.Name)
	}
	ps, err := n.pubsub()
	if err != nil {
		return nil, err
	}
	t := &Topic{n: n, spec: spec, lim: newLimiter(spec.RatePerPeer), log: n.log.With("topic", spec.Name)}
	if err := ps.RegisterTopicValidator(spec.Name, t.validate); err != nil {
		return nil, fmt.Errorf("p2p: topic %s: %w", spec.Name, err)
	}
	pt, err := ps.Join(spec.Name)
	if err != nil {
		ps.UnregisterTopicValidator(spec.Name)
		return nil, fmt.Errorf("p2p: join %s: %w", spec.Name, err)
	}
	sp := spec.Score
	if sp == nil {
		sp = DefaultTopicScoreParams()
	}
	if err := pt.SetScoreParams(sp); err != nil {
		pt.Close()
		ps.UnregisterTopicValidator(spec.Name)
		return nil, fmt.Errorf("%w: %s score params: %w", ErrBadTopic, spec.Name, err)
	}
	t.t = pt
	return t, nil
}

// Name is the topic name.
func (t *Topic) Name() string { return t.spec.Name }

// Peers lists peers known to be subscribed to the topic.
func (t *Topic) Peers() []peer.ID { return t.t.ListPeers() }

// Publish validates data with the topic's validator and gossips it. An
// invalid message is refused here with the validator's error.
func (t *Topic) Publish(ctx context.Context, data []byte) error {
	if len(data) > t.spec.MaxSize {
		return fmt.Errorf("%w: %d bytes, limit %d on %s", ErrTooLarge, len(data), t.spec.MaxSize, t.spec.Name)
	}
	if _, err := t.spec.Validate(t.n.ID(), data); err != nil {
		return fmt.Errorf("p2p: publish on %s: %w", t.spec.Name, err)
	}
	if err := t.t.Publish(ctx, data); err != nil {
		return fmt.Errorf("p2p: publish on %s: %w", t.spec.Name, err)
	}
	return nil
}

// Subscribe starts receiving validated messages, own ones included.
func (t *Topic) Subscribe() (*Subscription, error) {
	s, err := t.t.Subscribe()
	if err != nil {
		return nil, fmt.Errorf("p2p: subscribe %s: %w", t.spec.Name, err)
	}
	return &Subscription{s: s, self: t.n.ID()}, nil
}

// Close leaves the topic. Subscriptions must be cancelled first.
func (t *Topic) Close() error {
	err := t.t.Close()
	if ps, perr := t.n.pubsub(); perr == nil {
		_ = ps.UnregisterTopicValidator(t.spec.Name)
	}
	if err != nil {
		return fmt.Errorf("p2p: close topic %s: %w", t.spec.Name, err)
	}
	return nil
}

// validated is what the validator hands to subscriptions.
type validated struct {
	v      any
	author peer.ID
}

func (t *Topic) validate(_ context.Context, recv peer.ID, m *pubsub.Message) pubsub.ValidationResult {
	local := recv == t.n.ID()
	if len(m.Data) > t.spec.MaxSize {
		t.log.Debug("reject oversize message", "via", recv, "size", len(m.Data))
		return pubsub.ValidationReject
	}
	var from peer.ID
	if local {
		from = recv
	}
	v, err := t.spec.Validate(from, m.Data)
	if err != nil {
		if errors.Is(err, ErrIgnore) || errors.Is(err, wire.ErrStale) {
			t.log.Debug("ignore message", "via", recv, "err", err)
			return pubsub.ValidationIgnore
		}
		t.log.Debug("reject message", "via", recv, "err", err)
		return pubsub.ValidationReject
	}
	author := t.spec.Author(v)
	if !local && !t.lim.allow(author, time.Now()) {
		t.log.Debug("ignore message over rate", "from", author, "via", recv)
		return pubsub.ValidationIgnore
	}
	m.ValidatorData = validated{v: v, author: author}
	return pubsub.ValidationAccept
}

// Subscription delivers a topic's validated messages.
type Subscription struct {
	s    *pubsub.Subscription
	self peer.ID
}

// Next blocks until the next message or ctx ends.
func (s *Subscription) Next(ctx context.Context) (*Message, error) {
	m, err := s.s.Next(ctx)
	if err != nil {
		return nil, err
	}
	vd, _ := m.ValidatorData.(validated)
	return &Message{From: vd.author, ReceivedFrom: m.ReceivedFrom, Local: m.ReceivedFrom == s.self, Data: m.Data, Value: vd.v}, nil
}

// Cancel stops the subscription.
func (s *Subscription) Cancel() { s.s.Cancel() }
