package node

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"sync"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/ogpu/ogpu/market/stream"
	"github.com/ogpu/ogpu/store"
)

// Services registered through the API (POST /v1/services, ogpu serve) are
// the operator's standing intent: they are written to the services table
// and served again after a restart, until DELETE /v1/services/{id} (ogpu
// serve --stop) removes them. Library callers of Node.Serve and
// Node.Standby own their services' lifetime and are not persisted.
const (
	servicesTable = "services"
	// serviceSetup bounds one Serve or Standby call (the model fetch).
	serviceSetup = 5 * time.Minute
	// serviceRetry is the first wait before a restored service that could
	// not start is tried again; it doubles up to serviceRetryMax.
	serviceRetry    = 5 * time.Second
	serviceRetryMax = 5 * time.Minute
)

// serviceRecord is a row of the services table, keyed by service ID.
type serviceRecord struct {
	Request ServeRequest `json:"request"`
	Added   time.Time    `json:"added"`
}

// spec checks a POST /v1/services body and returns the service spec and,
// with "auto", the demand policy.
func (req *ServeRequest) spec() (spec stream.ServiceSpec, pol stream.DemandPolicy, auto bool, err error) {
	model, err := cid.Decode(req.Model)
	if err != nil {
		return spec, pol, false, fmt.Errorf("%w: model cid %q: %w", stream.ErrBadService, req.Model, err)
	}
	price, ok := new(big.Int).SetString(req.Price, 10)
	if !ok || price.Sign() < 0 {
		return spec, pol, false, fmt.Errorf("%w: price %q is not an amount of wei", stream.ErrBadService, req.Price)
	}
	spec = stream.ServiceSpec{Workload: req.Workload, Model: model, Price: price, Slots: req.Slots, Window: req.Window}
	if req.CreditLimit != "" {
		if spec.CreditLimit, ok = new(big.Int).SetString(req.CreditLimit, 10); !ok || spec.CreditLimit.Sign() < 0 {
			return spec, pol, false, fmt.Errorf("%w: credit_limit %q is not an amount of wei", stream.ErrBadService, req.CreditLimit)
		}
	}
	if pol, auto, err = req.autoPolicy(); err != nil {
		return spec, pol, false, fmt.Errorf("%w: %w", stream.ErrBadPolicy, err)
	}
	return spec, pol, auto, nil
}

// serve starts what req asks for (Serve, or Standby with "auto") and
// returns its entry of GET /v1/services.
func (n *Node) serve(ctx context.Context, req ServeRequest) (stream.ServingInfo, error) {
	spec, pol, auto, err := req.spec()
	if err != nil {
		return stream.ServingInfo{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, serviceSetup)
	defer cancel()
	if !auto {
		sv, err := n.Serve(ctx, spec)
		if err != nil {
			return stream.ServingInfo{}, err
		}
		info := sv.Info()
		info.State = stream.StateServing
		return info, nil
	}
	sb, err := n.Standby(ctx, spec, pol)
	if err != nil {
		return stream.ServingInfo{}, err
	}
	for _, in := range n.Streams().Services() {
		if in.Service == sb.Service().ID() {
			return in, nil
		}
	}
	return stream.ServingInfo{}, errors.New("node: standby registered but not listed (stopped meanwhile?)")
}

func (n *Node) servicesTable() (*store.Table, error) { return n.db.Table(servicesTable) }

// serviceCode is the HTTP status of a Serve, Standby or Stop error.
func serviceCode(err error) int {
	switch {
	case errors.Is(err, stream.ErrBadService), errors.Is(err, stream.ErrBadPolicy),
		errors.Is(err, stream.ErrAlreadyServing), errors.Is(err, stream.ErrNotProvider):
		return http.StatusBadRequest
	case errors.Is(err, stream.ErrNotServing):
		return http.StatusNotFound
	case errors.Is(err, ErrClosed), errors.Is(err, ErrNotStarted):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// serveService is POST /v1/services: serve (or stand by for) a service,
// and remember it across restarts.
func (a *api) serveService(w http.ResponseWriter, r *http.Request) {
	var req ServeRequest
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeErr(w, http.StatusBadRequest, fmt.Errorf("bad serve request: %w", err))
		return
	}
	info, err := a.n.serve(r.Context(), req)
	if err != nil {
		writeErr(w, serviceCode(err), err)
		return
	}
	b, err := json.Marshal(serviceRecord{Request: req, Added: a.n.opts.now()})
	if err == nil {
		var t *store.Table
		if t, err = a.n.servicesTable(); err == nil {
			err = t.Put([]byte(info.Service), b)
		}
	}
	if err != nil {
		// Served now, but not after a restart: say so rather than pretend.
		a.n.log.Error("serve: cannot remember the service for restarts", "service", info.Service, "err", err)
		writeErr(w, http.StatusInternalServerError, fmt.Errorf("serving %s, but it will not be served again after a restart: %w", info.Service, err))
		return
	}
	writeJSON(w, http.StatusOK, info)
}

// stopService is DELETE /v1/services/{id}: stop serving (or standing by
// for) a service and forget it. A service remembered but not running
// (its restore still retrying) is forgotten all the same.
func (a *api) stopService(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, err := stream.ParseService(id); err != nil {
		writeErr(w, http.StatusBadRequest, err)
		return
	}
	s, err := a.n.streamsRunning()
	if err != nil {
		writeErr(w, http.StatusServiceUnavailable, err)
		return
	}
	t, err := a.n.servicesTable()
	if err != nil {
		writeErr(w, http.StatusInternalServerError, err)
		return
	}
	remembered, err := t.Has([]byte(id))
	if err != nil {
		writeErr(w, http.StatusInternalServerError, err)
		return
	}
	if err := t.Delete([]byte(id)); err != nil {
		writeErr(w, http.StatusInternalServerError, fmt.Errorf("forget %s: %w", id, err))
		return
	}
	// Not served but remembered: its restore was still retrying.
	if err := s.Stop(id); err != nil && !(remembered && errors.Is(err, stream.ErrNotServing)) {
		writeErr(w, serviceCode(err), err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"stopped": id})
}

// restoreServices serves again, after a restart, the services the
// services table remembers: in the background, retrying those that cannot
// start yet (model not reachable before the node has peers) until they do,
// DELETE removes their row, or the node closes. Called by Start with n.mu
// held, before the node is running.
func (n *Node) restoreServices() error {
	t, err := n.servicesTable()
	if err != nil {
		return err
	}
	type row struct {
		id  string
		rec serviceRecord
	}
	var rows []row
	bad := 0
	err = t.Iterate(nil, func(k, v []byte) error {
		var rec serviceRecord
		if json.Unmarshal(v, &rec) != nil {
			bad++
			return nil
		}
		rows = append(rows, row{string(k), rec})
		return nil
	})
	if err != nil {
		return fmt.Errorf("node: load services: %w", err)
	}
	if bad > 0 {
		n.log.Warn("skipped unreadable remembered services", "count", bad)
	}
	if len(rows) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	n.closers = append(n.closers, func() error {
		cancel()
		wg.Wait()
		return nil
	})
	n.log.Info("serving remembered services again", "count", len(rows))
	for _, r := range rows {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n.restoreService(ctx, t, r.id, r.rec.Request)
		}()
	}
	return nil
}

func (n *Node) restoreService(ctx context.Context, t *store.Table, id string, req ServeRequest) {
	log := n.log.With("service", id)
	// The row is the operator's intent: DELETE removes it.
	remembered := func() bool {
		ok, err := t.Has([]byte(id))
		return ok || err != nil
	}
	wait := serviceRetry
	for attempt := 1; ; attempt++ {
		if !remembered() {
			return
		}
		info, err := n.serve(ctx, req)
		switch {
		case err == nil:
			if !remembered() { // DELETE raced the start
				if s, serr := n.streamsRunning(); serr == nil {
					s.Stop(id)
				}
				return
			}
			log.Info("serving a remembered service", "state", info.State, "attempt", attempt)
			return
		case errors.Is(err, stream.ErrAlreadyServing):
			return
		case ctx.Err() != nil || errors.Is(err, ErrClosed) || errors.Is(err, stream.ErrClosed):
			return
		case errors.Is(err, stream.ErrBadService), errors.Is(err, stream.ErrBadPolicy), errors.Is(err, stream.ErrNotProvider):
			log.Error("a remembered service cannot be served; remove it with 'ogpu serve --stop'", "err", err)
			return
		}
		log.Warn("a remembered service could not start; retrying", "err", err, "attempt", attempt, "in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, serviceRetryMax)
	}
}
