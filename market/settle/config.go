package settle

import (
	"fmt"
	"log/slog"
	"math/big"
	"time"

	"github.com/ogpu/ogpu/store"
)

// Config configures a Settler. Chain and DB are required.
type Config struct {
	// Chain signs and sends with the node key. Use it only from this
	// process's Settler and CLI paths that share it: sends are serialized
	// per Client.
	Chain *Client
	// DB holds the queues (Money tables: every write is synced).
	DB *store.DB
	// Logger. Default slog.Default().
	Logger *slog.Logger

	// MaxBatch vouchers per settle transaction; reaching it flushes.
	// Default 100 (≈ 1.7M gas at worst).
	MaxBatch int
	// MaxAge: a voucher waiting this long flushes the queue. Default 10m.
	MaxAge time.Duration
	// MaxValue: unsettled value (wei) at which the queue flushes. Nil: off.
	MaxValue *big.Int
	// GasPriceCap: the most fee per gas (wei) the Settler pays; above it,
	// it waits. Nil: no cap.
	GasPriceCap *big.Int
	// Tick: how often the loop checks the queue. Default 1s.
	Tick time.Duration
	// RetryMin, RetryMax bound the backoff after a chain error. Defaults
	// 1s and 1m.
	RetryMin, RetryMax time.Duration
	// Rebroadcast: resend an unconfirmed transaction after this long.
	// Default 30s.
	Rebroadcast time.Duration
	// ShortRetry: a voucher the client's deposit could not fully cover is
	// retried after this long (the client may top up). Default 10m.
	ShortRetry time.Duration
	// Now is the clock. Default time.Now.
	Now func() time.Time
}

func (c *Config) setDefaults() error {
	if c.Chain == nil || c.DB == nil {
		return fmt.Errorf("%w: Chain and DB are required", ErrConfig)
	}
	if c.Chain.key == nil {
		return fmt.Errorf("%w: Chain has no signing key", ErrConfig)
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.MaxBatch <= 0 {
		c.MaxBatch = 100
	}
	if c.MaxAge <= 0 {
		c.MaxAge = 10 * time.Minute
	}
	if c.Tick <= 0 {
		c.Tick = time.Second
	}
	if c.RetryMin <= 0 {
		c.RetryMin = time.Second
	}
	if c.RetryMax < c.RetryMin {
		c.RetryMax = max(time.Minute, c.RetryMin)
	}
	if c.Rebroadcast <= 0 {
		c.Rebroadcast = 30 * time.Second
	}
	if c.ShortRetry <= 0 {
		c.ShortRetry = 10 * time.Minute
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return nil
}
