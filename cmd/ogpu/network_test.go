package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestThreeProcesses: `ogpu bootstrap` and two `ogpu run --bootstrap …`
// as real processes on 127.0.0.1; each run node lists the other in the
// capacity table of `ogpu status --json`.
func TestThreeProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	boot := startDaemon(t, initDir(t, "--bootstrap-node"), "bootstrap")
	st := boot.status()
	var listen []string
	for _, a := range st["listen"].([]any) {
		listen = append(listen, a.(string))
	}
	if len(listen) == 0 || !strings.Contains(listen[0], "/p2p/") {
		t.Fatalf("bootstrap listen addrs %v lack /p2p/", listen)
	}
	bootArg := strings.Join(listen, ",")
	a := startDaemon(t, initDir(t), "run", "--bootstrap", bootArg)
	b := startDaemon(t, initDir(t), "run", "--bootstrap", bootArg)
	aID, bID := a.status()["peer_id"].(string), b.status()["peer_id"].(string)

	lists := func(d *daemon, other string) bool {
		for _, e := range d.status()["capacity"].([]any) {
			if e.(map[string]any)["peer_id"] == other {
				return true
			}
		}
		return false
	}
	waitUntil(t, 45*time.Second, func() bool { return lists(a, bID) && lists(b, aID) })

	// The JSON keys scripts rely on.
	s := a.status()
	for _, k := range []string{"peer_id", "address", "roles", "listen", "peers", "gpus", "capacity"} {
		if _, ok := s[k]; !ok {
			t.Errorf("status --json lacks %q", k)
		}
	}
	for _, e := range s["capacity"].([]any) {
		for _, k := range []string{"peer_id", "address", "gpus", "cpu_cores", "updated"} {
			if _, ok := e.(map[string]any)[k]; !ok {
				t.Errorf("capacity entry lacks %q: %v", k, e)
			}
		}
	}
}

func TestCLIErrors(t *testing.T) {
	dir := initDir(t)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing datadir", []string{"run", "--datadir", filepath.Join(t.TempDir(), "nope")}, 1, "ogpu init"},
		{"bad bootstrap", []string{"run", "--datadir", dir, "--bootstrap", "not-a-multiaddr", "--api", "127.0.0.1:0"}, 1, "not a multiaddr"},
		{"bad flag", []string{"status", "--frobnicate"}, 2, "flag provided but not defined"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"no daemon", []string{"status", "--datadir", dir}, 1, "no running node"},
		{"policy without auto", []string{"serve", "--datadir", dir, "--model", "m", "--price", "1", "--join-load", "0.5"}, 2, "need --auto"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(ogpuBin, tc.args...)
			out, err := cmd.CombinedOutput()
			ee, ok := err.(*exec.ExitError)
			if !ok || ee.ExitCode() != tc.code || !strings.Contains(string(out), tc.want) {
				t.Fatalf("exit %v, output %q; want code %d mentioning %q", err, out, tc.code, tc.want)
			}
		})
	}
}

// TestPortInUse: a second daemon on a taken API port fails with a clear error.
func TestPortInUse(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	first := startDaemon(t, initDir(t), "run")
	api, _ := os.ReadFile(filepath.Join(first.datadir, "api"))
	cmd := exec.Command(ogpuBin, "run", "--datadir", initDir(t), "--listen", "/ip4/127.0.0.1/tcp/0", "--api", strings.TrimSpace(string(api)))
	cmd.Env = append(os.Environ(), "OGPU_MDNS=false")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "in use") {
		t.Fatalf("second daemon on the same API port: %v\n%s", err, out)
	}
	var st map[string]any
	if o, err := ogpu(t, "status", "--datadir", first.datadir, "--json"); err != nil || json.Unmarshal([]byte(o), &st) != nil {
		t.Fatalf("first daemon stopped answering: %v", err)
	}
}
