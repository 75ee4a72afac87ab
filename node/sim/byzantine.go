package sim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market"
	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/market/settle/contract"
	"github.com/ogpu/ogpu/market/stream"
	"github.com/ogpu/ogpu/node"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/wire"
	"github.com/ogpu/ogpu/verify"
)

// Adversary runs a scenario with money: one simulated chain shared by all
// nodes (every node stakes, clients deposit), committees checking every
// result, vouchers paying for them, and faults injected here only (never
// in the production path): lying providers return wrong outputs, silent
// ones never answer, late ones answer after their deadline, approving
// verifiers attest "valid" without checking.
type Adversary struct {
	// Liars, Silent, Late are fractions of the providers that are not
	// clients; Approvers a fraction of all nodes besides clients and liars.
	Liars, Silent, Late, Approvers float64
	// Params of the contract. Default ByzantineParams().
	Params *settle.Params
	// Price floor (wei per task) and VerifierFee (wei per member per task).
	// Defaults 1000 and 100.
	Price, VerifierFee *big.Int
	// Stake of every node and Deposit of every client (wei). Defaults
	// 1e15 and 1e18.
	Stake, Deposit *big.Int
	// CreditLimit of every provider (wei). Default market.DefaultCreditLimit.
	CreditLimit *big.Int
}

// ByzantineParams are the contract parameters of byzantine sims: test
// delays, committee k = 10 with quorum 3, so a lie is slashable unless
// fewer than 3 of the ≈ 9 eligible members answer (P(Poisson(9) < 3)
// ≈ 0.6 %); see docs/verification.md.
func ByzantineParams() settle.Params {
	p := settle.TestParams()
	p.CommitteeSize, p.Quorum = 10, 3
	return p
}

func (a *Adversary) defaults() {
	if a.Params == nil {
		p := ByzantineParams()
		a.Params = &p
	}
	if a.Price == nil {
		a.Price = big.NewInt(1000)
	}
	if a.VerifierFee == nil {
		a.VerifierFee = big.NewInt(100)
	}
	if a.Stake == nil {
		a.Stake = big.NewInt(1e15)
	}
	if a.Deposit == nil {
		a.Deposit = big.NewInt(1e18)
	}
}

// ChainReport is what a scenario with money adds to the report. The keys
// are a public interface (ogpu sim --json).
type ChainReport struct {
	LiesInjected     int              `json:"lies_injected"`
	LiesCaught       int              `json:"lies_caught"`
	ProvidersSlashed int              `json:"providers_slashed"`
	HonestSlashed    int              `json:"honest_slashed"`
	Settlement       SettlementReport `json:"settlement"`
	Money            MoneyReport      `json:"money"`
	// Liars are the lying providers' node indexes; LiarsSlashed how many
	// of them the chain slashed.
	Liars        []int `json:"liars"`
	LiarsSlashed int   `json:"liars_slashed"`
	// SlashGas is the gas of all slash transactions.
	SlashGas uint64 `json:"slash_gas"`
	// TasksPaid counts the clients' tasks whose vouchers were signed
	// (state paid): every accepted task.
	TasksPaid int `json:"tasks_paid"`
	// Slashes for stream answers, reported in the stream object.
	streamSlashed, streamHonestSlashed int
}

// SettlementReport is read from the chain's Settled events.
type SettlementReport struct {
	Batches    int     `json:"batches"`
	Vouchers   int     `json:"vouchers"`
	GasTotal   uint64  `json:"gas_total"`
	GasPerTask float64 `json:"gas_per_task"` // GasTotal / tasks done
}

// MoneyReport is read from the chain (wei, decimal).
type MoneyReport struct {
	ClientSpent    string `json:"client_spent"`    // Σ paid(client, payee)
	ProviderEarned string `json:"provider_earned"` // owed to payees for provider work
	VerifierEarned string `json:"verifier_earned"` // owed to payees for committee work
	// Balanced: every pair's on-chain paid equals the client's cumulative
	// voucher, Σ owed = Σ paid = provider + verifier earnings, and every
	// client's deposit fell by exactly what it paid (slash credits added
	// back).
	Balanced bool `json:"balanced"`
}

// faults counts what the injected faults did.
type faults struct {
	lies       atomic.Int64 // batch results
	streamLies atomic.Int64 // stream answers
}

// corrupt returns out with its last byte changed (the most significant
// byte of the last element of a blob, or the last nonce byte): a wrong
// result that a committee can prove wrong.
func corrupt(out []byte) []byte {
	if len(out) == 0 {
		return out
	}
	b := append([]byte(nil), out...)
	b[len(b)-1] ^= 0x40
	return b
}

// lyingRunner runs honestly and then corrupts the output.
type lyingRunner struct {
	r market.Runner
	f *faults
}

func (l lyingRunner) Run(ctx context.Context, t exec.Task) (exec.Result, error) {
	res, err := l.r.Run(ctx, t)
	if err != nil || len(res.Output) == 0 {
		return res, err
	}
	res.Output = corrupt(res.Output)
	l.f.lies.Add(1)
	return res, nil
}

// silentRunner never answers: the client's deadline moves the task on.
type silentRunner struct{}

func (silentRunner) Run(ctx context.Context, _ exec.Task) (exec.Result, error) {
	<-ctx.Done()
	return exec.Result{}, ctx.Err()
}

// lateRunner answers after its deadline (the run context's).
type lateRunner struct{ r market.Runner }

func (l lateRunner) Run(ctx context.Context, t exec.Task) (exec.Result, error) {
	if dl, ok := ctx.Deadline(); ok {
		select {
		case <-time.After(time.Until(dl) + 50*time.Millisecond):
		case <-ctx.Done():
		}
	}
	return l.r.Run(context.WithoutCancel(ctx), t)
}

// approveAll is a verifier that attests "valid" without checking.
type approveAll struct{}

func (approveAll) Check(context.Context, verify.Job) error { return nil }

// pick returns n distinct indexes of [lo, hi) drawn by rng, sorted by draw.
func pick(rng *rand.Rand, lo, hi, n int, taken map[int]bool) []int {
	var out []int
	for _, i := range rng.Perm(hi - lo) {
		if len(out) == n {
			break
		}
		if !taken[lo+i] {
			out = append(out, lo+i)
			taken[lo+i] = true
		}
	}
	return out
}

// moneyRun is a scenario's chain, faults and accounting.
type moneyRun struct {
	sc      *Scenario
	adv     *Adversary
	chain   *settle.Sim
	reader  *settle.Client
	clients []*settle.Client
	f       faults
	liars   map[int]bool
	start   map[common.Address]*big.Int // clients' deposits before the run
	caught  atomic.Int64

	streamLiars map[int]bool // stream providers that lie (StreamScenario.Liars)
	streamMu    sync.Mutex
	streamTasks map[common.Hash]common.Address // stream answers caught wrong → the session's client
}

func (sc *Scenario) adversary() *Adversary {
	if sc.Adversary == nil && sc.Byzantine <= 0 {
		return nil
	}
	a := Adversary{}
	if sc.Adversary != nil {
		a = *sc.Adversary
	}
	if sc.Byzantine > 0 {
		a.Liars = sc.Byzantine
	}
	a.defaults()
	return &a
}

// policy is the verification a scenario's task asks for: the workload's
// own method when the scenario has money, else none.
func (sc *Scenario) policy(workload string) string {
	if sc.adversary() == nil {
		return ""
	}
	w, err := exec.DefaultRegistry().Get(workload)
	if err != nil {
		return ""
	}
	return string(w.Verification())
}

// fee is the verifier fee of a scenario's jobs.
func (sc *Scenario) fee() *big.Int {
	if a := sc.adversary(); a != nil {
		return a.VerifierFee
	}
	return nil
}

// newMoneyRun starts the chain, funds, stakes and deposits, and returns
// the per-node options (chain client, faults).
func newMoneyRun(ctx context.Context, sc *Scenario, adv *Adversary) (*moneyRun, func(int) []node.Option, error) {
	keys := make([]*identity.Key, sc.Nodes)
	alloc := map[common.Address]*big.Int{}
	fund := new(big.Int).Add(new(big.Int).Add(adv.Stake, adv.Deposit), big.NewInt(1e18))
	for i := range keys {
		k, err := TestKey(sc.Seed, i)
		if err != nil {
			return nil, nil, err
		}
		keys[i], alloc[k.Address()] = k, fund
	}
	ch, err := settle.NewSim(ctx, settle.SimConfig{Params: adv.Params, Alloc: alloc})
	if err != nil {
		return nil, nil, err
	}
	mr := &moneyRun{sc: sc, adv: adv, chain: ch, liars: map[int]bool{}, start: map[common.Address]*big.Int{},
		streamLiars: map[int]bool{}, streamTasks: map[common.Hash]common.Address{}}
	if mr.reader, err = ch.Client(ctx, nil); err != nil {
		ch.Close()
		return nil, nil, err
	}
	clients := make([]*settle.Client, sc.Nodes)
	for i := range keys {
		if clients[i], err = ch.Client(ctx, keys[i]); err != nil {
			ch.Close()
			return nil, nil, err
		}
		if _, err := clients[i].Stake(ctx, adv.Stake); err != nil {
			ch.Close()
			return nil, nil, fmt.Errorf("sim: stake node %d: %w", i, err)
		}
		if i < sc.Clients {
			if _, err := clients[i].Deposit(ctx, adv.Deposit); err != nil {
				ch.Close()
				return nil, nil, fmt.Errorf("sim: deposit node %d: %w", i, err)
			}
			mr.start[keys[i].Address()] = new(big.Int).Set(adv.Deposit)
		}
	}
	mr.clients = clients
	rng := rand.New(rand.NewPCG(sc.Seed, 0xb12))
	providers := sc.Nodes - sc.Clients
	taken := map[int]bool{}
	count := func(f float64, n int) int { return int(math.Round(f * float64(n))) }
	for _, i := range pick(rng, sc.Clients, sc.Nodes, count(adv.Liars, providers), taken) {
		mr.liars[i] = true
	}
	silent := map[int]bool{}
	for _, i := range pick(rng, sc.Clients, sc.Nodes, count(adv.Silent, providers), taken) {
		silent[i] = true
	}
	late := map[int]bool{}
	for _, i := range pick(rng, sc.Clients, sc.Nodes, count(adv.Late, providers), taken) {
		late[i] = true
	}
	approvers := map[int]bool{}
	for _, i := range pick(rng, sc.Clients, sc.Nodes, count(adv.Approvers, providers), taken) {
		approvers[i] = true
	}
	for i := range sc.Nodes {
		if sc.Stream.liar(i, sc.Nodes) {
			mr.streamLiars[i] = true
		}
	}
	opts := func(i int) []node.Option {
		o := []node.Option{
			node.WithChain(clients[i]),
			// Settle at the end of the run (Flush): one client-grouped batch.
			node.WithSettlerConfig(settle.Config{MaxAge: time.Hour, Tick: 100 * time.Millisecond, RetryMin: 20 * time.Millisecond, RetryMax: time.Second}),
			node.WithPayConfig(market.PayConfig{SettleIssued: i < sc.Clients, CreditLimit: adv.CreditLimit, Retry: 200 * time.Millisecond}),
			node.WithVerifyConfig(verify.Config{Timeout: 5 * time.Second}),
		}
		switch {
		case mr.liars[i]:
			o = append(o, node.WithRunnerWrapper(func(r market.Runner) market.Runner { return lyingRunner{r, &mr.f} }))
		case silent[i]:
			o = append(o, node.WithRunnerWrapper(func(market.Runner) market.Runner { return silentRunner{} }))
		case late[i]:
			o = append(o, node.WithRunnerWrapper(func(r market.Runner) market.Runner { return lateRunner{r} }))
		case approvers[i]:
			o = append(o, node.WithChecker(approveAll{}))
		}
		if f := mr.streamHooks(i); f != nil {
			o = append(o, node.WithStreamConfig(f))
		}
		return o
	}
	return mr, opts, nil
}

// streamHooks are node i's streaming faults and probes: a lying stream
// provider corrupts every answer; a node that opens sessions records the
// task of every wrong answer it catches, so the report can credit the
// slash to its deposit. Nil when node i has neither.
func (mr *moneyRun) streamHooks(i int) func(*stream.Config) {
	sc := &mr.sc.Stream
	liar, opener := mr.streamLiars[i], sc.opener(i, mr.sc.Nodes)
	if !liar && !opener {
		return nil
	}
	return func(c *stream.Config) {
		if liar {
			c.Tamper = func(out []byte) []byte { mr.f.streamLies.Add(1); return corrupt(out) }
		}
		if opener {
			next := c.OnFraud // the node's: reputation and the committee
			c.OnFraud = func(f stream.Fraud) {
				mr.streamMu.Lock()
				mr.streamTasks[f.Commitment.TaskID] = f.Commitment.Client
				mr.streamMu.Unlock()
				if next != nil {
					next(f)
				}
			}
		}
	}
}

// waitStreamFrauds waits until every wrong stream answer the sessions
// caught has been through a committee check (evidence queued or not); a
// check that reached no decision waits for its retry, which the run does
// not wait for.
func (mr *moneyRun) waitStreamFrauds(ctx context.Context, c *Cluster) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	err := WaitFor(ctx, func() bool {
		for i, n := range c.Nodes {
			if c.Down(i) {
				continue
			}
			if st := n.StreamFrauds(); st.Pending != st.Backoff {
				return false
			}
		}
		return true
	})
	if err != nil {
		return fmt.Errorf("sim: stream frauds still with committees: %w", err)
	}
	return nil
}

// watch counts the clients' rejections of wrong results.
func (mr *moneyRun) watch(ctx context.Context, c *Cluster) func() {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{}, mr.sc.Clients)
	for i := 0; i < mr.sc.Clients; i++ {
		ch := c.Nodes[i].Events()
		go func() {
			defer func() { done <- struct{}{} }()
			for {
				select {
				case e, ok := <-ch:
					if !ok {
						return
					}
					if e.Kind == market.EventRejected && strings.HasPrefix(e.Detail, "committee found the result wrong") {
						mr.caught.Add(1)
					}
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	return func() {
		cancel()
		for i := 0; i < mr.sc.Clients; i++ {
			<-done
		}
	}
}

// settle mines a block (evidence needs an award block older than the
// head), flushes the clients' settlers (their vouchers and evidence), then
// everyone else's (which find their vouchers paid and drop them).
func (mr *moneyRun) settle(ctx context.Context, c *Cluster) error {
	mr.chain.Mine()
	var errs []error
	flush := func(i int, st *settle.Settler) {
		fctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := st.Flush(fctx); err != nil {
			v, e, in, _ := st.Pending()
			errs = append(errs, fmt.Errorf("node %d: %d vouchers, %d evidence, in flight %v left: %w", i, v, e, in, err))
		}
	}
	// A node killed and not restarted (a stream provider) cannot flush;
	// the client's own settler redeems what it issued to it.
	for i, n := range c.Nodes {
		if i < mr.sc.Clients && n.Settler() != nil && !c.Down(i) {
			flush(i, n.Settler())
		}
	}
	for i, n := range c.Nodes {
		if i >= mr.sc.Clients && n.Settler() != nil && !c.Down(i) {
			flush(i, n.Settler())
		}
	}
	return errors.Join(errs...)
}

// report reads the outcome from the chain.
func (mr *moneyRun) report(ctx context.Context, c *Cluster, done int) (*ChainReport, error) {
	r := &ChainReport{LiesInjected: int(mr.f.lies.Load()), LiesCaught: int(mr.caught.Load())}
	liarAddr := map[common.Address]bool{}
	streamLiarAddr := map[common.Address]bool{}
	for i := range mr.sc.Nodes {
		if mr.liars[i] || mr.streamLiars[i] {
			r.Liars = append(r.Liars, i)
			liarAddr[c.keys[i].Address()] = true
		}
		if mr.streamLiars[i] {
			streamLiarAddr[c.keys[i].Address()] = true
		}
	}
	mr.streamMu.Lock()
	streamTasks := maps.Clone(mr.streamTasks)
	mr.streamMu.Unlock()
	streamSlashed := map[common.Address]bool{}
	logs, err := mr.chain.Backend().FilterLogs(ctx, ethereum.FilterQuery{FromBlock: new(big.Int), Addresses: []common.Address{mr.chain.Contract()}})
	if err != nil {
		return nil, err
	}
	bind := contract.NewSettlement()
	slashed := map[common.Address]bool{}
	type slash struct {
		task   common.Hash
		amount *big.Int
	}
	var slashes []slash
	for i := range logs {
		l := &logs[i]
		if ev, err := bind.UnpackSettledEvent(l); err == nil {
			r.Settlement.Batches++
			r.Settlement.Vouchers += int(ev.Vouchers.Int64())
			rc, err := mr.reader.Receipt(ctx, l.TxHash)
			if err != nil {
				return nil, err
			}
			r.Settlement.GasTotal += rc.GasUsed
		} else if ev, err := bind.UnpackSlashedEvent(l); err == nil {
			slashed[ev.Provider] = true
			slashes = append(slashes, slash{ev.TaskId, ev.Amount})
			if _, ok := streamTasks[ev.TaskId]; ok {
				streamSlashed[ev.Provider] = true
			}
			rc, err := mr.reader.Receipt(ctx, l.TxHash)
			if err != nil {
				return nil, err
			}
			r.SlashGas += rc.GasUsed
		}
	}
	for a := range slashed {
		r.ProvidersSlashed++
		if liarAddr[a] {
			r.LiarsSlashed++
		} else {
			r.HonestSlashed++
		}
	}
	// Stream slashes: a lying stream provider counts when a slash for a
	// stream answer took its stake below what it staked.
	for a := range streamSlashed {
		if !streamLiarAddr[a] {
			r.streamHonestSlashed++
			continue
		}
		acc, err := mr.reader.StakeOf(ctx, a)
		if err != nil {
			return nil, err
		}
		if acc.Stake.Cmp(mr.adv.Stake) < 0 {
			r.streamSlashed++
		}
	}
	if done > 0 {
		r.Settlement.GasPerTask = math.Round(float64(r.Settlement.GasTotal)/float64(done)*10) / 10
	}
	params, err := mr.reader.Params(ctx)
	if err != nil {
		return nil, err
	}
	spent, owed, prov, verif := new(big.Int), new(big.Int), new(big.Int), new(big.Int)
	balanced := true
	for i := 0; i < mr.sc.Clients; i++ {
		n := c.Nodes[i]
		ca := c.keys[i].Address()
		ls, err := n.Market().Ledgers()
		if err != nil {
			return nil, err
		}
		clientSpent := new(big.Int)
		for _, l := range ls {
			paid, err := mr.reader.Paid(ctx, ca, l.Payee)
			if err != nil {
				return nil, err
			}
			o, err := mr.reader.Owed(ctx, ca, l.Payee)
			if err != nil {
				return nil, err
			}
			if paid.Cmp(l.Cumulative) != 0 {
				balanced = false
			}
			clientSpent.Add(clientSpent, paid)
			owed.Add(owed, o)
			prov.Add(prov, l.AsProvider)
			verif.Add(verif, l.AsVerifier)
		}
		spent.Add(spent, clientSpent)
		// Deposit check: start − now + slash credits to this client = paid.
		credit := new(big.Int)
		tasks, paidTasks, err := clientTasks(n)
		if err != nil {
			return nil, err
		}
		r.TasksPaid += paidTasks
		for _, sl := range slashes {
			if tasks[sl.task] || streamTasks[sl.task] == ca {
				credit.Add(credit, new(big.Int).Div(new(big.Int).Mul(sl.amount, big.NewInt(int64(params.ClientBps))), big.NewInt(10000)))
			}
		}
		acc, err := mr.reader.ClientAccount(ctx, ca)
		if err != nil {
			return nil, err
		}
		fell := new(big.Int).Sub(mr.start[ca], acc.Deposit)
		fell.Add(fell, credit)
		if fell.Cmp(clientSpent) != 0 {
			balanced = false
		}
	}
	if owed.Cmp(spent) != 0 || new(big.Int).Add(prov, verif).Cmp(spent) != 0 {
		balanced = false
	}
	r.Money = MoneyReport{ClientSpent: spent.String(), ProviderEarned: prov.String(), VerifierEarned: verif.String(), Balanced: balanced}
	return r, nil
}

// clientTasks returns the task IDs of a client's jobs and how many are paid.
func clientTasks(n *node.Node) (map[common.Hash]bool, int, error) {
	js, err := n.Jobs()
	if err != nil {
		return nil, 0, err
	}
	out, paid := map[common.Hash]bool{}, 0
	for _, j := range js {
		info, err := n.Job(j.ID)
		if err != nil {
			return nil, 0, err
		}
		for _, t := range info.Tasks {
			out[common.Hash(t.ID)] = true
			if t.State == market.StatePaid {
				paid++
			}
		}
	}
	return out, paid, nil
}

// runMoney is Run for scenarios with an adversary (or money only).
func runMoney(ctx context.Context, sc Scenario, adv *Adversary, cfg Config) (Report, error) {
	mr, opts, err := newMoneyRun(ctx, &sc, adv)
	if err != nil {
		return Report{}, err
	}
	defer mr.chain.Close()
	nodeCfg := sc.NodeConfig
	if nodeCfg == nil {
		nodeCfg = func(int) node.Config { return node.Simulation() }
	}
	floor := adv.Price.String()
	cheap := new(big.Int).Sub(adv.Price, big.NewInt(100)).String() // liars underbid to win
	// Committee members and payees are any staked peers, not only gossip
	// neighbours: every pair is linked (a real network dials anyone).
	cfg.Options, cfg.Degree = opts, sc.Nodes-1
	cfg.NodeConfig = func(i int) node.Config {
		nc := nodeCfg(i)
		f := floor
		if mr.liars[i] {
			f = cheap
		}
		nc.Market.PriceFloor = map[string]string{"matmul": f, "hashgrind": f, "render": f, "mlp": f}
		return nc
	}
	c, err := launch(ctx, cfg, sc)
	if err != nil {
		return Report{}, err
	}
	defer c.Close()
	stop := mr.watch(ctx, c)
	// Streams pay through the same persistent ledger as batch tasks, so
	// the balance check below covers both.
	rep, err := c.runWork(ctx, sc)
	stop()
	if err != nil {
		return rep, err
	}
	if sc.Stream.Sessions > 0 {
		if err := mr.waitStreamFrauds(ctx, c); err != nil {
			return rep, err
		}
	}
	// Vouchers still in flight to payees are not needed for settlement
	// (clients settle their own); flush and read the chain.
	if err := mr.settle(ctx, c); err != nil {
		return rep, fmt.Errorf("sim: settle: %w", err)
	}
	cr, err := mr.report(ctx, c, rep.TasksDone)
	if err != nil {
		return rep, err
	}
	rep.ChainReport = cr
	if st := rep.Stream; st != nil {
		st.Lies, st.Slashed, st.HonestSlashed = int(mr.f.streamLies.Load()), cr.streamSlashed, cr.streamHonestSlashed
		for _, n := range c.Nodes {
			fr := n.StreamFrauds()
			st.Caught += int(fr.Caught)
			st.Proven += int(fr.Evidence)
		}
	}
	return rep, nil
}

// writeChainText prints the money part of a report.
func (r *ChainReport) writeText(w io.Writer) {
	if r == nil {
		return
	}
	fmt.Fprintf(w, "lies: %d injected, %d caught; providers slashed %d (liars %d of %d, honest %d)\n",
		r.LiesInjected, r.LiesCaught, r.ProvidersSlashed, r.LiarsSlashed, len(r.Liars), r.HonestSlashed)
	s := r.Settlement
	fmt.Fprintf(w, "settlement: %d batches, %d vouchers, %d gas (%.1f gas per task); slashes %d gas\n", s.Batches, s.Vouchers, s.GasTotal, s.GasPerTask, r.SlashGas)
	m := r.Money
	fmt.Fprintf(w, "money: clients spent %s wei = providers %s + verifiers %s; balanced on-chain: %v\n", m.ClientSpent, m.ProviderEarned, m.VerifierEarned, m.Balanced)
}

// neverPay is a client's payment transport that never delivers: a client
// that stops paying (TestCreditLimit).
func neverPay(context.Context, peer.ID, *wire.Payment) (*wire.PaymentReply, error) {
	return nil, errors.New("sim: this client does not pay")
}
