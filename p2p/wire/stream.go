package wire

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"
	mh "github.com/multiformats/go-multihash"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p/identity"
)

// Versions of the streaming messages this release speaks.
const (
	ServiceHeartbeatVersion = 1
	ServiceDemandVersion    = 1
	StreamVersion           = 1
)

// Limits on streaming messages. Every decoder refuses bigger inputs before
// parsing them.
const (
	MaxServiceHeartbeatSize = 1 << 10
	MaxServiceDemandSize    = 1 << 10
	MaxStreamOpenSize       = 1 << 10
	MaxStreamAcceptSize     = 1 << 10
	// MaxStreamPayload bounds a request's input and a response's output; a
	// frame carries one of them plus a few dozen bytes, within the 16 MiB
	// frame limit of /ogpu/stream/1.
	MaxStreamPayload = 16<<20 - 1<<10
	MaxStreamSlots   = 1 << 16
	StreamSessionLen = 16
)

// ServiceCID is the content ID of the streaming service (workload, model):
// raw codec, sha2-256 of "ogpu/svc/1/<workload>:<model CID>". It is the
// service's DHT key and the service every commitment of its requests names
// (StreamTaskID), so a verifier derives it from the workload and the model
// it re-runs.
func ServiceCID(workload string, model cid.Cid) cid.Cid {
	h, _ := mh.Sum([]byte("ogpu/svc/1/"+workload+":"+model.String()), mh.SHA2_256, -1) // sha2-256 never fails
	return cid.NewCidV1(cid.Raw, h)
}

// StreamTaskID names one request of a session for verification and slash
// evidence: keccak256("ogpu/stream/1" ‖ service CID ‖ session ‖ uint64be(seq)
// ‖ keccak256(input)). The input hash binds the commitment to the request.
func StreamTaskID(service, session []byte, seq uint64, inputHash common.Hash) common.Hash {
	b := make([]byte, 0, 13+len(service)+len(session)+8+32)
	b = append(b, "ogpu/stream/1"...)
	b = append(b, service...)
	b = append(b, session...)
	b = binary.BigEndian.AppendUint64(b, seq)
	b = append(b, inputHash[:]...)
	return keccak(b)
}

// Validate checks every field of a heartbeat without I/O, clock or
// signature; that address belongs to peer_id is checked with the signature
// (VerifyServiceHeartbeat).
func (h *ServiceHeartbeat) Validate() error {
	if h == nil {
		return fmt.Errorf("%w: nil heartbeat", ErrInvalid)
	}
	if h.Version != ServiceHeartbeatVersion {
		return fmt.Errorf("%w: heartbeat version %d, this node speaks %d", ErrUnknownVersion, h.Version, ServiceHeartbeatVersion)
	}
	if err := validateCID(h.Service); err != nil {
		return fmt.Errorf("service: %w", err)
	}
	if _, err := validatePeer("provider", h.PeerId); err != nil {
		return err
	}
	if len(h.Address) != 20 {
		return fmt.Errorf("%w: address is %d bytes, want 20", ErrInvalid, len(h.Address))
	}
	if err := validateWei(h.Price); err != nil {
		return fmt.Errorf("heartbeat price: %w", err)
	}
	if math.IsNaN(h.Load) || h.Load < 0 || h.Load > 1 {
		return fmt.Errorf("%w: load %v, want 0..1", ErrInvalid, h.Load)
	}
	if h.Slots < 1 || h.Slots > MaxStreamSlots {
		return fmt.Errorf("%w: slots %d, want 1..%d", ErrInvalid, h.Slots, MaxStreamSlots)
	}
	if h.TimestampMs <= 0 {
		return fmt.Errorf("%w: heartbeat needs timestamp_ms", ErrInvalid)
	}
	return validateSig(h.Signature)
}

// PeerID returns the provider's peer ID (empty if malformed).
func (h *ServiceHeartbeat) PeerID() peer.ID { id, _ := peer.IDFromBytes(h.PeerId); return id }

var serviceHeartbeatTypeHash = identity.TypeHash("ServiceHeartbeat(bytes32 bodyHash)")

// ServiceHeartbeatDigest is the EIP-712 digest a heartbeat's signature signs.
func ServiceHeartbeatDigest(h *ServiceHeartbeat) (common.Hash, error) {
	return offChainDigest(serviceHeartbeatTypeHash, h, func(c *ServiceHeartbeat) { c.Signature = nil })
}

// SignServiceHeartbeat fills in version, peer ID and address from key and
// signs. Set every other field, timestamp included, first.
func SignServiceHeartbeat(key *identity.Key, h *ServiceHeartbeat) error {
	if h.Version == 0 {
		h.Version = ServiceHeartbeatVersion
	}
	h.PeerId = []byte(key.PeerID())
	addr := key.Address()
	h.Address = addr[:]
	h.Signature = nil
	d, err := ServiceHeartbeatDigest(h)
	if err != nil {
		return err
	}
	if h.Signature, err = key.Sign(d); err != nil {
		return fmt.Errorf("wire: sign heartbeat: %w", err)
	}
	return nil
}

// VerifyServiceHeartbeat validates h and checks that its address is its
// peer's and that the peer signed it, with recoveries memoized in c (nil:
// no memo).
func VerifyServiceHeartbeat(c *identity.Cache, h *ServiceHeartbeat) error {
	if err := h.Validate(); err != nil {
		return err
	}
	if err := checkAddressOfCached(c, h.PeerID(), h.Address); err != nil {
		return err
	}
	d, err := ServiceHeartbeatDigest(h)
	if err != nil {
		return err
	}
	if err := c.Verify(d, h.Signature, common.BytesToAddress(h.Address)); err != nil {
		return fmt.Errorf("%w: heartbeat: %w", ErrWrongSigner, err)
	}
	return nil
}

// DecodeServiceHeartbeat is the check a receiver of gossip on the topic of
// service runs: size, decode, Validate, the service named by the topic,
// freshness and the provider's signature. from is this node when it
// publishes its own heartbeat (only the name is compared) and empty for
// messages from the network (gossip is not signed at the pubsub layer, so
// the heartbeat's own signature proves its author).
func DecodeServiceHeartbeat(c *identity.Cache, data, service []byte, from peer.ID, now time.Time) (*ServiceHeartbeat, error) {
	if len(data) > MaxServiceHeartbeatSize {
		return nil, fmt.Errorf("%w: heartbeat is %d bytes, limit %d", ErrFrameTooLarge, len(data), MaxServiceHeartbeatSize)
	}
	h := new(ServiceHeartbeat)
	if err := proto.Unmarshal(data, h); err != nil {
		return nil, fmt.Errorf("%w heartbeat: %w", ErrDecode, err)
	}
	if err := h.Validate(); err != nil {
		return nil, err
	}
	if string(h.Service) != string(service) {
		return nil, fmt.Errorf("%w: heartbeat for another service", ErrInvalid)
	}
	if err := checkFresh(h.TimestampMs, now); err != nil {
		return nil, err
	}
	if from != "" {
		if id := h.PeerID(); id != from {
			return nil, fmt.Errorf("%w: heartbeat names %s, sent by %s", ErrWrongSigner, id, from)
		}
		return h, nil
	}
	if err := VerifyServiceHeartbeat(c, h); err != nil {
		return nil, err
	}
	return h, nil
}

// Validate checks every field of a demand without I/O, clock or
// signature (VerifyServiceDemand checks those).
func (d *ServiceDemand) Validate() error {
	if d == nil {
		return fmt.Errorf("%w: nil demand", ErrInvalid)
	}
	if d.Version != ServiceDemandVersion {
		return fmt.Errorf("%w: demand version %d, this node speaks %d", ErrUnknownVersion, d.Version, ServiceDemandVersion)
	}
	if err := validateCID(d.Service); err != nil {
		return fmt.Errorf("service: %w", err)
	}
	if _, err := validatePeer("client", d.PeerId); err != nil {
		return err
	}
	if len(d.Address) != 20 {
		return fmt.Errorf("%w: address is %d bytes, want 20", ErrInvalid, len(d.Address))
	}
	if d.MaxPrice != "" {
		if err := validateWei(d.MaxPrice); err != nil {
			return fmt.Errorf("demand max price: %w", err)
		}
	}
	if d.TimestampMs <= 0 {
		return fmt.Errorf("%w: demand needs timestamp_ms", ErrInvalid)
	}
	return validateSig(d.Signature)
}

// PeerID returns the client's peer ID (empty if malformed).
func (d *ServiceDemand) PeerID() peer.ID { id, _ := peer.IDFromBytes(d.PeerId); return id }

var serviceDemandTypeHash = identity.TypeHash("ServiceDemand(bytes32 bodyHash)")

// ServiceDemandDigest is the EIP-712 digest a demand's signature signs.
func ServiceDemandDigest(d *ServiceDemand) (common.Hash, error) {
	return offChainDigest(serviceDemandTypeHash, d, func(c *ServiceDemand) { c.Signature = nil })
}

// SignServiceDemand fills in version, peer ID and address from key and
// signs. Set every other field, timestamp included, first.
func SignServiceDemand(key *identity.Key, d *ServiceDemand) error {
	if d.Version == 0 {
		d.Version = ServiceDemandVersion
	}
	d.PeerId = []byte(key.PeerID())
	addr := key.Address()
	d.Address = addr[:]
	d.Signature = nil
	dg, err := ServiceDemandDigest(d)
	if err != nil {
		return err
	}
	if d.Signature, err = key.Sign(dg); err != nil {
		return fmt.Errorf("wire: sign demand: %w", err)
	}
	return nil
}

// VerifyServiceDemand validates d and checks that its address is its
// peer's and that the peer signed it, with recoveries memoized in c (nil:
// no memo).
func VerifyServiceDemand(c *identity.Cache, d *ServiceDemand) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if err := checkAddressOfCached(c, d.PeerID(), d.Address); err != nil {
		return err
	}
	dg, err := ServiceDemandDigest(d)
	if err != nil {
		return err
	}
	if err := c.Verify(dg, d.Signature, common.BytesToAddress(d.Address)); err != nil {
		return fmt.Errorf("%w: demand: %w", ErrWrongSigner, err)
	}
	return nil
}

// DecodeServiceDemand is the check a receiver of gossip on the demand
// topic of service runs: size, decode, Validate, the service named by the
// topic, freshness and the client's signature. from is as for
// DecodeServiceHeartbeat.
func DecodeServiceDemand(c *identity.Cache, data, service []byte, from peer.ID, now time.Time) (*ServiceDemand, error) {
	if len(data) > MaxServiceDemandSize {
		return nil, fmt.Errorf("%w: demand is %d bytes, limit %d", ErrFrameTooLarge, len(data), MaxServiceDemandSize)
	}
	d := new(ServiceDemand)
	if err := proto.Unmarshal(data, d); err != nil {
		return nil, fmt.Errorf("%w demand: %w", ErrDecode, err)
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	if string(d.Service) != string(service) {
		return nil, fmt.Errorf("%w: demand for another service", ErrInvalid)
	}
	if err := checkFresh(d.TimestampMs, now); err != nil {
		return nil, err
	}
	if from != "" {
		if id := d.PeerID(); id != from {
			return nil, fmt.Errorf("%w: demand names %s, sent by %s", ErrWrongSigner, id, from)
		}
		return d, nil
	}
	if err := VerifyServiceDemand(c, d); err != nil {
		return nil, err
	}
	return d, nil
}

// Validate checks a session open.
func (o *StreamOpen) Validate() error {
	if o == nil {
		return fmt.Errorf("%w: nil stream open", ErrInvalid)
	}
	if o.Version != StreamVersion {
		return fmt.Errorf("%w: stream version %d, this node speaks %d", ErrUnknownVersion, o.Version, StreamVersion)
	}
	if err := validateCID(o.Service); err != nil {
		return fmt.Errorf("service: %w", err)
	}
	if len(o.Session) != StreamSessionLen {
		return fmt.Errorf("%w: session is %d bytes, want %d", ErrInvalid, len(o.Session), StreamSessionLen)
	}
	if err := validateWei(o.MaxPrice); err != nil {
		return fmt.Errorf("max price: %w", err)
	}
	if len(o.BlockHash) != 0 && len(o.BlockHash) != 32 {
		return fmt.Errorf("%w: block_hash is %d bytes, want 0 or 32", ErrInvalid, len(o.BlockHash))
	}
	if err := validateWei(o.PaidBase); err != nil {
		return fmt.Errorf("paid base: %w", err)
	}
	return nil
}

// Validate checks a provider's answer to StreamOpen.
func (a *StreamAccept) Validate() error {
	if a == nil {
		return fmt.Errorf("%w: nil stream accept", ErrInvalid)
	}
	if a.Version != StreamVersion {
		return fmt.Errorf("%w: stream version %d, this node speaks %d", ErrUnknownVersion, a.Version, StreamVersion)
	}
	if len(a.Reason) > MaxReasonLen {
		return fmt.Errorf("%w: reason is %d bytes, limit %d", ErrInvalid, len(a.Reason), MaxReasonLen)
	}
	if !a.Accepted {
		return nil
	}
	if err := validateWei(a.Price); err != nil {
		return fmt.Errorf("price: %w", err)
	}
	if err := validateWei(a.CreditLimit); err != nil {
		return fmt.Errorf("credit limit: %w", err)
	}
	if a.Window < 1 || a.Window > MaxStreamSlots {
		return fmt.Errorf("%w: window %d, want 1..%d", ErrInvalid, a.Window, MaxStreamSlots)
	}
	return nil
}

// Validate checks a client frame after StreamOpen.
func (m *StreamClientMsg) Validate() error {
	switch {
	case m.GetRequest() != nil:
		r := m.GetRequest()
		if r.Seq == 0 {
			return fmt.Errorf("%w: request seq 0", ErrInvalid)
		}
		if len(r.Input) == 0 || len(r.Input) > MaxStreamPayload {
			return fmt.Errorf("%w: input is %d bytes, want 1..%d", ErrInvalid, len(r.Input), MaxStreamPayload)
		}
		return nil
	case m.GetVoucher() != nil:
		v := m.GetVoucher()
		if len(v.Client) != 20 || len(v.Payee) != 20 {
			return fmt.Errorf("%w: voucher addresses must be 20 bytes", ErrInvalid)
		}
		if err := validateWei(v.CumulativeAmount); err != nil {
			return fmt.Errorf("voucher: %w", err)
		}
		return validateSig(v.Signature)
	}
	return fmt.Errorf("%w: empty stream frame", ErrInvalid)
}

// Validate checks a provider frame.
func (m *StreamProviderMsg) Validate() error {
	switch {
	case m.GetAccept() != nil:
		return m.GetAccept().Validate()
	case m.GetResponse() != nil:
		r := m.GetResponse()
		if r.Seq == 0 {
			return fmt.Errorf("%w: response seq 0", ErrInvalid)
		}
		if len(r.Reason) > MaxReasonLen {
			return fmt.Errorf("%w: reason is %d bytes, limit %d", ErrInvalid, len(r.Reason), MaxReasonLen)
		}
		if _, ok := StreamErrorCode_name[int32(r.Error)]; !ok {
			return fmt.Errorf("%w: error code %d", ErrInvalid, r.Error)
		}
		if r.Error != StreamErrorCode_STREAM_OK {
			return nil
		}
		if len(r.Output) == 0 || len(r.Output) > MaxStreamPayload {
			return fmt.Errorf("%w: output is %d bytes, want 1..%d", ErrInvalid, len(r.Output), MaxStreamPayload)
		}
		return validateSig(r.CommitmentSig)
	case m.GetStop() != nil:
		s := m.GetStop()
		if len(s.Reason) > MaxReasonLen {
			return fmt.Errorf("%w: reason is %d bytes, limit %d", ErrInvalid, len(s.Reason), MaxReasonLen)
		}
		if _, ok := StreamErrorCode_name[int32(s.Code)]; !ok {
			return fmt.Errorf("%w: stop code %d", ErrInvalid, s.Code)
		}
		return nil
	}
	return fmt.Errorf("%w: empty stream frame", ErrInvalid)
}

// DecodeStreamOpen decodes and validates the first frame of a session.
func DecodeStreamOpen(data []byte) (*StreamOpen, error) {
	if len(data) > MaxStreamOpenSize {
		return nil, fmt.Errorf("%w: stream open is %d bytes, limit %d", ErrFrameTooLarge, len(data), MaxStreamOpenSize)
	}
	o := new(StreamOpen)
	if err := proto.Unmarshal(data, o); err != nil {
		return nil, fmt.Errorf("%w stream open: %w", ErrDecode, err)
	}
	return o, o.Validate()
}

// DecodeStreamClientMsg decodes and validates one client frame.
func DecodeStreamClientMsg(data []byte) (*StreamClientMsg, error) {
	m := new(StreamClientMsg)
	if err := proto.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("%w stream frame: %w", ErrDecode, err)
	}
	return m, m.Validate()
}

// DecodeStreamProviderMsg decodes and validates one provider frame.
func DecodeStreamProviderMsg(data []byte) (*StreamProviderMsg, error) {
	m := new(StreamProviderMsg)
	if err := proto.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("%w stream frame: %w", ErrDecode, err)
	}
	return m, m.Validate()
}
