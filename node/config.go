package node

import (
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/multiformats/go-multiaddr"
)

// Role is one job a node does. A node may have several.
type Role string

// The roles. `ogpu run` starts provider+verifier+client, `ogpu bootstrap`
// starts bootstrap only.
const (
	RoleProvider  Role = "provider"  // executes tasks, stakes
	RoleVerifier  Role = "verifier"  // serves on committees, stakes
	RoleClient    Role = "client"    // submits jobs and streams, deposits
	RoleBootstrap Role = "bootstrap" // DHT server, relay, gossip router; no compute, no chain
)

// Duration is a time.Duration that reads and writes as "30s" in TOML/JSON.
type Duration time.Duration

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// MarshalText formats the duration as a Go duration string.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// D returns the standard library value.
func (d Duration) D() time.Duration { return time.Duration(d) }

// Config is everything a node needs. Start from a preset (HomeRig,
// Bootstrap, Simulation) and change what you need; every field documents
// its default, and docs/config.md lists them as config.toml keys.
type Config struct {
	// DataDir holds the key, the database and the API address file.
	// Default: $OGPU_DATADIR, else ~/.ogpu. Ignored when InMemory.
	DataDir string `toml:"-"`
	// InMemory keeps all state in memory (simulations, tests). Default false.
	InMemory bool `toml:"-"`

	// Roles this node plays. Default provider, verifier, client.
	Roles []Role `toml:"roles" comment:"What this node does: provider, verifier, client, bootstrap."`

	P2P     P2PConfig     `toml:"p2p"`
	API     APIConfig     `toml:"api"`
	Market  MarketConfig  `toml:"market"`
	Content ContentConfig `toml:"content"`
	Chain   ChainConfig   `toml:"chain"`
	Log     LogConfig     `toml:"log"`

	// Logger receives the node's logs. Default: built from Log.
	Logger *slog.Logger `toml:"-"`
}

// P2PConfig configures the libp2p host.
type P2PConfig struct {
	// Listen multiaddrs. Default TCP and QUIC on port 4601 of all interfaces.
	Listen []string `toml:"listen" comment:"Multiaddrs to listen on (TCP and QUIC)."`
	// Bootstrap peers, full multiaddrs ending in /p2p/<peer-id>. Default none.
	Bootstrap []string `toml:"bootstrap" comment:"Bootstrap peers: multiaddrs ending in /p2p/<peer-id>."`
	// MDNS finds peers on the local network. Default true on HomeRig.
	MDNS bool `toml:"mdns" comment:"Discover peers on the local network with mDNS."`
	// SeenTTL is p2p.Config.SeenTTL; not a config-file key. Zero means
	// p2p.DefaultSeenTTL; Simulation() shortens it.
	SeenTTL Duration `toml:"-"`
	// ValidateQueue and PeerOutboundQueue are p2p.Config's gossipsub
	// queue depths; not config-file keys. Zero means the p2p defaults;
	// Simulation() shortens them.
	ValidateQueue, PeerOutboundQueue int `toml:"-"`
}

// APIConfig configures the local JSON API.
type APIConfig struct {
	// Listen is the API address; it must be a loopback address. "" turns
	// the API off. Default 127.0.0.1:4602.
	Listen string `toml:"listen" comment:"Local JSON API (CLI, metrics, dashboard). Loopback only; empty turns it off."`
}

// MarketConfig configures what the node sells and advertises.
type MarketConfig struct {
	// PriceFloor is the lowest price (wei per task) this node accepts per
	// workload. Default: see DefaultPriceFloor.
	PriceFloor map[string]string `toml:"price_floor" comment:"Lowest price per task in wei, per workload."`
	// CapacityInterval is how often the capacity ad is re-published even
	// when nothing changed. Default 30s.
	CapacityInterval Duration `toml:"capacity_interval" comment:"Re-publish the capacity ad at least this often."`
	// CapacityTTL is how long a peer's ad stays in the capacity table
	// without a fresh one. Default 3× CapacityInterval.
	CapacityTTL Duration `toml:"capacity_ttl" comment:"Forget a peer's capacity ad after this long without a new one."`
	// Retention is how long finished jobs and provider task records are
	// kept, with the blocks they pin, before they are pruned. Vouchers
	// and the settlement queue are never pruned. 0 keeps everything.
	// Default 72h.
	Retention Duration `toml:"retention" comment:"Keep finished jobs and task records (and their blocks) this long; 0 keeps them forever."`
	// CapacitySync is the period of the capacity table sync with a random
	// peer (market.CapacityConfig.SyncInterval); not a config-file key.
	// Zero means CapacityInterval.
	CapacitySync Duration `toml:"-"`
}

// ContentConfig configures the content store (blocks under <datadir>/blocks).
type ContentConfig struct {
	// GCInterval is how often blocks no pin reaches are deleted. 0 turns
	// GC off. Default 1h.
	GCInterval Duration `toml:"gc_interval" comment:"Delete unpinned blocks this often; 0 turns content GC off."`
}

// ChainConfig configures settlement. Empty RPC means no chain (bootstrap
// nodes, or a node that only gossips).
type ChainConfig struct {
	RPC      string `toml:"rpc" comment:"Ethereum JSON-RPC endpoint (e.g. the URL 'ogpu devnet' prints)."`
	Contract string `toml:"contract" comment:"Settlement contract address."`
}

// LogConfig configures logging.
type LogConfig struct {
	// Level: debug, info, warn, error. Default info.
	Level string `toml:"level" comment:"debug, info, warn or error."`
	// Format: text or json. Default text.
	Format string `toml:"format" comment:"text or json."`
}

// Default ports.
const (
	DefaultP2PPort = 4601
	DefaultAPIAddr = "127.0.0.1:4602"
)

// Defaults of market.retention and content.gc_interval.
const (
	DefaultRetention  = 72 * time.Hour
	DefaultGCInterval = time.Hour
)

// DefaultPriceFloor returns the default price floors in wei per task.
func DefaultPriceFloor() map[string]string {
	return map[string]string{"matmul": "1000", "hashgrind": "1000", "render": "1000", "mlp": "100"}
}

// HomeRig is the preset for one machine with GPUs selling compute: all
// compute roles, TCP+QUIC on port 4601, mDNS on, API on 127.0.0.1:4602.
func HomeRig() Config {
	return Config{
		DataDir: DefaultDataDir(),
		Roles:   []Role{RoleProvider, RoleVerifier, RoleClient},
		P2P: P2PConfig{
			Listen: []string{
				fmt.Sprintf("/ip4/0.0.0.0/tcp/%d", DefaultP2PPort),
				fmt.Sprintf("/ip4/0.0.0.0/udp/%d/quic-v1", DefaultP2PPort),
			},
			MDNS: true,
		},
		API: APIConfig{Listen: DefaultAPIAddr},
		Market: MarketConfig{PriceFloor: DefaultPriceFloor(), CapacityInterval: Duration(30 * time.Second), CapacityTTL: Duration(90 * time.Second),
			Retention: Duration(DefaultRetention)},
		Content: ContentConfig{GCInterval: Duration(DefaultGCInterval)},
		Log:     LogConfig{Level: "info", Format: "text"},
	}
}

// Bootstrap is the preset for a community bootstrap node: DHT server,
// relay and gossip router, no compute and no chain.
func Bootstrap() Config {
	c := HomeRig()
	c.Roles = []Role{RoleBootstrap}
	c.P2P.MDNS = false
	return c
}

// Simulation is the preset for in-process nodes (node/sim): in memory, no
// API, no mDNS, capacity ads every 10 s.
func Simulation() Config {
	c := HomeRig()
	c.DataDir = ""
	c.InMemory = true
	c.P2P.Listen = nil
	c.P2P.MDNS = false
	c.API.Listen = ""
	// Joins trigger prompt re-publishes, so the steady-state period can be
	// long; short periods make large simulations CPU-bound on signature
	// checks (N nodes × N/interval ads per second).
	c.Market.CapacityInterval = Duration(10 * time.Second)
	c.Market.CapacityTTL = Duration(30 * time.Second)
	// Each node keeps a record per gossip message for SeenTTL: N nodes × N
	// ads of records in a big simulation. Messages are not re-sent after
	// the 5 s gossip history, so 30 s loses no duplicate suppression.
	c.P2P.SeenTTL = Duration(30 * time.Second)
	// Thousands of in-process nodes on a few cores are CPU-bound in a
	// burst, and every message waiting in a gossipsub queue is held in
	// memory: short queues bound that backlog (a dropped ad is repaired
	// by the capacity table sync).
	c.P2P.ValidateQueue = 256
	c.P2P.PeerOutboundQueue = 64
	c.Log.Level = "warn"
	return c
}

// DefaultDataDir is $OGPU_DATADIR, else ~/.ogpu.
func DefaultDataDir() string {
	if d := os.Getenv("OGPU_DATADIR"); d != "" {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ".ogpu"
	}
	return filepath.Join(home, ".ogpu")
}

// Has reports whether the config includes role r.
func (c *Config) Has(r Role) bool {
	for _, x := range c.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Validate checks the config and says what to fix.
func (c *Config) Validate() error {
	var errs []error
	if !c.InMemory && c.DataDir == "" {
		errs = append(errs, fmt.Errorf("%w: data directory is empty (set --datadir or OGPU_DATADIR)", ErrConfig))
	}
	if len(c.Roles) == 0 {
		errs = append(errs, fmt.Errorf("%w: no roles (want some of provider, verifier, client, bootstrap)", ErrConfig))
	}
	for _, r := range c.Roles {
		switch r {
		case RoleProvider, RoleVerifier, RoleClient, RoleBootstrap:
		default:
			errs = append(errs, fmt.Errorf("%w: unknown role %q (want provider, verifier, client or bootstrap)", ErrConfig, r))
		}
	}
	for _, a := range c.P2P.Listen {
		if _, err := multiaddr.NewMultiaddr(a); err != nil {
			errs = append(errs, fmt.Errorf("%w: p2p.listen %q is not a multiaddr: %v", ErrConfig, a, err))
		}
	}
	for _, a := range c.P2P.Bootstrap {
		ma, err := multiaddr.NewMultiaddr(a)
		if err != nil {
			errs = append(errs, fmt.Errorf("%w: bootstrap address %q is not a multiaddr: %v", ErrConfig, a, err))
			continue
		}
		if _, err := ma.ValueForProtocol(multiaddr.P_P2P); err != nil {
			errs = append(errs, fmt.Errorf("%w: bootstrap address %q has no /p2p/<peer-id> part", ErrConfig, a))
		}
	}
	if c.API.Listen != "" && !isLoopback(c.API.Listen) {
		errs = append(errs, fmt.Errorf("%w: api.listen %q must be a loopback address (127.0.0.1:port or [::1]:port)", ErrConfig, c.API.Listen))
	}
	for w, p := range c.Market.PriceFloor {
		if v, ok := new(big.Int).SetString(p, 10); !ok || v.Sign() < 0 {
			errs = append(errs, fmt.Errorf("%w: market.price_floor.%s = %q is not a non-negative integer (wei)", ErrConfig, w, p))
		}
	}
	if c.Market.CapacityInterval <= 0 {
		errs = append(errs, fmt.Errorf("%w: market.capacity_interval must be positive", ErrConfig))
	}
	if c.Market.CapacityTTL < c.Market.CapacityInterval {
		errs = append(errs, fmt.Errorf("%w: market.capacity_ttl (%s) must be at least capacity_interval (%s)", ErrConfig, c.Market.CapacityTTL.D(), c.Market.CapacityInterval.D()))
	}
	if c.Market.Retention < 0 {
		errs = append(errs, fmt.Errorf("%w: market.retention must not be negative (0 keeps finished jobs forever)", ErrConfig))
	}
	if c.Content.GCInterval < 0 {
		errs = append(errs, fmt.Errorf("%w: content.gc_interval must not be negative (0 turns content GC off)", ErrConfig))
	}
	switch c.Log.Level {
	case "", "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("%w: log.level %q (want debug, info, warn or error)", ErrConfig, c.Log.Level))
	}
	return errors.Join(errs...)
}

func isLoopback(addr string) bool {
	host := addr
	if i := strings.LastIndex(addr, ":"); i >= 0 {
		host = addr[:i]
	}
	host = strings.Trim(host, "[]")
	return host == "127.0.0.1" || host == "::1" || host == "localhost"
}

// ConfigFileName is the config file inside the data directory.
const ConfigFileName = "config.toml"

// LoadConfig reads <datadir>/config.toml over base (normally HomeRig()).
// A missing file is not an error; a malformed one is, with its position.
func LoadConfig(datadir string, base Config) (Config, error) {
	c := base
	c.DataDir = datadir
	path := filepath.Join(datadir, ConfigFileName)
	md, err := toml.DecodeFile(path, &c)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("%w: %s: %w", ErrConfig, path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return c, fmt.Errorf("%w: %s: unknown keys %s (see docs/config.md)", ErrConfig, path, strings.Join(keys, ", "))
	}
	return c, nil
}

// ApplyEnv overrides config keys from OGPU_* environment variables:
// OGPU_LISTEN, OGPU_BOOTSTRAP (comma-separated), OGPU_MDNS (true/false), OGPU_API, OGPU_CHAIN_RPC,
// OGPU_CHAIN_CONTRACT, OGPU_LOG_LEVEL.
func (c *Config) ApplyEnv(getenv func(string) string) {
	if v := getenv("OGPU_LISTEN"); v != "" {
		c.P2P.Listen = splitList(v)
	}
	if v := getenv("OGPU_BOOTSTRAP"); v != "" {
		c.P2P.Bootstrap = splitList(v)
	}
	if v := getenv("OGPU_MDNS"); v != "" {
		c.P2P.MDNS = v == "1" || strings.EqualFold(v, "true")
	}
	if v := getenv("OGPU_API"); v != "" {
		c.API.Listen = v
	}
	if v := getenv("OGPU_CHAIN_RPC"); v != "" {
		c.Chain.RPC = v
	}
	if v := getenv("OGPU_CHAIN_CONTRACT"); v != "" {
		c.Chain.Contract = v
	}
	if v := getenv("OGPU_LOG_LEVEL"); v != "" {
		c.Log.Level = v
	}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// SplitList splits a comma-separated flag value, dropping empty items.
func SplitList(s string) []string { return splitList(s) }

// NewLogger builds the logger described by c.Log, writing to w.
func (c LogConfig) NewLogger(w interface{ Write([]byte) (int, error) }) *slog.Logger {
	var lvl slog.Level
	switch c.Level {
	case "debug":
		lvl = slog.LevelDebug
	case "warn":
		lvl = slog.LevelWarn
	case "error":
		lvl = slog.LevelError
	default:
		lvl = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lvl}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
