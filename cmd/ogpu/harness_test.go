package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The process harness: TestMain builds the real ogpu binary once; tests
// start daemons from it and drive them through the CLI, as users do.

var ogpuBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ogpu-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ogpuBin = filepath.Join(dir, "ogpu")
	build := exec.Command("go", "build", "-o", ogpuBin, ".")
	// The release configuration (make build): SIMD kernels on.
	build.Env = append(os.Environ(), "CGO_CFLAGS=-O2 -g -Wno-deprecated-declarations", "GOEXPERIMENT=simd")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build ogpu: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// syncBuffer is a bytes.Buffer safe for a process writer and a test reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// daemon is a running ogpu process.
type daemon struct {
	t       *testing.T
	datadir string
	cmd     *exec.Cmd
	out     *syncBuffer
	done    chan error
}

// ogpu runs one CLI command to completion and returns its stdout.
func ogpu(t *testing.T, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, ogpuBin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return stdout.String(), fmt.Errorf("ogpu %s: %w\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String(), nil
}

// initDir runs `ogpu init` in a fresh data directory.
func initDir(t *testing.T, extra ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "node")
	if _, err := ogpu(t, append([]string{"init", "--datadir", dir}, extra...)...); err != nil {
		t.Fatal(err)
	}
	return dir
}

// startDaemon starts `ogpu <cmd> --datadir dir args…` on loopback with
// random ports and waits until its API answers.
func startDaemon(t *testing.T, dir, sub string, args ...string) *daemon {
	t.Helper()
	all := append([]string{sub, "--datadir", dir, "--listen", "/ip4/127.0.0.1/tcp/0,/ip4/127.0.0.1/udp/0/quic-v1", "--api", "127.0.0.1:0"}, args...)
	cmd := exec.Command(ogpuBin, all...)
	cmd.Env = append(os.Environ(), "OGPU_MDNS=false")
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d := &daemon{t: t, datadir: dir, cmd: cmd, out: out, done: make(chan error, 1)}
	go func() { d.done <- cmd.Wait() }()
	t.Cleanup(d.stop)
	waitUntil(t, 30*time.Second, func() bool {
		select {
		case err := <-d.done:
			d.done <- err
			t.Fatalf("ogpu %s exited early: %v\n%s", sub, err, out.String())
		default:
		}
		_, err := ogpu(t, "status", "--datadir", dir, "--json")
		return err == nil
	})
	return d
}

// stop sends SIGINT and waits for a clean exit.
func (d *daemon) stop() {
	if d.cmd.ProcessState != nil {
		return
	}
	d.cmd.Process.Signal(syscall.SIGINT)
	select {
	case err := <-d.done:
		d.done <- err
		if err != nil {
			d.t.Errorf("daemon %s exited with %v\n%s", d.datadir, err, d.out.String())
		}
	case <-time.After(20 * time.Second):
		d.cmd.Process.Kill()
		d.t.Errorf("daemon %s did not stop on SIGINT\n%s", d.datadir, d.out.String())
	}
}

// status returns `ogpu status --json` decoded.
func (d *daemon) status() map[string]any {
	d.t.Helper()
	out, err := ogpu(d.t, "status", "--datadir", d.datadir, "--json")
	if err != nil {
		d.t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		d.t.Fatalf("status --json is not JSON: %v\n%s", err, out)
	}
	return m
}

// waitUntil polls cond every 100 ms until it holds or the timeout passes.
func waitUntil(t *testing.T, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", timeout)
		}
		time.Sleep(100 * time.Millisecond) // poll interval of a deadline loop
	}
}
