package p2p

import (
	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/protocol"
	rcmgr "github.com/libp2p/go-libp2p/p2p/host/resource-manager"
)

// ServiceName is the resource-manager service of ogpu's stream protocols;
// handled and requested streams are attached to it.
const ServiceName = "ogpu"

// Memory and file descriptors the resource manager is sized for. The limits
// are fixed rather than scaled to the machine so that every node behaves the
// same; override Config.Limits for big bootstrap nodes.
const (
	LimitMemory = 2 << 30 // 2 GiB for all libp2p buffers
	LimitFDs    = 4096
)

// bitswapProtocols are the protocol IDs boxo bitswap speaks.
var bitswapProtocols = []protocol.ID{
	"/ipfs/bitswap", "/ipfs/bitswap/1.0.0", "/ipfs/bitswap/1.1.0", "/ipfs/bitswap/1.2.0",
}

// DefaultLimits are the resource manager limits a Network's own host uses:
// go-libp2p's defaults and service limits, scaled to LimitMemory and
// LimitFDs, with these changes:
//
//   - bitswap: a peer may open 1024 inbound streams (default 64 + 4/GiB).
//     A bitswap server answers wants on fresh streams; when the fetching
//     side is behind, the default limit resets them, the server drops those
//     blocks and the fetch stalls for the 30–45 s rebroadcast
//     (DEPS.md §6). 256 MiB of memory per peer, 1 GiB for the protocol.
//   - service "ogpu" (our stream protocols): 4096 streams, 256 per peer,
//     512 MiB, so a burst of bids or stream requests is not refused.
//   - per peer: 1024 streams in each direction, 512 MiB, so bitswap plus
//     gossipsub plus DHT between two busy nodes fit.
func DefaultLimits() rcmgr.ConcreteLimitConfig {
	cfg := rcmgr.DefaultLimits
	libp2p.SetDefaultServiceLimits(&cfg)
	cfg.PeerBaseLimit = rcmgr.BaseLimit{
		StreamsInbound: 1024, StreamsOutbound: 1024, Streams: 2048,
		ConnsInbound: 8, ConnsOutbound: 8, Conns: 16, FD: 8, Memory: 512 << 20,
	}
	cfg.PeerLimitIncrease = rcmgr.BaseLimitIncrease{}
	for _, id := range bitswapProtocols {
		cfg.AddProtocolLimit(id,
			rcmgr.BaseLimit{StreamsInbound: 8192, StreamsOutbound: 8192, Streams: 16384, Memory: 1 << 30},
			rcmgr.BaseLimitIncrease{})
		cfg.AddProtocolPeerLimit(id,
			rcmgr.BaseLimit{StreamsInbound: 1024, StreamsOutbound: 1024, Streams: 2048, Memory: 256 << 20},
			rcmgr.BaseLimitIncrease{})
	}
	cfg.AddServiceLimit(ServiceName,
		rcmgr.BaseLimit{StreamsInbound: 4096, StreamsOutbound: 4096, Streams: 8192, Memory: 512 << 20},
		rcmgr.BaseLimitIncrease{})
	cfg.AddServicePeerLimit(ServiceName,
		rcmgr.BaseLimit{StreamsInbound: 256, StreamsOutbound: 256, Streams: 512, Memory: 64 << 20},
		rcmgr.BaseLimitIncrease{})
	return cfg.Scale(LimitMemory, LimitFDs)
}
