package p2p

import (
	"fmt"
	"log/slog"
	"time"

	ds "github.com/ipfs/go-datastore"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	rcmgr "github.com/libp2p/go-libp2p/p2p/host/resource-manager"
	ma "github.com/multiformats/go-multiaddr"

	"github.com/ogpu/ogpu/p2p/identity"
)

// DHTMode selects the Kademlia mode.
type DHTMode int

const (
	// DHTAuto serves the DHT when AutoNAT finds the node publicly reachable
	// and is a client otherwise (the default for ordinary nodes).
	DHTAuto DHTMode = iota
	// DHTServer always serves the DHT (bootstrap nodes).
	DHTServer
	// DHTClient only queries the DHT.
	DHTClient
	// DHTOff runs no DHT and no rendezvous discovery (simulations that
	// connect peers themselves).
	DHTOff
)

func (m DHTMode) String() string {
	switch m {
	case DHTAuto:
		return "auto"
	case DHTServer:
		return "server"
	case DHTClient:
		return "client"
	case DHTOff:
		return "off"
	}
	return fmt.Sprintf("DHTMode(%d)", int(m))
}

// Defaults used for zero Config fields.
const (
	DefaultRendezvous        = "ogpu/v1"
	DefaultDiscoveryInterval = 30 * time.Second
	DefaultStreamTimeout     = 30 * time.Second
	DefaultSeenTTL           = 2 * time.Minute // gossipsub's TimeCacheDuration
	DefaultValidateQueue     = 4096            // gossipsub's default: 32
	DefaultPeerOutboundQueue = 512             // gossipsub's default: 32
	DefaultConnLow           = 100
	DefaultConnHigh          = 400
	// BootstrapScore is the application score (gossipsub P5, weight 1) given
	// to configured bootstrap peers, above AcceptPXThreshold so that their
	// peer exchange is accepted.
	BootstrapScore = 20
)

// DefaultListenAddrs are TCP and QUIC on every interface, random ports.
var DefaultListenAddrs = []string{"/ip4/0.0.0.0/tcp/0", "/ip4/0.0.0.0/udp/0/quic-v1"}

// Config configures a Network. Zero values take the documented defaults.
type Config struct {
	// Key is the node key (libp2p identity = Ethereum account). Required
	// unless Host is set.
	Key *identity.Key
	// ListenAddrs are multiaddrs to listen on. Default DefaultListenAddrs
	// (TCP and QUIC on 0.0.0.0, random ports). Ignored when Host is set.
	ListenAddrs []string
	// Bootstrap are multiaddrs of bootstrap peers, each ending in
	// /p2p/<peer-id>. The node connects to them on Start and keeps retrying
	// with backoff in the background; they seed the DHT, serve as static
	// relays, and get BootstrapScore in gossipsub.
	Bootstrap []string
	// MDNS enables local-network discovery (off by default).
	MDNS bool
	// RelayService runs a circuit relay v2 service (bootstrap nodes).
	RelayService bool
	// PeerExchange makes gossipsub send peer exchange on prune (bootstrap
	// nodes: it spreads new peers quickly).
	PeerExchange bool
	// DHTMode selects the DHT mode. Default DHTAuto; bootstrap nodes use
	// DHTServer.
	DHTMode DHTMode
	// Datastore backs the DHT's records. Default: in memory.
	Datastore ds.Batching
	// Host is an optional pre-built host (e.g. from mocknet). When set,
	// Key, ListenAddrs, RelayService and the resource manager are ignored,
	// and Close leaves the host open unless CloseHost is true.
	Host      host.Host
	CloseHost bool
	// Limits are the resource manager limits. Default DefaultLimits().
	Limits *rcmgr.ConcreteLimitConfig
	// ConnLow and ConnHigh are the connection manager's watermarks.
	// Defaults DefaultConnLow and DefaultConnHigh.
	ConnLow, ConnHigh int
	// Logger receives the network's logs. Default slog.Default().
	Logger *slog.Logger
	// AppScore is the application-specific gossipsub score (P5, weight 1),
	// e.g. reputation. It is called from the pubsub event loop: it must be
	// fast, must not block and must not call into the Network. Default 0.
	AppScore func(peer.ID) float64
	// ScoreParams and ScoreThresholds override DefaultScoreParams and
	// DefaultScoreThresholds. AppSpecificScore is always replaced by the
	// Network's (AppScore plus the bootstrap bonus).
	ScoreParams     *pubsub.PeerScoreParams
	ScoreThresholds *pubsub.PeerScoreThresholds
	// Rendezvous is the DHT rendezvous string all ogpu nodes advertise and
	// look up. Default DefaultRendezvous.
	Rendezvous string
	// DiscoveryInterval is the steady-state period of the rendezvous lookup;
	// right after Start it runs every second and backs off to this.
	// Default DefaultDiscoveryInterval.
	DiscoveryInterval time.Duration
	// StreamTimeout bounds a request/response exchange and each frame read
	// or write on a handled stream. Default DefaultStreamTimeout.
	StreamTimeout time.Duration
	// SeenTTL is how long gossipsub remembers a message as seen, for
	// duplicate suppression and delivery scoring. Every node keeps a record
	// per message for this long, which is what a thousand in-process nodes
	// pay most for; a message is never re-sent after the gossip history
	// (5 heartbeats), so a shorter TTL re-admits nothing in practice.
	// Default DefaultSeenTTL.
	SeenTTL time.Duration
	// ValidateQueue and PeerOutboundQueue are gossipsub's validation queue
	// (messages waiting for a validator) and per-peer outbound queue
	// depths. A full queue drops messages silently, so real nodes keep
	// deep ones for bursts; every queued message is held in memory, so a
	// simulation of many nodes on few cores, where bursts are CPU-bound,
	// keeps short ones. Defaults DefaultValidateQueue and
	// DefaultPeerOutboundQueue.
	ValidateQueue, PeerOutboundQueue int
}

func (c *Config) withDefaults() {
	if len(c.ListenAddrs) == 0 {
		c.ListenAddrs = DefaultListenAddrs
	}
	if c.ConnLow <= 0 {
		c.ConnLow = DefaultConnLow
	}
	if c.ConnHigh <= c.ConnLow {
		c.ConnHigh = max(DefaultConnHigh, 2*c.ConnLow)
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Rendezvous == "" {
		c.Rendezvous = DefaultRendezvous
	}
	if c.DiscoveryInterval <= 0 {
		c.DiscoveryInterval = DefaultDiscoveryInterval
	}
	if c.StreamTimeout <= 0 {
		c.StreamTimeout = DefaultStreamTimeout
	}
	if c.SeenTTL <= 0 {
		c.SeenTTL = DefaultSeenTTL
	}
	if c.ValidateQueue <= 0 {
		c.ValidateQueue = DefaultValidateQueue
	}
	if c.PeerOutboundQueue <= 0 {
		c.PeerOutboundQueue = DefaultPeerOutboundQueue
	}
}

// ParseListenAddrs parses listen multiaddrs, wrapping ErrBadMultiaddr.
func ParseListenAddrs(ss []string) ([]ma.Multiaddr, error) {
	out := make([]ma.Multiaddr, 0, len(ss))
	for _, s := range ss {
		a, err := ma.NewMultiaddr(s)
		if err != nil {
			return nil, fmt.Errorf("%w: listen address %q: %w", ErrBadMultiaddr, s, err)
		}
		out = append(out, a)
	}
	return out, nil
}

// ParseBootstrap parses bootstrap multiaddrs (each with /p2p/<id>) into
// address infos, merging addresses of the same peer. Errors wrap
// ErrBadMultiaddr and name the offending entry.
func ParseBootstrap(ss []string) ([]peer.AddrInfo, error) {
	var out []peer.AddrInfo
	idx := map[peer.ID]int{}
	for _, s := range ss {
		a, err := ma.NewMultiaddr(s)
		if err != nil {
			return nil, fmt.Errorf("%w: bootstrap address %q: %w", ErrBadMultiaddr, s, err)
		}
		ai, err := peer.AddrInfoFromP2pAddr(a)
		if err != nil {
			return nil, fmt.Errorf("%w: bootstrap address %q must end in /p2p/<peer-id>: %w", ErrBadMultiaddr, s, err)
		}
		if i, ok := idx[ai.ID]; ok {
			out[i].Addrs = append(out[i].Addrs, ai.Addrs...)
			continue
		}
		idx[ai.ID] = len(out)
		out = append(out, *ai)
	}
	return out, nil
}
