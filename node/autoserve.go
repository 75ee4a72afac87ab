package node

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/ogpu/ogpu/market/stream"
)

// Standby registers spec as a service this node serves on demand
// (provider role): it fetches and pins the model, watches the service's
// heartbeats and joins the service while its providers are busy, leaving
// again when demand drops (stream.DemandPolicy). It lasts until the
// returned Standby is stopped or the node closes. ctx bounds the setup.
func (n *Node) Standby(ctx context.Context, spec stream.ServiceSpec, pol stream.DemandPolicy) (*stream.Standby, error) {
	s, err := n.streamsRunning()
	if err != nil {
		return nil, err
	}
	return s.Standby(ctx, spec, pol)
}

// autoPolicy is the demand policy of a POST /v1/services body. It returns
// ok false when the body asks for no standby.
func (req *ServeRequest) autoPolicy() (pol stream.DemandPolicy, ok bool, err error) {
	set := req.JoinLoad != 0 || req.LeaveLoad != 0 || req.MinProviders != 0 || req.HoldS != 0
	if !req.Auto {
		if set {
			return pol, false, errors.New("join_load, leave_load, min_providers and hold_s need \"auto\": true")
		}
		return pol, false, nil
	}
	if req.HoldS < 0 || math.IsNaN(req.HoldS) || math.IsInf(req.HoldS, 0) || req.HoldS > 24*3600 {
		return pol, false, fmt.Errorf("hold_s %v is not a number of seconds in [0, 86400]", req.HoldS)
	}
	pol = stream.DemandPolicy{
		JoinLoad: req.JoinLoad, LeaveLoad: req.LeaveLoad, MinProviders: req.MinProviders,
		Hold: time.Duration(req.HoldS * float64(time.Second)),
	}
	return pol, true, nil
}
