package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/ogpu/ogpu/node"
	"github.com/ogpu/ogpu/node/sim"
)

func cmdSim(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sc sim.Scenario
	fs.IntVar(&sc.Nodes, "nodes", 10, "nodes in the simulated network (all providers)")
	fs.IntVar(&sc.Clients, "clients", 1, "how many of the nodes submit tasks")
	fs.IntVar(&sc.Tasks, "tasks", 200, "tasks to submit in all (one single-task job each)")
	fs.DurationVar(&sc.Latency, "latency", 0, "one-way latency of every link, e.g. 5ms")
	fs.Uint64Var(&sc.Seed, "seed", 1, "seed for keys, topology and inputs")
	fs.IntVar(&sc.InFlight, "inflight", 16, "jobs each client keeps outstanding")
	mix := fs.String("mix", "hashgrind,matmul,render", "comma-separated workloads to draw tiny tasks from")
	fs.StringVar(mix, "workloads", "hashgrind,matmul,render", "same as --mix")
	fs.Float64Var(&sc.Churn, "churn", 0, "fraction of providers killed and restarted during the run, e.g. 0.1")
	fs.Float64Var(&sc.Bandwidth, "bandwidth", 0, "bandwidth of every link in bytes/s (0: unlimited)")
	fs.Float64Var(&sc.Byzantine, "byzantine", 0, "fraction of lying providers (batch, and stream providers with --streams); > 0 runs with a simulated chain, committees, vouchers and slashing")
	money := fs.Bool("chain", false, "run with a simulated chain, committees and vouchers (implied by --byzantine)")
	svgOut := fs.String("svg", "", "write a chart (latency histogram, tasks over time) to FILE")
	quiet := fs.Bool("quiet", false, "no progress bar")
	check := fs.Bool("check", true, "compare every result with the CPU reference")
	fs.DurationVar(&sc.Timeout, "timeout", 5*time.Minute, "bound on the whole run")
	fs.IntVar(&sc.Stream.Sessions, "streams", 0, "streaming sessions to run after the tasks (an mlp service on the last min(4, nodes-1) nodes)")
	fs.IntVar(&sc.Stream.Requests, "stream-requests", 1000, "requests per streaming session")
	fs.IntVar(&sc.Stream.Kills, "stream-kills", 0, "serving providers to kill mid-stream, each the one in use")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to FILE")
	memProfile := fs.String("memprofile", "", "write a heap profile to FILE at the end of the run (after a GC, the cluster still up)")
	jsonOut := fs.String("json", "", "also write the report as JSON to FILE ('-' for standard output, text then goes to stderr)")
	retention := fs.Duration("retention", 0, "prune finished jobs and task records (and their pins) after this long, e.g. 5s (0: the preset's market.retention, 72h)")
	gcInterval := fs.Duration("gc-interval", 0, "run content GC this often, e.g. 5s (0: the preset's content.gc_interval, 1h)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *retention < 0 || *gcInterval < 0 {
		return exitUsage{fmt.Errorf("--retention and --gc-interval must not be negative")}
	}
	if *retention > 0 || *gcInterval > 0 {
		sc.NodeConfig = func(int) node.Config {
			c := node.Simulation()
			if *retention > 0 {
				c.Market.Retention = node.Duration(*retention)
			}
			if *gcInterval > 0 {
				c.Content.GCInterval = node.Duration(*gcInterval)
			}
			return c
		}
	}
	if *money {
		sc.Adversary = &sim.Adversary{}
	}
	sc.Mix = strings.Split(*mix, ",")
	sc.Check = *check
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		f, err := os.Create(*memProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		sc.HeapProfile = f
	}
	if !*quiet && isTerminal(stderr) {
		sc.Progress = progressBar(stderr)
	}
	rep, err := sim.Run(ctx, sc)
	if sc.Progress != nil {
		fmt.Fprintln(stderr)
	}
	if *svgOut != "" {
		if werr := writeFile(*svgOut, rep.WriteSVG); werr != nil {
			return werr
		}
	}
	text := stdout
	if *jsonOut == "-" {
		text = stderr
	}
	rep.WriteText(text)
	switch *jsonOut {
	case "":
	case "-":
		if werr := rep.WriteJSON(stdout); werr != nil {
			return werr
		}
	default:
		f, ferr := os.Create(*jsonOut)
		if ferr != nil {
			return ferr
		}
		if werr := rep.WriteJSON(f); werr != nil {
			f.Close()
			return werr
		}
		if cerr := f.Close(); cerr != nil {
			return cerr
		}
	}
	if err != nil {
		return err
	}
	// Lying stream providers' answers are delivered before a sampled
	// re-check catches them: only wrong outputs of honest ones fail a run.
	if st := rep.Stream; st != nil && (st.Lost > 0 || st.Duplicates > 0 || st.Wrong > st.WrongFromLiars || st.HonestSlashed > 0) {
		return fmt.Errorf("sim: stream: %d requests lost, %d duplicates, %d wrong outputs from honest providers, %d honest providers slashed",
			st.Lost, st.Duplicates, st.Wrong-st.WrongFromLiars, st.HonestSlashed)
	}
	if cr := rep.ChainReport; cr != nil && (cr.HonestSlashed > 0 || !cr.Money.Balanced || cr.LiesCaught != cr.LiesInjected) {
		return fmt.Errorf("sim: %d honest providers slashed, %d of %d lies caught, money balanced %v", cr.HonestSlashed, cr.LiesCaught, cr.LiesInjected, cr.Money.Balanced)
	}
	if rep.TasksLost > 0 || rep.ResultsWrong > 0 {
		return fmt.Errorf("sim: %d tasks lost, %d wrong results", rep.TasksLost, rep.ResultsWrong)
	}
	return nil
}
