package node

import (
	"context"
	"math/big"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/ogpu/ogpu/market"
)

// Payments is the node's money as /metrics, /v1/payments and the dashboard
// show it. Amounts are decimal strings of wei.
type Payments struct {
	// Chain is false when no settlement chain is configured; the other
	// fields except Spent are then zero.
	Chain bool `json:"chain"`
	// Spent is what this node's accepted tasks cost as a client (the sum
	// of the awarded prices), settled or not. Always known.
	Spent string `json:"spent_wei"`
	// Earned is what this node was paid on chain as a provider or
	// verifier: settled vouchers of the clients in its capacity table,
	// plus slash rewards.
	Earned  string `json:"earned_wei"`
	Stake   string `json:"stake_wei"`
	Deposit string `json:"deposit_wei"`
	// The settlement queue: vouchers and evidence not yet on chain, and
	// whether a transaction is in flight.
	QueuedVouchers int  `json:"queued_vouchers"`
	QueuedEvidence int  `json:"queued_evidence"`
	InFlight       bool `json:"in_flight"`
	// Settled so far by this process.
	Batches  int    `json:"batches"`
	Settled  int    `json:"settled_vouchers"`
	Slashes  int    `json:"slashes"`
	GasUsed  uint64 `json:"gas_used"`
	Problems int    `json:"errors"`
}

// PaymentsSource is the payment loop as the operator surface reads it; the
// node's chain wiring provides one (WithPayments). It is called on every
// scrape and dashboard refresh, so it must be fast (cache chain reads) and
// safe for concurrent use; it fills every field but Spent.
type PaymentsSource interface {
	Payments(ctx context.Context) (Payments, error)
}

// WithPayments makes /metrics and the dashboard report src's settlement
// queue, earnings and stake. Without it a node with a chain reports its
// Settler and chain account (chainPayments), one without only spending.
func WithPayments(src PaymentsSource) Option { return func(o *options) { o.payments = src } }

// metrics is the node's Prometheus registry (never the global one): event
// counters fed from the market's event stream, and gauges read from the
// node's accessors at scrape time.
type metrics struct {
	n   *Node
	reg *prometheus.Registry

	bidsSent     prometheus.Counter
	bidsWon      prometheus.Counter
	bidsLost     prometheus.Counter
	provRan      prometheus.Counter
	auctionBids  prometheus.Counter
	auctionAward prometheus.Counter
	reassigned   prometheus.Counter

	mu      sync.Mutex
	running map[market.TaskID]bool // provider tasks between running and ran

	chain chainPayments // the default PaymentsSource when the node has a chain

	jobsMu sync.Mutex
	final  map[market.JobID]jobTally // tallies of finished jobs (they never change)
}

// jobTally is one client job as the metrics count it.
type jobTally struct {
	state market.JobState
	tasks map[market.TaskState]int
	spent *big.Int // awarded prices of its accepted tasks
}

func newMetrics(n *Node) *metrics {
	m := &metrics{n: n, reg: prometheus.NewRegistry(), running: map[market.TaskID]bool{}, final: map[market.JobID]jobTally{}}
	m.chain.n = n
	counter := func(name, help string) prometheus.Counter {
		c := prometheus.NewCounter(prometheus.CounterOpts{Namespace: "ogpu", Name: name, Help: help})
		m.reg.MustRegister(c)
		return c
	}
	m.bidsSent = counter("bids_sent_total", "Provider: bids this node sent to clients.")
	m.bidsWon = counter("bids_won_total", "Provider: bids of this node that won an award it accepted.")
	m.bidsLost = counter("bids_lost_total", "Provider: bids of this node that got no award within market.BidExpiry (30s).")
	m.provRan = counter("provider_tasks_ran_total", "Provider: tasks this node ran to the end.")
	m.auctionBids = counter("auction_bids_received_total", "Client: bids received in this node's auctions.")
	m.auctionAward = counter("auction_awards_total", "Client: awards made in this node's auctions.")
	m.reassigned = counter("tasks_reassigned_total", "Client: tasks moved to another provider after the winner failed.")
	m.reg.MustRegister(collector{m})
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// watch counts market events until the channel closes (the market closed).
// The caller owns the goroutine running it.
func (m *metrics) watch(events <-chan market.Event) {
	for ev := range events {
		switch ev.Kind {
		case market.EventBidSent:
			m.bidsSent.Inc()
		case market.EventBidWon:
			m.bidsWon.Inc()
		case market.EventBidLost:
			m.bidsLost.Inc()
		case market.EventRunning:
			m.mu.Lock()
			m.running[ev.Task] = true
			m.mu.Unlock()
		case market.EventRan:
			m.provRan.Inc()
			m.mu.Lock()
			delete(m.running, ev.Task)
			m.mu.Unlock()
		case market.EventBid:
			m.auctionBids.Inc()
		case market.EventAwarded:
			m.auctionAward.Inc()
		case market.EventReassigned:
			m.reassigned.Inc()
		}
	}
}

func (m *metrics) providerRunning() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.running)
}

var (
	descInfo          = prometheus.NewDesc("ogpu_node_info", "Identity of this node (value 1).", []string{"peer_id", "address"}, nil)
	descUptime        = prometheus.NewDesc("ogpu_uptime_seconds", "Seconds since the node started.", nil, nil)
	descPeers         = prometheus.NewDesc("ogpu_peers", "Connected libp2p peers.", nil, nil)
	descCapacity      = prometheus.NewDesc("ogpu_capacity_table_size", "Peers in the live capacity table.", nil, nil)
	descCapGPUs       = prometheus.NewDesc("ogpu_capacity_gpus", "GPUs advertised in the live capacity table.", nil, nil)
	descGPUUtil       = prometheus.NewDesc("ogpu_gpu_utilization_ratio", "Local GPU utilization (0..1) from the inventory.", []string{"gpu", "uuid"}, nil)
	descGPUFree       = prometheus.NewDesc("ogpu_gpu_memory_free_bytes", "Local GPU free memory from the inventory.", []string{"gpu", "uuid"}, nil)
	descProvRun       = prometheus.NewDesc("ogpu_provider_tasks_running", "Provider: tasks awarded to this node and running now.", nil, nil)
	descTasks         = prometheus.NewDesc("ogpu_tasks", "Client: tasks of this node's jobs by state.", []string{"state"}, nil)
	descJobs          = prometheus.NewDesc("ogpu_jobs", "Client: this node's jobs by state.", []string{"state"}, nil)
	descSpent         = prometheus.NewDesc("ogpu_spent_wei", "Client: awarded prices of accepted tasks, in wei.", nil, nil)
	descChain         = prometheus.NewDesc("ogpu_chain_configured", "1 when a settlement chain is configured.", nil, nil)
	descEarned        = prometheus.NewDesc("ogpu_earnings_wei", "Provider/verifier: what vouchers pay this node, in wei.", nil, nil)
	descStake         = prometheus.NewDesc("ogpu_stake_wei", "Stake on the settlement contract, in wei.", nil, nil)
	descDeposit       = prometheus.NewDesc("ogpu_deposit_wei", "Client deposit on the settlement contract, in wei.", nil, nil)
	descQueue         = prometheus.NewDesc("ogpu_settlement_queue", "Settlement queue length by kind.", []string{"kind"}, nil)
	descInFlight      = prometheus.NewDesc("ogpu_settlement_in_flight", "1 while a settlement transaction is in flight.", nil, nil)
	descBatches       = prometheus.NewDesc("ogpu_settlement_batches_total", "Settlement batches mined by this process.", nil, nil)
	descGas           = prometheus.NewDesc("ogpu_settlement_gas_used_total", "Gas used by this process's settlement transactions.", nil, nil)
	descStreamBad     = prometheus.NewDesc("ogpu_stream_frauds_total", "Client: wrong stream answers caught by sampled re-checks, by outcome: caught (all), committee (checked by a verification committee), evidence (proven: slash evidence queued), failed (no decision after every retry), dropped.", []string{"outcome"}, nil)
	descStreamPending = prometheus.NewDesc("ogpu_stream_frauds_pending", "Client: wrong stream answers waiting (persisted) for a verification committee, including those waiting to retry.", nil, nil)
	descGCBlocks      = prometheus.NewDesc("ogpu_content_gc_blocks_total", "Blocks deleted by content GC since the node started (content.gc_interval).", nil, nil)
	allTaskStates     = []market.TaskState{
		market.StateAnnounced, market.StateBidding, market.StateAwarded, market.StateRunning,
		market.StateDelivered, market.StateVerifying, market.StateAccepted, market.StateRejected,
		market.StatePaid, market.StateSettled, market.StateFailed,
	}
)

// collector reads the node at scrape time.
type collector struct{ m *metrics }

func (c collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descInfo, descUptime, descPeers, descCapacity, descCapGPUs, descGPUUtil, descGPUFree,
		descProvRun, descTasks, descJobs, descSpent, descChain, descEarned, descStake, descDeposit, descQueue, descInFlight,
		descBatches, descGas, descStreamBad, descStreamPending, descGCBlocks} {
		ch <- d
	}
}

func (c collector) Collect(ch chan<- prometheus.Metric) {
	n := c.m.n
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	counter := func(d *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v)
	}
	gauge(descInfo, 1, n.key.PeerID().String(), n.key.Address().Hex())
	gauge(descUptime, n.opts.now().Sub(n.started).Seconds())
	gauge(descPeers, float64(len(n.net.Peers())))
	table := n.Capacity()
	gpus := 0
	for _, e := range table {
		gpus += len(e.GPUs)
	}
	gauge(descCapacity, float64(len(table)))
	gauge(descCapGPUs, float64(gpus))
	for _, g := range n.inv.GPUs {
		gauge(descGPUUtil, float64(g.UtilizationPct)/100, g.Name, g.UUID)
		gauge(descGPUFree, float64(g.MemoryFree), g.Name, g.UUID)
	}
	gauge(descProvRun, float64(c.m.providerRunning()))
	fr := n.StreamFrauds()
	for _, o := range []struct {
		outcome string
		v       int64
	}{{"caught", fr.Caught}, {"committee", fr.Committee}, {"evidence", fr.Evidence}, {"failed", fr.Failed}, {"dropped", fr.Dropped}} {
		ch <- prometheus.MustNewConstMetric(descStreamBad, prometheus.CounterValue, float64(o.v), o.outcome)
	}
	gauge(descStreamPending, float64(fr.Pending))
	if cs := n.content; cs != nil { // set in Start before the API serves, like n.market
		counter(descGCBlocks, float64(cs.GCFreed()))
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	jobs, tasks, _, err := c.m.tally()
	if err == nil {
		for _, st := range allTaskStates {
			gauge(descTasks, float64(tasks[st]), string(st))
		}
		for st, k := range tasks {
			if !slices.Contains(allTaskStates, st) {
				gauge(descTasks, float64(k), string(st))
			}
		}
		for _, st := range []market.JobState{market.JobRunning, market.JobDone, market.JobFailed} {
			gauge(descJobs, float64(jobs[st]), string(st))
		}
	}
	p := c.m.payments(ctx)
	gauge(descSpent, weiFloat(p.Spent))
	if !p.Chain {
		gauge(descChain, 0)
		return
	}
	gauge(descChain, 1)
	gauge(descEarned, weiFloat(p.Earned))
	gauge(descStake, weiFloat(p.Stake))
	gauge(descDeposit, weiFloat(p.Deposit))
	gauge(descQueue, float64(p.QueuedVouchers), "vouchers")
	gauge(descQueue, float64(p.QueuedEvidence), "evidence")
	inflight := 0.0
	if p.InFlight {
		inflight = 1
	}
	gauge(descInFlight, inflight)
	counter(descBatches, float64(p.Batches))
	counter(descGas, float64(p.GasUsed))
}

// tally counts the client's retained jobs and tasks by state and what
// accepted tasks cost, pruned jobs included (market.PrunedTotals).
// Finished jobs are read once and remembered until they are pruned.
func (m *metrics) tally() (jobs map[market.JobState]int, tasks map[market.TaskState]int, spent *big.Int, err error) {
	jobs, tasks, spent = map[market.JobState]int{}, map[market.TaskState]int{}, new(big.Int)
	mk := m.n.market // set in Start before the API serves; never changes (n.mu is not taken: Close holds it while the API drains)
	if mk == nil {
		return jobs, tasks, spent, ErrNotStarted
	}
	pruned, err := mk.PrunedTotals() // before the list: a job pruned meanwhile is missed once, never counted twice
	if err != nil {
		return jobs, tasks, spent, err
	}
	if v, ok := new(big.Int).SetString(pruned.Spent, 10); ok {
		spent.Add(spent, v)
	}
	list, err := mk.Jobs()
	if err != nil {
		return jobs, tasks, spent, err
	}
	m.jobsMu.Lock()
	defer m.jobsMu.Unlock()
	listed := make(map[market.JobID]bool, len(list))
	for _, j := range list {
		listed[j.ID] = true
	}
	for id := range m.final {
		if !listed[id] {
			delete(m.final, id) // pruned
		}
	}
	for _, j := range list {
		t, ok := m.final[j.ID]
		if !ok {
			info, err := mk.Job(j.ID)
			if err != nil {
				return jobs, tasks, spent, err
			}
			t = jobTally{state: info.State, tasks: map[market.TaskState]int{}, spent: new(big.Int)}
			for _, ti := range info.Tasks {
				t.tasks[ti.State]++
				if v, ok := new(big.Int).SetString(ti.Price, 10); ok && ti.State.Done() {
					t.spent.Add(t.spent, v)
				}
			}
			if info.State != market.JobRunning {
				m.final[j.ID] = t
			}
		}
		jobs[t.state]++
		for st, k := range t.tasks {
			tasks[st] += k
		}
		spent.Add(spent, t.spent)
	}
	return jobs, tasks, spent, nil
}

// payments is what the node knows about its money: spending from its own
// jobs, the rest from the PaymentsSource when there is one.
func (m *metrics) payments(ctx context.Context) Payments {
	var p Payments
	src := m.n.opts.payments
	if src == nil && m.n.Settler() != nil {
		src = &m.chain
	}
	if src != nil {
		got, err := src.Payments(ctx)
		if err != nil {
			m.n.log.Debug("payments", "err", err)
		} else {
			p = got
		}
	}
	_, _, spent, _ := m.tally()
	p.Spent = spent.String()
	for _, s := range []*string{&p.Earned, &p.Stake, &p.Deposit} {
		if *s == "" {
			*s = "0"
		}
	}
	return p
}

// chainPayments reads the node's Settler (queue, counters) and its chain
// account. Chain reads are cached for chainTTL: scrapes never hammer the RPC.
type chainPayments struct {
	n *Node

	mu     sync.Mutex
	at     time.Time
	cached Payments
}

const (
	chainTTL        = 10 * time.Second
	maxEarningPeers = 64 // clients (from the capacity table) whose payments are summed
)

func (c *chainPayments) Payments(ctx context.Context) (Payments, error) {
	st, ch := c.n.Settler(), c.n.Chain()
	if st == nil || ch == nil {
		return Payments{}, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.at.IsZero() || c.n.opts.now().Sub(c.at) >= chainTTL {
		self := c.n.key.Address()
		p := Payments{Chain: true}
		sa, err := ch.StakeOf(ctx, self)
		if err != nil {
			return Payments{}, err
		}
		ca, err := ch.ClientAccount(ctx, self)
		if err != nil {
			return Payments{}, err
		}
		earned := new(big.Int).Set(sa.Earnings) // slash rewards
		for i, e := range c.n.Capacity() {
			if i == maxEarningPeers {
				break
			}
			if e.Address == self {
				continue
			}
			paid, err := ch.Paid(ctx, e.Address, self)
			if err != nil {
				return Payments{}, err
			}
			earned.Add(earned, paid)
		}
		p.Stake, p.Deposit, p.Earned = sa.Stake.String(), ca.Deposit.String(), earned.String()
		c.cached, c.at = p, c.n.opts.now()
	}
	p := c.cached
	var err error
	if p.QueuedVouchers, p.QueuedEvidence, p.InFlight, err = st.Pending(); err != nil {
		return Payments{}, err
	}
	stats := st.Stats()
	p.Batches, p.Settled, p.Slashes, p.GasUsed, p.Problems = stats.Batches, stats.Vouchers, stats.Slashes, stats.GasUsed, stats.Errors
	return p, nil
}

func weiFloat(s string) float64 {
	v, ok := new(big.Float).SetString(s)
	if !ok {
		return 0
	}
	f, _ := v.Float64()
	return f
}
