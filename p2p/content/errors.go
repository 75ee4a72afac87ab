package content

import "errors"

var (
	// ErrNotFound is returned when a block cannot be found locally or
	// fetched from any peer before the deadline.
	ErrNotFound = errors.New("content: block not found")
	// ErrTooLarge is returned by Get when the content exceeds the caller's
	// size limit.
	ErrTooLarge = errors.New("content: content larger than limit")
	// ErrNotStarted is returned by methods that need a started Store.
	ErrNotStarted = errors.New("content: store not started")
	// ErrClosed is returned after Close.
	ErrClosed = errors.New("content: store closed")
	// ErrConfig is returned by New for an unusable Config.
	ErrConfig = errors.New("content: bad config")
	// ErrNotFile is returned when a CID names something other than a
	// UnixFS file or raw block.
	ErrNotFile = errors.New("content: not a file")
	// ErrPinOwner is returned for a pin owner that cannot be a key segment.
	ErrPinOwner = errors.New("content: bad pin owner")
)
