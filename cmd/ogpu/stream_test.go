package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/node"
)

// TestServeAndStream: `ogpu serve` on one daemon, `ogpu stream` on
// another that knows it only through a bootstrap node.
func TestServeAndStream(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	boot := startDaemon(t, initDir(t, "--bootstrap-node"), "bootstrap")
	var listen []string
	for _, a := range boot.status()["listen"].([]any) {
		listen = append(listen, a.(string))
	}
	bootArg := strings.Join(listen, ",")
	prov := startDaemon(t, initDir(t), "run", "--bootstrap", bootArg)
	client := startDaemon(t, initDir(t), "run", "--bootstrap", bootArg)

	dir := t.TempDir()
	model, err := exec.MLPModel([]int{8, 16, 4}, 3)
	if err != nil {
		t.Fatal(err)
	}
	x, err := exec.F32Blob([]int{2, 8}, make([]float32, 16))
	if err != nil {
		t.Fatal(err)
	}
	modelFile, inFile := filepath.Join(dir, "model.blob"), filepath.Join(dir, "x.blob")
	os.WriteFile(modelFile, model, 0o600)
	os.WriteFile(inFile, x, 0o600)

	out, err := ogpu(t, "serve", "--datadir", prov.datadir, "--model", modelFile, "--price", "7", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var info struct{ Service string }
	if err := json.Unmarshal([]byte(out), &info); err != nil || !strings.HasPrefix(info.Service, "mlp:") {
		t.Fatalf("serve printed %q (%v)", out, err)
	}
	out, err = ogpu(t, "stream", info.Service, "--datadir", client.datadir, "--input", inFile, "--repeat", "25", "--json")
	if err != nil {
		t.Fatalf("%v\nprovider log:\n%s", err, prov.out.String())
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 26 {
		t.Fatalf("got %d lines, want 25 requests and a summary:\n%s", len(lines), out)
	}
	var last node.StreamLine
	if err := json.Unmarshal([]byte(lines[25]), &last); err != nil || last.Summary == nil {
		t.Fatalf("last line %q is not a summary (%v)", lines[25], err)
	}
	if s := last.Summary; s.Answered != 25 || s.Failed != 0 || s.Paid != "175" {
		t.Fatalf("summary %+v", s)
	}

	// The client daemon stands by for the same service: it is served, so
	// the standby watches and does not join.
	modelCID := strings.TrimPrefix(info.Service, "mlp:")
	out, err = ogpu(t, "serve", "--datadir", client.datadir, "--model", modelCID, "--price", "7", "--auto", "--hold", "1m", "--leave-load", "0.1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "standing by for "+info.Service) || !strings.Contains(out, "≤ 0.10") || !strings.Contains(out, "for 60s") {
		t.Fatalf("serve --auto printed %q", out)
	}

	// --stop ends the standby and forgets it; a second --stop says so.
	out, err = ogpu(t, "serve", "--datadir", client.datadir, "--stop", info.Service)
	if err != nil || !strings.Contains(out, "stopped serving "+info.Service) {
		t.Fatalf("serve --stop: %q (%v)", out, err)
	}
	if out, err := ogpu(t, "serve", "--datadir", client.datadir, "--stop", info.Service); err == nil || !strings.Contains(out+err.Error(), "not served here") {
		t.Fatalf("second serve --stop: %q (%v), want an error saying it is not served", out, err)
	}
}
