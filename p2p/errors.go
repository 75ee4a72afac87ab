package p2p

import "errors"

var (
	// ErrBadMultiaddr is returned for a listen or bootstrap address that is
	// not a valid multiaddr (bootstrap addresses must end in /p2p/<peer-id>).
	ErrBadMultiaddr = errors.New("p2p: bad multiaddr")
	// ErrAddrInUse is returned by Start when a listen port is taken; pick
	// another port with --listen or stop the other process.
	ErrAddrInUse = errors.New("p2p: listen address already in use")
	// ErrNoKey is returned by New when neither Key nor Host is set.
	ErrNoKey = errors.New("p2p: config needs a Key (or a pre-built Host)")
	// ErrNotStarted is returned by methods that need a started Network.
	ErrNotStarted = errors.New("p2p: network not started")
	// ErrClosed is returned after Close.
	ErrClosed = errors.New("p2p: network closed")
	// ErrAlreadyStarted is returned by a second Start.
	ErrAlreadyStarted = errors.New("p2p: network already started")
	// ErrBadTopic is returned by JoinTopic for an invalid TopicSpec.
	ErrBadTopic = errors.New("p2p: bad topic spec")
	// ErrRateLimited is the validation error for a message over the
	// author's rate on a topic; such messages are ignored, not penalised.
	ErrRateLimited = errors.New("p2p: peer over topic rate")
	// ErrTooLarge is the validation error for a message over the topic's
	// MaxSize.
	ErrTooLarge = errors.New("p2p: message over topic size limit")
	// ErrIgnore may be wrapped by a TopicSpec.Validate error to drop a
	// message without penalising the peer that relayed it (ValidationIgnore).
	ErrIgnore = errors.New("p2p: message ignored")
)
