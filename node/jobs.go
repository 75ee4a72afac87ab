package node

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"path/filepath"
	"slices"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/p2p/content"
)

// Submit submits a batch job: the inputs are stored, the job is signed,
// split into tasks and auctioned. It returns once the job is persisted;
// Wait returns its result.
func (n *Node) Submit(ctx context.Context, spec market.JobSpec) (market.JobID, error) {
	m, err := n.jobs()
	if err != nil {
		return market.JobID{}, err
	}
	return m.Submit(ctx, spec)
}

// Wait blocks until job id is done (its result CID) or failed, or ctx ends.
// A job that nobody would serve fails with a *market.NoBidError listing
// each provider's reason.
func (n *Node) Wait(ctx context.Context, id market.JobID) (market.JobResult, error) {
	m, err := n.jobs()
	if err != nil {
		return market.JobResult{}, err
	}
	return m.Wait(ctx, id)
}

// Job returns the persisted state of one of this node's jobs.
func (n *Node) Job(id market.JobID) (market.JobInfo, error) {
	m, err := n.jobs()
	if err != nil {
		return market.JobInfo{}, err
	}
	return m.Job(id)
}

// Jobs lists this node's jobs, newest first.
func (n *Node) Jobs() ([]market.JobInfo, error) {
	m, err := n.jobs()
	if err != nil {
		return nil, err
	}
	return m.Jobs()
}

// Events returns a channel of market events (submitted, bid, awarded,
// delivered, accepted, reassigned, done, failed). A slow reader misses
// events; the channel closes when the node closes.
func (n *Node) Events() <-chan market.Event {
	m, err := n.jobs()
	if err != nil {
		ch := make(chan market.Event)
		close(ch)
		return ch
	}
	return m.Events()
}

// Market returns the node's batch market (nil before Start).
func (n *Node) Market() *market.Market {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.market
}

func (n *Node) jobs() (*market.Market, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch {
	case n.state == stateClosed:
		return nil, ErrClosed
	case n.state != stateRunning || n.market == nil:
		return nil, ErrNotStarted
	}
	return n.market, nil
}

// SubmitRequest is the body of POST /v1/jobs.
type SubmitRequest struct {
	Workload     string              `json:"workload"`
	Params       map[string]string   `json:"params,omitempty"`
	InputCIDs    []string            `json:"input_cids,omitempty"` // from POST /v1/content
	MaxPrice     string              `json:"max_price"`            // wei per task
	Shards       int                 `json:"shards,omitempty"`
	Timeout      Duration            `json:"timeout,omitempty"`
	Verification string              `json:"verification,omitempty"`
	Requirements market.Requirements `json:"requirements"`
}

// SubmitResponse is the answer to POST /v1/jobs.
type SubmitResponse struct {
	ID market.JobID `json:"id"`
}

// AddResponse is the answer to POST /v1/content.
type AddResponse struct {
	CID  string `json:"cid"`
	Size int    `json:"size"`
}

// maxUpload bounds POST /v1/content bodies.
const maxUpload = 1 << 30

func (a *api) jobRoutes() {
	a.handle("POST /v1/jobs", a.submitJob)
	a.handle("GET /v1/jobs", a.listJobs)
	a.handle("GET /v1/jobs/{id}", a.getJob)
	a.handle("POST /v1/content", a.addContent)
	a.handle("GET /v1/content/{cid}", a.getContent)
}

func (a *api) submitJob(w http.ResponseWriter, r *http.Request) {
	var req SubmitRequest
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeErr(w, http.StatusBadRequest, fmt.Errorf("bad job request: %w", err))
		return
	}
	price, ok := new(big.Int).SetString(req.MaxPrice, 10)
	if !ok {
		writeErr(w, http.StatusBadRequest, fmt.Errorf("max_price %q is not an integer amount of wei", req.MaxPrice))
		return
	}
	spec := market.JobSpec{
		Workload: req.Workload, Params: req.Params, MaxPrice: price, Shards: req.Shards,
		Timeout: req.Timeout.D(), Verification: req.Verification, Requirements: req.Requirements,
	}
	for _, s := range req.InputCIDs {
		c, err := cid.Decode(s)
		if err != nil {
			writeErr(w, http.StatusBadRequest, fmt.Errorf("input cid %q: %w", s, err))
			return
		}
		spec.InputCIDs = append(spec.InputCIDs, c)
	}
	id, err := a.n.Submit(r.Context(), spec)
	if err != nil {
		code := http.StatusInternalServerError
		if errors.Is(err, market.ErrBadJob) || errors.Is(err, market.ErrNotClient) {
			code = http.StatusBadRequest
		}
		writeErr(w, code, err)
		return
	}
	writeJSON(w, http.StatusAccepted, SubmitResponse{ID: id})
}

func (a *api) listJobs(w http.ResponseWriter, _ *http.Request) {
	js, err := a.n.Jobs()
	if err != nil {
		writeErr(w, http.StatusInternalServerError, err)
		return
	}
	if js == nil {
		js = []market.JobInfo{}
	}
	writeJSON(w, http.StatusOK, js)
}

func (a *api) getJob(w http.ResponseWriter, r *http.Request) {
	id, err := market.ParseJobID(r.PathValue("id"))
	if err != nil {
		writeErr(w, http.StatusBadRequest, err)
		return
	}
	info, err := a.n.Job(id)
	if errors.Is(err, market.ErrUnknownJob) {
		writeErr(w, http.StatusNotFound, err)
		return
	}
	if err != nil {
		writeErr(w, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, http.StatusOK, info)
}

func (a *api) addContent(w http.ResponseWriter, r *http.Request) {
	b, err := io.ReadAll(io.LimitReader(r.Body, maxUpload+1))
	if err != nil {
		writeErr(w, http.StatusBadRequest, err)
		return
	}
	if len(b) > maxUpload {
		writeErr(w, http.StatusRequestEntityTooLarge, fmt.Errorf("upload over %d bytes", maxUpload))
		return
	}
	cs, err := a.n.contentStore()
	if err != nil {
		writeErr(w, http.StatusServiceUnavailable, err)
		return
	}
	c, err := cs.AddBytes(r.Context(), b)
	if err != nil {
		writeErr(w, http.StatusInternalServerError, err)
		return
	}
	// Like 'ipfs add', what the user adds stays until the user unpins it:
	// content GC never takes it, whatever happens to the jobs using it.
	if err := cs.Pin(r.Context(), c); err != nil {
		writeErr(w, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, http.StatusOK, AddResponse{CID: c.String(), Size: len(b)})
}

func (a *api) getContent(w http.ResponseWriter, r *http.Request) {
	c, err := cid.Decode(r.PathValue("cid"))
	if err != nil {
		writeErr(w, http.StatusBadRequest, fmt.Errorf("bad cid: %w", err))
		return
	}
	cs, err := a.n.contentStore()
	if err != nil {
		writeErr(w, http.StatusServiceUnavailable, err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), time.Minute)
	defer cancel()
	b, err := cs.Get(ctx, c, maxUpload)
	if err != nil {
		writeErr(w, http.StatusNotFound, err)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(b)
}

// startMarket starts the content store (bitswap on the node's host) and
// the batch market on top of it, and registers the job and content API
// routes. Called by Start with n.mu held, after the network is up.
func (n *Node) startMarket(ctx context.Context) error {
	ccfg := content.Config{Host: n.net.Host(), InMemory: n.cfg.InMemory, Logger: n.log, Now: n.opts.now}
	if !n.cfg.InMemory {
		ccfg.Dir = filepath.Join(n.cfg.DataDir, "blocks")
	} else {
		t := content.InMemory()
		ccfg.Tuning = &t
	}
	cs, err := content.New(ccfg)
	if err != nil {
		return err
	}
	if err := cs.Start(ctx); err != nil {
		return err
	}
	n.content = cs
	n.closers = append(n.closers, cs.Close)
	if iv := n.cfg.Content.GCInterval.D(); iv > 0 {
		n.closers = append(n.closers, startGC(cs, iv, n.log))
	}

	reg := exec.DefaultRegistry()
	mcfg := market.Config{
		Net: n.net, Key: n.key, DB: n.db, Content: cs, Workloads: reg,
		Client: n.cfg.Has(RoleClient), Providers: n.providers, SigCache: sigCache(n.opts.sigs),
		Now: n.opts.now, Logger: n.log, Retention: -1,
	}
	if r := n.cfg.Market.Retention.D(); r > 0 {
		mcfg.Retention = r
	}
	if n.cfg.Has(RoleProvider) {
		mcfg.Runner = exec.NewCPU(exec.CPUConfig{Registry: reg, Logger: n.log})
		mcfg.Offer = n.offer
	}
	if err := n.startMoney(ctx, &mcfg, cs, reg); err != nil { // pay.go
		return err
	}
	m, err := market.New(mcfg)
	if err != nil {
		return err
	}
	if err := m.Start(ctx); err != nil {
		return err
	}
	n.market = m
	n.closers = append(n.closers, m.Close)
	n.marketStarted(m) // pay.go
	if n.api != nil {
		n.api.jobRoutes()
	}
	return nil
}

// startGC runs content GC every interval until the returned stop function
// is called; stop waits for a GC in progress. GC never takes a pinned
// block nor one being added or fetched (p2p/content).
func startGC(cs *content.Store, interval time.Duration, log *slog.Logger) (stop func() error) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if _, err := cs.GC(ctx); err != nil && ctx.Err() == nil {
					log.Warn("content gc", "err", err)
				}
			}
		}
	}()
	return func() error {
		cancel()
		<-done
		return nil
	}
}

// providers lists the peers whose capacity ads say they are providers.
func (n *Node) providers() []peer.ID {
	var out []peer.ID
	for _, e := range n.capacity.Table() {
		if slices.Contains(e.Roles, string(RoleProvider)) {
			out = append(out, e.PeerID)
		}
	}
	return out
}

// offer is what the provider sells, from the inventory and config.
func (n *Node) offer() market.Offer {
	r := n.resources()
	o := market.Offer{PriceFloor: r.PriceFloor, MemoryBytes: r.MemoryBytes}
	for _, g := range r.GPUs {
		o.GPUs = append(o.GPUs, market.OfferGPU{Name: g.Name, MemoryFree: g.MemoryFree})
	}
	return o
}

// Content returns the node's content store (nil before Start).
func (n *Node) Content() *content.Store {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.content
}

func (n *Node) contentStore() (*content.Store, error) {
	if cs := n.Content(); cs != nil {
		return cs, nil
	}
	return nil, ErrNotStarted
}
