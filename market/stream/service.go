package stream

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/ipfs/go-cid"

	"github.com/ogpu/ogpu/p2p/wire"
)

// Service is what a stream serves: a workload and the CID of its model.
// Its ID, "<workload>:<model CID>", names the heartbeat topic
// (ogpu/svc/1/<id>); its CID (raw, sha2-256 of the ID) is the DHT key
// providers announce and the name sessions and commitments carry.
type Service struct {
	Workload string
	Model    cid.Cid
}

// ID is "<workload>:<model CID>".
func (s Service) ID() string { return s.Workload + ":" + s.Model.String() }

// CID is the service's content ID (wire.ServiceCID): raw codec, sha2-256
// of "ogpu/svc/1/" + ID().
func (s Service) CID() cid.Cid { return wire.ServiceCID(s.Workload, s.Model) }

// String is the ID.
func (s Service) String() string { return s.ID() }

// ParseService parses a service ID "<workload>:<model CID>".
func ParseService(id string) (Service, error) {
	w, m, ok := strings.Cut(id, ":")
	if !ok || w == "" {
		return Service{}, fmt.Errorf("%w: %q is not <workload>:<model CID>", ErrBadService, id)
	}
	c, err := cid.Decode(m)
	if err != nil {
		return Service{}, fmt.Errorf("%w: model cid %q: %w", ErrBadService, m, err)
	}
	return Service{Workload: w, Model: c}, nil
}

// ServiceSpec is what a provider serves and on what terms.
type ServiceSpec struct {
	// Workload, e.g. "mlp" (the only streaming workload so far). Required.
	Workload string
	// Model is the CID of the model blob, fetched over bitswap. Required.
	Model cid.Cid
	// Price per request in wei. Required (may be zero).
	Price *big.Int
	// Slots is how many requests run at once. Default 2.
	Slots int
	// Window is how many requests a session may have outstanding. Default 64.
	Window int
	// CreditLimit is the unpaid value (wei) after which a client's sessions
	// are stopped. Default (4 × Window) × Price.
	CreditLimit *big.Int
}

// Service returns the spec's service.
func (s ServiceSpec) Service() Service { return Service{Workload: s.Workload, Model: s.Model} }

func (s *ServiceSpec) defaults() error {
	if s.Workload == "" || !s.Model.Defined() {
		return fmt.Errorf("%w: spec needs a workload and a model CID", ErrBadService)
	}
	if s.Workload != "mlp" {
		return fmt.Errorf("%w: workload %q cannot stream (only mlp)", ErrBadService, s.Workload)
	}
	if s.Price == nil || s.Price.Sign() < 0 {
		return fmt.Errorf("%w: price must be set and ≥ 0", ErrBadService)
	}
	if s.Slots <= 0 {
		s.Slots = 2
	}
	if s.Window <= 0 {
		s.Window = 64
	}
	if s.CreditLimit == nil {
		s.CreditLimit = new(big.Int).Mul(s.Price, big.NewInt(int64(4*s.Window)))
	}
	return nil
}
