package node

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
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

// serveStandby answers a POST /v1/services with "auto": the service's
// entry of GET /v1/services, state "standby".
func (a *api) serveStandby(w http.ResponseWriter, r *http.Request, spec stream.ServiceSpec, pol stream.DemandPolicy) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Minute)
	defer cancel()
	sb, err := a.n.Standby(ctx, spec, pol)
	if err != nil {
		code := http.StatusInternalServerError
		if errors.Is(err, stream.ErrBadService) || errors.Is(err, stream.ErrBadPolicy) ||
			errors.Is(err, stream.ErrAlreadyServing) || errors.Is(err, stream.ErrNotProvider) {
			code = http.StatusBadRequest
		}
		writeErr(w, code, err)
		return
	}
	for _, in := range a.n.Streams().Services() {
		if in.Service == sb.Service().ID() {
			writeJSON(w, http.StatusOK, in)
			return
		}
	}
	writeErr(w, http.StatusInternalServerError, errors.New("standby registered but not listed (stopped meanwhile?)"))
}
