package node

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"net/http"
	"sort"
	"time"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market/stream"
	"github.com/ogpu/ogpu/p2p/typed"
)

// WithStreamConfig lets simulations and library users adjust the
// streaming component's config (heartbeat period, fault injection, money
// hooks) before Start builds it.
func WithStreamConfig(f func(*stream.Config)) Option { return func(o *options) { o.stream = f } }

// Serve serves a streaming service on this node (provider role): it
// fetches the model, announces the service and answers sessions until the
// returned Serving is stopped or the node closes. ctx bounds the setup.
func (n *Node) Serve(ctx context.Context, spec stream.ServiceSpec) (*stream.Serving, error) {
	s, err := n.streamsRunning()
	if err != nil {
		return nil, err
	}
	return s.Serve(ctx, spec)
}

// OpenStream opens a session with service id ("<workload>:<model CID>"):
// it returns once a provider is known. Close the session when done; the
// node closes what is left open.
func (n *Node) OpenStream(ctx context.Context, serviceID string, opts stream.SessionOptions) (*stream.Session, error) {
	s, err := n.streamsRunning()
	if err != nil {
		return nil, err
	}
	return s.Open(ctx, serviceID, opts)
}

// Streams returns the node's streaming component (nil before Start).
func (n *Node) Streams() *stream.Streams {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.streams
}

func (n *Node) streamsRunning() (*stream.Streams, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch {
	case n.state == stateClosed:
		return nil, ErrClosed
	case n.state != stateRunning || n.streams == nil:
		return nil, ErrNotStarted
	}
	return n.streams, nil
}

// startStreams builds and starts the streaming component on the node's
// network and content store, and registers its API routes. Called by
// Start with n.mu held, after the market (which starts the content store).
func (n *Node) startStreams(ctx context.Context) error {
	reg := exec.DefaultRegistry()
	cfg := stream.Config{
		Net: n.net, Key: n.key, Content: n.content, Workloads: reg,
		SigCache: sigCache(n.opts.sigs), Now: n.opts.now, Logger: n.log,
	}
	// Money (pay.go): vouchers and commitments in the settlement domain,
	// the award block from the chain head, vouchers to the settler, lies
	// into the reputation table and to a verification committee (whose
	// proof the settler turns into a slash), and the market's persistent
	// voucher ledger. Without a chain, streams run unpaid off-chain
	// (vouchers are kept in memory) and lies are only recorded.
	mo := n.money
	cfg.Reputation = mo.rep.Score
	if mo.verifier != nil {
		// Pending frauds persist in the node's database; the worker is
		// stopped after the streams (closers run backwards).
		if err := mo.frauds.start(mo.verifier, func() bool { return len(n.verifiers()) > 0 }, n.db, n.opts.now, n.log); err != nil {
			return err
		}
		n.closers = append(n.closers, mo.frauds.close)
	}
	cfg.OnFraud = func(f stream.Fraud) {
		mo.rep.Lie(f.Provider)
		n.log.Warn("stream: provider returned a wrong output", "provider", f.Provider, "service", f.Service.ID(), "seq", f.Seq, "detail", f.Detail)
		mo.frauds.submit(f)
	}
	if mo.chain != nil {
		cfg.Domain = mo.chain.Domain()
		cfg.Head = mo.head.Head
	}
	if st := mo.settler; st != nil {
		cfg.Redeem = func(v typed.SignedVoucher) error { return st.Enqueue(v) }
	}
	if n.market != nil {
		// One ledger per (client, payee) pair for batch and stream
		// payments alike, persisted with the market's money tables.
		if l := n.market.VoucherLedger(); l != nil {
			cfg.Ledger = l
		}
	}
	if n.cfg.Has(RoleProvider) {
		cpu := exec.NewCPU(exec.CPUConfig{Registry: reg, Logger: n.log})
		cfg.Runner = cpu
		n.closers = append(n.closers, cpu.Close)
	}
	if n.opts.stream != nil {
		n.opts.stream(&cfg)
	}
	s, err := stream.New(cfg)
	if err != nil {
		return err
	}
	if err := s.Start(ctx); err != nil {
		return err
	}
	n.streams = s
	n.closers = append(n.closers, s.Close)
	if n.api != nil {
		n.api.handle("GET /v1/services", n.api.listServices)
		n.api.handle("POST /v1/services", n.api.serveService)
		n.api.handle("DELETE /v1/services/{id}", n.api.stopService)
		n.api.handle("POST /v1/stream", n.api.runStream)
	}
	return nil
}

// ServeRequest is the body of POST /v1/services.
type ServeRequest struct {
	Workload    string `json:"workload"`
	Model       string `json:"model"` // CID
	Price       string `json:"price"` // wei per request
	Slots       int    `json:"slots,omitempty"`
	Window      int    `json:"window,omitempty"`
	CreditLimit string `json:"credit_limit,omitempty"` // wei
	// Auto registers the service on standby (Node.Standby): served only
	// while demand is high. The four keys after it tune its
	// stream.DemandPolicy (zero: the default; min_providers -1: none).
	Auto         bool    `json:"auto,omitempty"`
	JoinLoad     float64 `json:"join_load,omitempty"`
	LeaveLoad    float64 `json:"leave_load,omitempty"`
	MinProviders int     `json:"min_providers,omitempty"`
	HoldS        float64 `json:"hold_s,omitempty"`
}

// StreamRequest is the body of POST /v1/stream: the daemon opens a
// session, sends the inputs (each Repeat times, at Rate requests per
// second when set) and answers with NDJSON: one StreamLine per request as
// it is answered, then one with Summary set.
type StreamRequest struct {
	Service  string   `json:"service"`
	Inputs   [][]byte `json:"inputs"` // base64 in JSON
	Repeat   int      `json:"repeat,omitempty"`
	Rate     float64  `json:"rate,omitempty"`
	MaxPrice string   `json:"max_price,omitempty"`
	Ordered  bool     `json:"ordered,omitempty"`
	Outputs  bool     `json:"outputs,omitempty"` // include outputs in the lines
}

// StreamLine is one line of the POST /v1/stream answer.
type StreamLine struct {
	Seq       uint64         `json:"seq,omitempty"`
	LatencyMS float64        `json:"latency_ms,omitempty"`
	Provider  string         `json:"provider,omitempty"`
	Attempts  int            `json:"attempts,omitempty"`
	Output    []byte         `json:"output,omitempty"`
	Error     string         `json:"error,omitempty"`
	Summary   *StreamSummary `json:"summary,omitempty"`
}

// StreamSummary ends a POST /v1/stream answer.
type StreamSummary struct {
	Session      string       `json:"session"`
	Requests     int          `json:"requests"`
	Answered     int64        `json:"answered"`
	Failed       int64        `json:"failed"`
	Failovers    int64        `json:"failovers"`
	ElapsedS     float64      `json:"elapsed_s"`
	RequestsPerS float64      `json:"requests_per_s"`
	LatencyMS    LatencyStats `json:"latency_ms"`
	Paid         string       `json:"paid_wei"`
	Checked      int64        `json:"checked"`
	Caught       int64        `json:"caught"`
	Error        string       `json:"error,omitempty"`
}

// LatencyStats are percentiles in milliseconds.
type LatencyStats struct {
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
}

// Latencies summarizes a list of latencies.
func Latencies(ds []time.Duration) LatencyStats {
	if len(ds) == 0 {
		return LatencyStats{}
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	at := func(q float64) float64 {
		d := s[min(len(s)-1, max(0, int(math.Ceil(q*float64(len(s))))-1))]
		return math.Round(float64(d)/float64(time.Millisecond)*1000) / 1000
	}
	return LatencyStats{P50: at(0.5), P95: at(0.95), P99: at(0.99), Max: at(1)}
}

func (a *api) listServices(w http.ResponseWriter, _ *http.Request) {
	s, err := a.n.streamsRunning()
	if err != nil {
		writeErr(w, http.StatusServiceUnavailable, err)
		return
	}
	writeJSON(w, http.StatusOK, s.Services())
}

func (a *api) runStream(w http.ResponseWriter, r *http.Request) {
	var req StreamRequest
	dec := json.NewDecoder(io.LimitReader(r.Body, 256<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeErr(w, http.StatusBadRequest, fmt.Errorf("bad stream request: %w", err))
		return
	}
	if len(req.Inputs) == 0 {
		writeErr(w, http.StatusBadRequest, errors.New("no inputs"))
		return
	}
	opts := stream.SessionOptions{Ordered: req.Ordered}
	if req.MaxPrice != "" {
		p, ok := new(big.Int).SetString(req.MaxPrice, 10)
		if !ok {
			writeErr(w, http.StatusBadRequest, fmt.Errorf("max_price %q is not an amount of wei", req.MaxPrice))
			return
		}
		opts.MaxPrice = p
	}
	ctx := r.Context()
	ss, err := a.n.OpenStream(ctx, req.Service, opts)
	if err != nil {
		code := http.StatusInternalServerError
		if errors.Is(err, stream.ErrBadService) {
			code = http.StatusBadRequest
		} else if errors.Is(err, stream.ErrNoProviders) {
			code = http.StatusNotFound
		}
		writeErr(w, code, err)
		return
	}
	defer ss.Close()
	total := len(req.Inputs) * max(1, req.Repeat)
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	flush := func() {
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
	}
	sendErr := make(chan error, 1)
	go func() { // owned: the handler waits for it below
		var tick *time.Ticker
		if req.Rate > 0 {
			tick = time.NewTicker(time.Duration(float64(time.Second) / req.Rate))
			defer tick.Stop()
		}
		for i := range total {
			if tick != nil && i > 0 {
				select {
				case <-tick.C:
				case <-ctx.Done():
					sendErr <- ctx.Err()
					return
				}
			}
			if _, err := ss.Send(ctx, req.Inputs[i%len(req.Inputs)]); err != nil {
				sendErr <- err
				return
			}
		}
		sendErr <- nil
	}()
	start := time.Now()
	var lats []time.Duration
	var runErr error
	for got := 0; got < total && runErr == nil; {
		select {
		case res := <-ss.Results():
			got++
			line := StreamLine{Seq: res.Seq, LatencyMS: float64(res.Latency) / float64(time.Millisecond), Provider: res.Provider.String(), Attempts: res.Attempts}
			if res.Err != nil {
				line.Error = res.Err.Error()
			} else {
				lats = append(lats, res.Latency)
				if req.Outputs {
					line.Output = res.Output
				}
			}
			enc.Encode(line)
			flush()
		case <-ctx.Done():
			runErr = ctx.Err()
		}
	}
	elapsed := time.Since(start)
	ss.Close() // pays the rest; unblocks the sender
	if err := <-sendErr; err != nil && runErr == nil && !errors.Is(err, stream.ErrClosed) {
		runErr = err
	}
	st := ss.Stats()
	sum := &StreamSummary{
		Session: ss.ID(), Requests: total, Answered: st.Answered, Failed: st.Failed, Failovers: st.Failovers,
		ElapsedS: elapsed.Seconds(), LatencyMS: Latencies(lats), Paid: st.Paid.String(), Checked: st.Checked, Caught: st.Caught,
	}
	if elapsed > 0 {
		sum.RequestsPerS = math.Round(float64(st.Answered)/elapsed.Seconds()*10) / 10
	}
	if runErr != nil {
		sum.Error = runErr.Error()
	}
	enc.Encode(StreamLine{Summary: sum})
}
