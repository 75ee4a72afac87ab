package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/ipfs/go-cid"

	"github.com/ogpu/ogpu/market/stream"
	"github.com/ogpu/ogpu/node"
)

// cmdServe asks the running daemon to serve a streaming service.
func cmdServe(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var nf nodeFlags
	nf.register(fs, false)
	workload := fs.String("workload", "mlp", "workload to serve (mlp)")
	model := fs.String("model", "", "CID of the model blob, or a FILE to add first (required)")
	price := fs.String("price", "", "price per request, in wei (required)")
	slots := fs.Int("slots", 0, "requests run at once (default 2)")
	window := fs.Int("window", 0, "requests a session may have outstanding (default 64)")
	credit := fs.String("credit-limit", "", "unpaid wei after which a client is stopped (default 4×window×price)")
	auto := fs.Bool("auto", false, "stand by: serve only while the service's providers are busy, join and leave with demand")
	joinLoad := fs.Float64("join-load", 0, "with --auto: join when the providers' mean load is at least this (default 0.75)")
	leaveLoad := fs.Float64("leave-load", 0, "with --auto: leave when the mean load is at most this (default 0.25)")
	minProv := fs.Int("min-providers", 0, "with --auto: other providers that must remain to leave; join when fewer serve (default 1, -1: no floor)")
	hold := fs.Duration("hold", 0, "with --auto: how long demand must last before joining or leaving (default 30s)")
	stop := fs.String("stop", "", "stop serving SERVICE (\"<workload>:<model CID>\", served or on standby) and forget it")
	asJSON := fs.Bool("json", false, "print JSON")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: ogpu serve --workload mlp --model CID|FILE --price WEI [--slots N] [--auto [--join-load L] [--leave-load L] [--min-providers N] [--hold D]] [--json]\n"+
			"       ogpu serve --stop SERVICE\n\n"+
			"The daemon remembers what it serves and serves it again after a restart, until --stop.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *stop != "" {
		if *model != "" || *price != "" || *auto {
			return exitUsage{errors.New("--stop takes no other service flags")}
		}
		c, err := dialAPI(&nf)
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodDelete, c.base+"/v1/services/"+url.PathEscape(*stop), nil)
		if err != nil {
			return err
		}
		var out map[string]string
		if err := c.do(req, &out); err != nil {
			return err
		}
		if *asJSON {
			return printJSON(stdout, out)
		}
		fmt.Fprintf(stdout, "stopped serving %s\n", *stop)
		return nil
	}
	if *model == "" || *price == "" {
		fs.Usage()
		return exitUsage{errors.New("serve needs --model and --price")}
	}
	if !*auto && (*joinLoad != 0 || *leaveLoad != 0 || *minProv != 0 || *hold != 0) {
		return exitUsage{errors.New("--join-load, --leave-load, --min-providers and --hold need --auto")}
	}
	if *hold < 0 {
		return exitUsage{fmt.Errorf("--hold %s is negative", *hold)}
	}
	c, err := dialAPI(&nf)
	if err != nil {
		return err
	}
	m := *model
	if _, err := cid.Decode(m); err != nil {
		b, ferr := os.ReadFile(m)
		if ferr != nil {
			return exitUsage{fmt.Errorf("--model %q is neither a CID nor a readable file: %w", m, ferr)}
		}
		var add node.AddResponse
		if err := c.post(ctx, "/v1/content", b, &add); err != nil {
			return fmt.Errorf("add model: %w", err)
		}
		m = add.CID
	}
	var info stream.ServingInfo
	req := node.ServeRequest{Workload: *workload, Model: m, Price: *price, Slots: *slots, Window: *window, CreditLimit: *credit,
		Auto: *auto, JoinLoad: *joinLoad, LeaveLoad: *leaveLoad, MinProviders: *minProv, HoldS: hold.Seconds()}
	if err := c.post(ctx, "/v1/services", req, &info); err != nil {
		return err
	}
	if *asJSON {
		return printJSON(stdout, info)
	}
	if a := info.Auto; a != nil {
		fmt.Fprintf(stdout, "standing by for %s at %s wei per request (%d slots): joins when the providers' mean load is ≥ %.2f for %gs, leaves at ≤ %.2f (keeping %d other providers)\nclients: ogpu stream %s --input FILE\n",
			info.Service, info.Price, info.Slots, a.JoinLoad, a.HoldS, a.LeaveLoad, a.MinProviders, shellQuote(info.Service))
		return nil
	}
	fmt.Fprintf(stdout, "serving %s at %s wei per request (%d slots)\nclients: ogpu stream %s --input FILE\n",
		info.Service, info.Price, info.Slots, shellQuote(info.Service))
	return nil
}

func shellQuote(s string) string {
	if strings.ContainsAny(s, " '\"$") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}
