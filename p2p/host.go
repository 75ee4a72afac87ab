package p2p

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	rcmgr "github.com/libp2p/go-libp2p/p2p/host/resource-manager"
	"github.com/libp2p/go-libp2p/p2p/net/connmgr"
	libp2pquic "github.com/libp2p/go-libp2p/p2p/transport/quic"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
	ma "github.com/multiformats/go-multiaddr"
)

// buildHost makes the node's own libp2p host: TCP and QUIC transports,
// explicit resource limits, a connection manager, AutoNAT (service and v2
// client), hole punching, the relay client, autorelay through the bootstrap
// peers, and the relay service when asked. Metrics go nowhere (no global
// Prometheus registry).
func buildHost(cfg *Config, listen []ma.Multiaddr, boot []peer.AddrInfo) (host.Host, error) {
	// A failed listen inside libp2p.New leaks the half-built host's
	// goroutines (go-libp2p v0.51.0 fx rollback), so probe fixed ports first.
	if err := checkPortsFree(listen); err != nil {
		return nil, err
	}
	limits := DefaultLimits()
	if cfg.Limits != nil {
		limits = *cfg.Limits
	}
	rm, err := rcmgr.NewResourceManager(rcmgr.NewFixedLimiter(limits), rcmgr.WithMetricsDisabled())
	if err != nil {
		return nil, fmt.Errorf("p2p: resource manager: %w", err)
	}
	cm, err := connmgr.NewConnManager(cfg.ConnLow, cfg.ConnHigh, connmgr.WithGracePeriod(time.Minute))
	if err != nil {
		rm.Close()
		return nil, fmt.Errorf("p2p: connection manager: %w", err)
	}
	opts := []libp2p.Option{
		libp2p.Identity(cfg.Key.LibP2P()),
		libp2p.ListenAddrs(listen...),
		libp2p.Transport(tcp.NewTCPTransport),
		libp2p.Transport(libp2pquic.NewTransport),
		libp2p.ResourceManager(rm),
		libp2p.ConnectionManager(cm),
		libp2p.DisableMetrics(),
		libp2p.EnableNATService(),
		libp2p.EnableAutoNATv2(),
		libp2p.EnableHolePunching(),
		libp2p.EnableRelay(),
		libp2p.UserAgent("ogpu"),
	}
	if cfg.RelayService {
		opts = append(opts, libp2p.EnableRelayService())
	}
	if len(boot) > 0 && !cfg.RelayService {
		opts = append(opts, libp2p.EnableAutoRelayWithStaticRelays(boot))
	}
	h, err := libp2p.New(opts...)
	if err != nil {
		cm.Close()
		rm.Close()
		if isAddrInUse(err) {
			return nil, fmt.Errorf("%w: %s: %w", ErrAddrInUse, strings.Join(cfg.ListenAddrs, ", "), err)
		}
		return nil, fmt.Errorf("p2p: start host: %w", err)
	}
	return h, nil
}

func isAddrInUse(err error) bool {
	return errors.Is(err, syscall.EADDRINUSE) || strings.Contains(err.Error(), "address already in use")
}

// checkPortsFree binds and releases every listen address that names a fixed
// TCP or UDP port, and reports ErrAddrInUse for the first one taken.
func checkPortsFree(listen []ma.Multiaddr) error {
	for _, a := range listen {
		ip, err := a.ValueForProtocol(ma.P_IP4)
		if err != nil {
			if ip, err = a.ValueForProtocol(ma.P_IP6); err != nil {
				continue
			}
		}
		if port, err := a.ValueForProtocol(ma.P_TCP); err == nil && port != "0" {
			l, err := net.Listen("tcp", net.JoinHostPort(ip, port))
			if err != nil {
				return addrErr(a, err)
			}
			l.Close()
		}
		if port, err := a.ValueForProtocol(ma.P_UDP); err == nil && port != "0" {
			c, err := net.ListenPacket("udp", net.JoinHostPort(ip, port))
			if err != nil {
				return addrErr(a, err)
			}
			c.Close()
		}
	}
	return nil
}

func addrErr(a ma.Multiaddr, err error) error {
	if isAddrInUse(err) {
		return fmt.Errorf("%w: %s: %w", ErrAddrInUse, a, err)
	}
	return fmt.Errorf("p2p: cannot listen on %s: %w", a, err)
}
