package p2p

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	ds "github.com/ipfs/go-datastore"
	dssync "github.com/ipfs/go-datastore/sync"
	dht "github.com/libp2p/go-libp2p-kad-dht"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	pb "github.com/libp2p/go-libp2p-pubsub/pb"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	ma "github.com/multiformats/go-multiaddr"
)

// Network is a node's libp2p stack. Build it with New, then Start; all
// methods are safe for concurrent use.
type Network struct {
	cfg    Config
	listen []ma.Multiaddr
	boot   []peer.AddrInfo
	log    *slog.Logger

	mu       sync.Mutex
	started  bool
	closed   bool
	host     host.Host
	ownsHost bool
	ps       *pubsub.PubSub
	kad      *dht.IpfsDHT
	closers  []func() error // run in reverse order by Close
	handlers []protocol.ID

	scoreMu sync.Mutex
	scores  map[peer.ID]float64

	ctx    context.Context // lifetime of the started network
	cancel context.CancelFunc
	wg     sync.WaitGroup // background loops and stream handlers
}

// New validates cfg and returns an unstarted Network. It starts nothing.
func New(cfg Config) (*Network, error) {
	cfg.withDefaults()
	if cfg.Key == nil && cfg.Host == nil {
		return nil, ErrNoKey
	}
	if cfg.Host != nil && cfg.Key != nil && cfg.Host.ID() != cfg.Key.PeerID() {
		return nil, fmt.Errorf("p2p: host peer %s does not match key peer %s", cfg.Host.ID(), cfg.Key.PeerID())
	}
	if cfg.DHTMode < DHTAuto || cfg.DHTMode > DHTOff {
		return nil, fmt.Errorf("p2p: unknown %s", cfg.DHTMode)
	}
	var listen []ma.Multiaddr
	if cfg.Host == nil {
		var err error
		if listen, err = ParseListenAddrs(cfg.ListenAddrs); err != nil {
			return nil, err
		}
	}
	boot, err := ParseBootstrap(cfg.Bootstrap)
	if err != nil {
		return nil, err
	}
	return &Network{cfg: cfg, listen: listen, boot: boot, log: cfg.Logger.With("component", "p2p")}, nil
}

// Start builds the host (unless Config.Host was given), gossipsub with
// peer scoring, the DHT and mDNS, and starts connecting to the bootstrap
// peers and discovering others in the background. ctx bounds only the
// setup; the network lives until Close. On error everything built so far
// is closed again.
func (n *Network) Start(ctx context.Context) (err error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return ErrClosed
	}
	if n.started {
		return ErrAlreadyStarted
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	n.ctx, n.cancel = context.WithCancel(context.Background())
	defer func() {
		if err != nil {
			n.cancel()
			n.wg.Wait()
			n.runClosers()
		}
	}()

	h := n.cfg.Host
	if h == nil {
		if h, err = buildHost(&n.cfg, n.listen, n.boot); err != nil {
			return err
		}
		n.ownsHost = true
	} else {
		n.ownsHost = n.cfg.CloseHost
	}
	n.host = h
	if n.ownsHost {
		n.closers = append(n.closers, func() error { return wrapErr("close host", h.Close()) })
	}
	n.log = n.log.With("peer", h.ID())

	for _, b := range n.boot {
		h.Peerstore().AddAddrs(b.ID, b.Addrs, peerstoreBootstrapTTL)
		h.ConnManager().Protect(b.ID, "ogpu-bootstrap")
	}

	if n.cfg.DHTMode != DHTOff {
		if err := n.startDHT(); err != nil {
			return err
		}
	}
	if err := n.startPubSub(); err != nil {
		return err
	}
	if n.cfg.MDNS {
		if err := n.startMDNS(); err != nil {
			return err
		}
	}
	n.goLoop(n.bootstrapLoop)
	if n.kad != nil {
		n.goLoop(n.discoveryLoop)
	}
	n.started = true
	n.log.Info("p2p network started", "addrs", n.addrsLocked(), "dht", n.cfg.DHTMode, "bootstrap", len(n.boot))
	return nil
}

func (n *Network) startDHT() error {
	store := n.cfg.Datastore
	if store == nil {
		store = dssync.MutexWrap(ds.NewMapDatastore())
	}
	mode := map[DHTMode]dht.ModeOpt{DHTAuto: dht.ModeAuto, DHTServer: dht.ModeServer, DHTClient: dht.ModeClient}[n.cfg.DHTMode]
	kad, err := dht.New(n.host,
		dht.Mode(mode),
		dht.ProtocolPrefix("/ogpu"),
		dht.Datastore(store),
		dht.BootstrapPeers(n.boot...),
	)
	if err != nil {
		return fmt.Errorf("p2p: start dht: %w", err)
	}
	n.kad = kad
	n.closers = append(n.closers, func() error { return wrapErr("close dht", kad.Close()) })
	return nil
}

// contentMsgID names a gossip message by the SHA-256 of its data.
func contentMsgID(m *pb.Message) string {
	h := sha256.Sum256(m.Data)
	return string(h[:20])
}

func (n *Network) startPubSub() error {
	params := DefaultScoreParams()
	if n.cfg.ScoreParams != nil {
		c := *n.cfg.ScoreParams
		params = &c
	}
	boot := make(map[peer.ID]bool, len(n.boot))
	for _, b := range n.boot {
		boot[b.ID] = true
	}
	params.SeenMsgTTL = n.cfg.SeenTTL
	app := n.cfg.AppScore
	params.AppSpecificScore = func(p peer.ID) float64 {
		s := 0.0
		if boot[p] {
			s += BootstrapScore
		}
		if app != nil {
			s += app(p)
		}
		return s
	}
	thresholds := DefaultScoreThresholds()
	if n.cfg.ScoreThresholds != nil {
		thresholds = n.cfg.ScoreThresholds
	}
	n.scores = map[peer.ID]float64{}
	opts := []pubsub.Option{
		pubsub.WithPeerScore(params, thresholds),
		pubsub.WithPeerScoreInspect(pubsub.PeerScoreInspectFn(n.storeScores), scoreInspectPeriod),
		pubsub.WithPeerExchange(n.cfg.PeerExchange),
		pubsub.WithFloodPublish(true),
		// No pubsub-level signatures: every ogpu payload is EIP-712 signed
		// by its author and checked by the topic validator, so a second
		// libp2p signature (pure-Go secp256k1 verify, ~3× the cost of our
		// ecrecover) would only burn CPU. Message IDs are content hashes,
		// as in Ethereum's consensus gossip.
		pubsub.WithNoAuthor(),
		pubsub.WithMessageIdFn(contentMsgID),
		pubsub.WithSeenMessagesTTL(n.cfg.SeenTTL),
		// Bursts (every provider re-publishing after a partition heals, a
		// job of many shards announced at once) must not overflow the
		// default 32-deep queues, which drop messages silently; see
		// Config.ValidateQueue.
		pubsub.WithValidateQueueSize(n.cfg.ValidateQueue),
		pubsub.WithPeerOutboundQueueSize(n.cfg.PeerOutboundQueue),
		pubsub.WithLogger(n.log.With("sub", "pubsub")),
	}
	ps, err := pubsub.NewGossipSub(n.ctx, n.host, opts...)
	if err != nil {
		return fmt.Errorf("p2p: start gossipsub: %w", err)
	}
	n.ps = ps
	return nil
}

// storeScores is the pubsub score inspector; it runs on the pubsub loop.
func (n *Network) storeScores(m map[peer.ID]float64) {
	n.scoreMu.Lock()
	n.scores = m
	n.scoreMu.Unlock()
}

// PeerScore returns the last gossipsub score of p (refreshed every
// scoreInspectPeriod) and whether p had one.
func (n *Network) PeerScore(p peer.ID) (float64, bool) {
	n.scoreMu.Lock()
	defer n.scoreMu.Unlock()
	s, ok := n.scores[p]
	return s, ok
}

// goLoop runs f(ctx) in a goroutine owned by the network.
func (n *Network) goLoop(f func(context.Context)) {
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		f(n.ctx)
	}()
}

// Close stops the network in reverse order of Start and waits for its
// goroutines. It is idempotent; later calls return nil.
func (n *Network) Close() error {
	n.mu.Lock()
	if n.closed {
		n.mu.Unlock()
		return nil
	}
	n.closed = true
	started := n.started
	for _, pid := range n.handlers {
		n.host.RemoveStreamHandler(pid)
	}
	n.mu.Unlock()
	if !started {
		return nil
	}
	n.cancel()
	n.wg.Wait()
	err := n.runClosers()
	n.log.Info("p2p network closed")
	return err
}

func (n *Network) runClosers() error {
	var errs []error
	for i := len(n.closers) - 1; i >= 0; i-- {
		errs = append(errs, n.closers[i]())
	}
	n.closers = nil
	return errors.Join(errs...)
}

func wrapErr(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("p2p: %s: %w", what, err)
}

// Host returns the libp2p host (nil before Start).
func (n *Network) Host() host.Host {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.host
}

// PubSub returns the gossipsub instance (nil before Start).
func (n *Network) PubSub() *pubsub.PubSub {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.ps
}

// DHT returns the Kademlia DHT (nil before Start or with DHTOff).
func (n *Network) DHT() *dht.IpfsDHT {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.kad
}

// ID returns the node's peer ID (known before Start).
func (n *Network) ID() peer.ID {
	if n.cfg.Host != nil {
		return n.cfg.Host.ID()
	}
	return n.cfg.Key.PeerID()
}

// Addrs returns the node's listen multiaddrs, each ending in /p2p/<id>,
// ready to hand to another node as a bootstrap address. Nil before Start.
func (n *Network) Addrs() []ma.Multiaddr {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.addrsLocked()
}

func (n *Network) addrsLocked() []ma.Multiaddr {
	if n.host == nil {
		return nil
	}
	addrs, err := peer.AddrInfoToP2pAddrs(&peer.AddrInfo{ID: n.host.ID(), Addrs: n.host.Addrs()})
	if err != nil {
		return nil
	}
	return addrs
}

// Peers returns the peers with a live connection.
func (n *Network) Peers() []peer.ID {
	h := n.Host()
	if h == nil {
		return nil
	}
	var out []peer.ID
	for _, p := range h.Network().Peers() {
		if h.Network().Connectedness(p) == network.Connected {
			out = append(out, p)
		}
	}
	return out
}

func (n *Network) pubsub() (*pubsub.PubSub, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch {
	case n.closed:
		return nil, ErrClosed
	case !n.started:
		return nil, ErrNotStarted
	}
	return n.ps, nil
}
