package market

import "errors"

var (
	// ErrConfig is returned for an invalid component configuration.
	ErrConfig = errors.New("market: config")
)
