// Command ogpu is one binary for every role of the ogpu GPU compute market:
// a home-rig provider, a community bootstrap node, a client, a local dev
// chain and a whole-network simulator. It owns signals and exit codes; all
// the logic lives in the node and its packages.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, stdout, stderr io.Writer, args []string) error
}

func commands() []command {
	return []command{
		{"init", "create a data directory with a key and a commented config.toml", cmdInit},
		{"run", "start a node (provider + verifier + client with the GPUs found)", cmdRun},
		{"bootstrap", "start a bootstrap node (DHT server, relay, gossip router)", cmdBootstrap},
		{"status", "show the running daemon's identity, peers and capacity table", cmdStatus},
		{"submit", "submit a batch job to the running daemon (--wait shows progress)", cmdSubmit},
		{"job", "show one job: state, tasks, providers, result", cmdJob},
		{"jobs", "list this node's jobs", cmdJobs},
		{"get", "fetch content by CID (a job result) to a file", cmdGet},
		{"serve", "serve a streaming service (e.g. an mlp model) from the running daemon", cmdServe},
		{"stream", "send requests to a streaming service, print per-request latency and a summary", cmdStream},
		{"sim", "simulate a network of nodes in one process and report", cmdSim},
		{"chain", "deposit, withdraw, stake, unstake, balance, settle on the Settlement contract", cmdChain},
		{"devnet", "run a local dev chain with the Settlement contract and funded accounts", cmdDevnet},
		{"receipt", "prove a task receipt or verify it against an on-chain settlement root", cmdReceipt},
		{"selftest", "run every workload on every backend at a small size and check it against the reference", cmdSelftest},
		{"version", "print the version", cmdVersion},
	}
}

// exitUsage marks errors that come from bad command-line use (exit code 2).
type exitUsage struct{ err error }

func (e exitUsage) Error() string { return e.err.Error() }
func (e exitUsage) Unwrap() error { return e.err }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := dispatch(ctx, os.Stdout, os.Stderr, os.Args[1:])
	stop()
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "ogpu:", err)
		var u exitUsage
		if errors.As(err, &u) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func dispatch(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		if len(args) == 0 {
			return exitUsage{errors.New("no command given")}
		}
		return nil
	}
	for _, c := range cmds {
		if c.name == args[0] {
			err := c.run(ctx, stdout, stderr, args[1:])
			if err != nil && isFlagError(err) {
				return exitUsage{err}
			}
			return err
		}
	}
	usage(stderr, cmds)
	return exitUsage{fmt.Errorf("unknown command %q", args[0])}
}

func usage(w io.Writer, cmds []command) {
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	fmt.Fprintf(w, "ogpu %s: one node of a decentralized GPU compute market\n\nUsage: ogpu <command> [flags]\n\nCommands:\n", version)
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'ogpu <command> -h' for the flags of a command.\n")
}

// isFlagError reports whether err came from flag parsing (bad usage).
func isFlagError(err error) bool {
	var u exitUsage
	if errors.As(err, &u) {
		return true
	}
	msg := err.Error()
	return strings.HasPrefix(msg, "flag provided but not defined") || strings.HasPrefix(msg, "invalid value") || strings.HasPrefix(msg, "invalid boolean")
}

func cmdVersion(_ context.Context, stdout, _ io.Writer, args []string) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "ogpu %s\n", version)
	return nil
}

// parseInterspersed parses flags that may come before or after the
// positional arguments (ogpu chain deposit 1ether --json, ogpu job ID
// --datadir D) and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
