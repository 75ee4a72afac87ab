package stream

import "errors"

var (
	// ErrConfig is returned by New for a config that cannot work.
	ErrConfig = errors.New("stream: bad config")
	// ErrClosed is returned after Close (or a session's Close).
	ErrClosed = errors.New("stream: closed")
	// ErrNotStarted is returned before Start.
	ErrNotStarted = errors.New("stream: not started")
	// ErrBadService is returned for a malformed service ID or spec.
	ErrBadService = errors.New("stream: bad service")
	// ErrBadPolicy is returned by Standby for a demand policy that cannot
	// work.
	ErrBadPolicy = errors.New("stream: bad demand policy")
	// ErrNotProvider is returned by Serve on a node without a runner.
	ErrNotProvider = errors.New("stream: this node does not serve (no runner; start it with the provider role)")
	// ErrNotServing is returned by Stop for a service this node neither
	// serves nor holds on standby.
	ErrNotServing = errors.New("stream: service not served here")
	// ErrAlreadyServing is returned by Serve for a service already served.
	ErrAlreadyServing = errors.New("stream: service already served")
	// ErrNoProviders is returned when no provider serves the service
	// within the session's discovery timeout.
	ErrNoProviders = errors.New("stream: no provider serves the service (is one running 'ogpu serve'?)")
	// ErrBadInput is a request the provider refused as malformed; it is not
	// retried elsewhere.
	ErrBadInput = errors.New("stream: bad request input")
	// ErrGaveUp is returned for a request that failed on MaxAttempts
	// providers.
	ErrGaveUp = errors.New("stream: request failed on every attempt")
	// ErrRefused is returned when a provider refuses a session.
	ErrRefused = errors.New("stream: provider refused the session")
	// ErrStalled is the failover reason for a provider that stops answering.
	ErrStalled = errors.New("stream: provider stalled")
	// ErrLeft is the failover reason for a provider that left the service.
	ErrLeft = errors.New("stream: provider left the service")
	// ErrCredit is the failover reason for a provider that stopped the
	// session over unpaid requests.
	ErrCredit = errors.New("stream: provider stopped the session: unpaid requests over its credit limit")
	// ErrMismatch is the failover reason for a provider caught returning a
	// wrong output.
	ErrMismatch = errors.New("stream: provider returned a wrong output")
	// ErrProtocol is a malformed frame from the peer.
	ErrProtocol = errors.New("stream: protocol violation")
)
