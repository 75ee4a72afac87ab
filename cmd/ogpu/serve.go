package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
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
	asJSON := fs.Bool("json", false, "print JSON")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: ogpu serve --workload mlp --model CID|FILE --price WEI [--slots N] [--json]\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *model == "" || *price == "" {
		fs.Usage()
		return exitUsage{errors.New("serve needs --model and --price")}
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
	req := node.ServeRequest{Workload: *workload, Model: m, Price: *price, Slots: *slots, Window: *window, CreditLimit: *credit}
	if err := c.post(ctx, "/v1/services", req, &info); err != nil {
		return err
	}
	if *asJSON {
		return printJSON(stdout, info)
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
