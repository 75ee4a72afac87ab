package node

import "errors"

var (
	// ErrConfig is returned for an invalid configuration.
	ErrConfig = errors.New("node: config")
	// ErrNotStarted is returned by calls that need a started node.
	ErrNotStarted = errors.New("node: not started")
	// ErrClosed is returned after Close.
	ErrClosed = errors.New("node: closed")
	// ErrNoDataDir is returned when the data directory does not exist.
	ErrNoDataDir = errors.New("node: data directory does not exist (run 'ogpu init' first)")
)

// ErrAddrInUse is returned when a listen address is taken.
var ErrAddrInUse = errors.New("node: address in use")
