package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ogpu/ogpu/node"
)

// apiClient talks to a running daemon's JSON API.
type apiClient struct {
	base string
	hc   *http.Client
}

// dialAPI finds the daemon: --api wins, else <datadir>/api.
func dialAPI(nf *nodeFlags) (*apiClient, error) {
	addr := nf.api
	if addr == "" {
		b, err := os.ReadFile(filepath.Join(nf.datadir, node.APIFileName))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no running node found for data directory %s (start one with 'ogpu run', or pass --api host:port)", nf.datadir)
		}
		if err != nil {
			return nil, err
		}
		addr = strings.TrimSpace(string(b))
	}
	return &apiClient{base: "http://" + addr, hc: &http.Client{Timeout: 30 * time.Second}}, nil
}

// get decodes GET path into v.
func (c *apiClient) get(ctx context.Context, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return err
	}
	return c.do(req, v)
}

func (c *apiClient) do(req *http.Request, v any) error {
	resp, err := c.hc.Do(req)
	if err != nil {
		return fmt.Errorf("node API at %s not answering (is 'ogpu run' up?): %w", c.base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		var e struct{ Error string }
		json.NewDecoder(resp.Body).Decode(&e)
		if e.Error == "" {
			e.Error = resp.Status
		}
		return errors.New(e.Error)
	}
	if v == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// read GETs path: with asJSON it copies the daemon's JSON to stdout and
// reports done; otherwise it decodes the body into v for a text display.
func (c *apiClient) read(ctx context.Context, path string, asJSON bool, stdout io.Writer, v any) (done bool, err error) {
	var raw json.RawMessage
	if err := c.get(ctx, path, &raw); err != nil {
		return false, err
	}
	if asJSON {
		_, err := stdout.Write(append(raw, '\n'))
		return true, err
	}
	return false, json.Unmarshal(raw, v)
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func cmdStatus(ctx context.Context, stdout, _ io.Writer, args []string) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	var nf nodeFlags
	nf.register(fs, false)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := dialAPI(&nf)
	if err != nil {
		return err
	}
	var st node.Status
	if done, err := c.read(ctx, "/v1/status", *asJSON, stdout, &st); done || err != nil {
		return err
	}
	fmt.Fprintf(stdout, "peer     %s\naddress  %s\nroles    %v\nuptime   %s\npeers    %d\n", st.PeerID, st.Address, st.Roles, st.Uptime, st.Peers)
	for _, a := range st.Listen {
		fmt.Fprintf(stdout, "listen   %s\n", a)
	}
	if len(st.GPUs) == 0 {
		fmt.Fprintf(stdout, "gpus     none (%s); %d CPU cores\n", st.Backend, st.CPUCores)
	}
	for _, g := range st.GPUs {
		fmt.Fprintf(stdout, "gpu      %s  %d MiB  cc %d.%d  %d%% util  %d°C\n", g.Name, g.MemoryTotal>>20, g.CCMajor, g.CCMinor, g.UtilizationPct, g.TemperatureC)
	}
	fmt.Fprintf(stdout, "\ncapacity table (%d peers)\n", len(st.Capacity))
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PEER\tADDRESS\tGPUS\tCPU\tROLES\tUPDATED")
	for _, e := range st.Capacity {
		id := e.PeerID.String()
		if len(id) > 12 {
			id = "…" + id[len(id)-12:]
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s ago\n", id, e.Address.Hex(), len(e.GPUs), e.CPUCores, strings.Join(e.Roles, ","), time.Since(e.Updated).Round(time.Second))
	}
	return tw.Flush()
}
