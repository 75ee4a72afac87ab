package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
)

func cmdGet(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("get", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var nf nodeFlags
	nf.register(fs, false)
	out := fs.String("o", "", "write to this file (default: standard output)")
	// Accept "get CID -o FILE" as well as "get -o FILE CID".
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	var cidArg string
	if len(pos) == 1 {
		cidArg = pos[0]
	}
	if cidArg == "" {
		return exitUsage{errors.New("usage: ogpu get CID [-o FILE]")}
	}
	c, err := dialAPI(&nf)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/v1/content/"+cidArg, nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return fmt.Errorf("node API at %s not answering (is 'ogpu run' up?): %w", c.base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return c.do(req, nil) // re-issue to decode the error the usual way
	}
	var w io.Writer = stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(stderr, "wrote %d bytes to %s\n", n, *out)
	}
	return nil
}
