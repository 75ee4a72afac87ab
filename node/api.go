package node

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// APIFileName is the file in the data directory holding the running
// daemon's API address as host:port, so the CLI finds it.
const APIFileName = "api"

// api serves the local JSON API. Routes are registered on its own mux,
// never on http.DefaultServeMux.
type api struct {
	n   *Node
	srv *http.Server
	ln  net.Listener
	mux *http.ServeMux
	met *metrics // /metrics; see metrics.go
}

func newAPI(n *Node) *api {
	a := &api{n: n, mux: http.NewServeMux()}
	a.mux.HandleFunc("GET /v1/status", a.status)
	a.mux.HandleFunc("GET /v1/peers", a.peers)
	a.mux.HandleFunc("GET /v1/capacity", a.capacity)
	a.met = newMetrics(n)
	a.mux.Handle("GET /metrics", a.met.handler())
	a.mux.HandleFunc("GET /v1/payments", a.payments)
	a.dashboardRoutes()
	a.srv = &http.Server{Handler: a.mux, ReadHeaderTimeout: 5 * time.Second}
	return a
}

// handle lets other parts of the node add routes before Start.
func (a *api) handle(pattern string, h http.HandlerFunc) { a.mux.HandleFunc(pattern, h) }

func (a *api) start(addr, datadir string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("%w: api address %s is in use (is another ogpu running? pick another with --api)", ErrAddrInUse, addr)
		}
		return fmt.Errorf("node: api listen %s: %w", addr, err)
	}
	a.ln = ln
	if datadir != "" {
		if err := os.WriteFile(filepath.Join(datadir, APIFileName), []byte(ln.Addr().String()+"\n"), 0o600); err != nil {
			ln.Close()
			return fmt.Errorf("node: write api file: %w", err)
		}
	}
	if a.n.market != nil {
		events := a.n.market.Events() // closes when the market closes
		a.n.wg.Add(1)
		go func() {
			defer a.n.wg.Done()
			a.met.watch(events)
		}()
	}
	a.n.wg.Add(1)
	go func() {
		defer a.n.wg.Done()
		if err := a.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.n.log.Error("api server stopped", "err", err)
		}
	}()
	return nil
}

func (a *api) addr() string {
	if a.ln == nil {
		return ""
	}
	return a.ln.Addr().String()
}

func (a *api) close(datadir string) error {
	if a.ln == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := a.srv.Shutdown(ctx)
	if datadir != "" {
		os.Remove(filepath.Join(datadir, APIFileName))
	}
	return err
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func writeErr(w http.ResponseWriter, code int, err error) {
	writeJSON(w, code, map[string]string{"error": err.Error()})
}

func (a *api) status(w http.ResponseWriter, _ *http.Request) { writeJSON(w, 200, a.n.Status()) }
func (a *api) peers(w http.ResponseWriter, _ *http.Request)  { writeJSON(w, 200, a.n.Peers()) }
func (a *api) capacity(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, 200, a.n.Capacity())
}

func (a *api) payments(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, 200, a.met.payments(r.Context()))
}
