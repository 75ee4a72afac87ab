// Package p2p owns a node's libp2p networking: the host (TCP + QUIC, AutoNAT,
// hole punching, relay client, relay service on bootstrap nodes), the
// resource manager, gossipsub with peer scoring and validated topics, the
// Kademlia DHT (private prefix /ogpu) with bootstrap and rendezvous
// discovery, optional mDNS, and length-prefixed request/response streams.
// Wire messages live in p2p/wire, IPFS content in p2p/content, keys in
// p2p/identity.
//
//	           ┌──────────────────── Network ─────────────────────┐
//	 Publish → │ Topic ─ validator (size, decode, rate, checks) ─┐ │
//	Subscribe ←│   gossipsub (peer score, graylist) ◄────────────┘ │
//	 Request → │ Handle/Request: /ogpu/<proto>/1 framed streams   │
//	           │ kad-dht /ogpu ─ rendezvous "ogpu/v1" ─ bootstrap │
//	           │ libp2p host · resource manager · conn manager    │
//	           └──────────────────────────────────────────────────┘
//
// Lifecycle: New validates the Config and builds nothing; Start builds the
// host (unless one was given), pubsub and DHT and starts the background
// loops (bootstrap connector, discovery, mDNS); Close stops them in reverse
// order, waits for every goroutine it started and is idempotent.
//
// See docs/protocol.md for topics, stream protocols and scoring parameters.
package p2p
