package node_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/ogpu/ogpu/node"
)

// TestContentGCKeepsUserAdds: the node's content GC (content.gc_interval)
// deletes what nobody pinned once its grace has passed, never what the
// user added through POST /v1/content, and counts what it deleted in
// ogpu_content_gc_blocks_total.
func TestContentGCKeepsUserAdds(t *testing.T) {
	var mu sync.Mutex
	var off time.Duration
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return time.Now().Add(off)
	}
	cfg := node.Simulation()
	cfg.API.Listen = "127.0.0.1:0"
	cfg.Content.GCInterval = node.Duration(10 * time.Millisecond)
	n, err := node.New(cfg, node.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := n.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer n.Close()

	resp, err := http.Post("http://"+n.APIAddr()+"/v1/content", "application/octet-stream", bytes.NewReader([]byte("the user's input")))
	if err != nil {
		t.Fatal(err)
	}
	var added node.AddResponse
	err = json.NewDecoder(resp.Body).Decode(&added)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /v1/content: %d %v", resp.StatusCode, err)
	}
	user, err := cid.Decode(added.CID)
	if err != nil {
		t.Fatal(err)
	}
	cs := n.Content()
	if pins, err := cs.Pins(ctx); err != nil || !slices.ContainsFunc(pins, user.Equals) {
		t.Fatalf("pins after POST /v1/content: %v, %v; want %s", pins, err, user)
	}
	loose, err := cs.AddBytes(ctx, []byte("added, never pinned"))
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	off = 2 * time.Minute // past the GC grace
	mu.Unlock()
	for deadline := time.Now().Add(10 * time.Second); ; {
		if has, err := cs.Has(ctx, loose); err != nil {
			t.Fatal(err)
		} else if !has {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("content GC never took the unpinned block")
		}
		time.Sleep(10 * time.Millisecond) // poll interval of a deadline loop
	}
	if has, err := cs.Has(ctx, user); err != nil || !has {
		t.Fatalf("the user's pinned add is gone: %v", err)
	}
	m := scrape(t, "http://"+n.APIAddr()+"/metrics")
	if v := m["ogpu_content_gc_blocks_total"]; v < 1 {
		t.Fatalf("ogpu_content_gc_blocks_total = %v, want ≥ 1", v)
	}
}
