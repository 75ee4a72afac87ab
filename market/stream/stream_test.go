package stream_test

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ogpu/ogpu/market/stream"
)

func TestDo(t *testing.T) {
	c := newCluster(t, clusterOpts{n: 3})
	svc := c.serve(10, nil, 1, 2)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ss, err := c.members[0].st.Open(ctx, svc.ID(), stream.SessionOptions{SampleRate: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	for i := range 20 {
		in := input(t, 1+i%3, uint64(i))
		out, err := ss.Do(ctx, in)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		if err := c.matches(in, out); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	st := ss.Stats()
	if st.Answered != 20 || st.Failovers != 0 || st.Duplicates != 0 {
		t.Fatalf("stats %+v", st)
	}
	// A malformed input is the caller's error, not a failover.
	if _, err := ss.Do(ctx, []byte("not a blob")); !errors.Is(err, stream.ErrBadInput) {
		t.Fatalf("bad input: err = %v, want ErrBadInput", err)
	}
	if st := ss.Stats(); st.Failovers != 0 {
		t.Fatalf("bad input caused a failover: %+v", st)
	}
}

func TestOpenNoProvider(t *testing.T) {
	c := newCluster(t, clusterOpts{n: 2})
	svc := stream.Service{Workload: "mlp", Model: c.model}
	_, err := c.members[0].st.Open(context.Background(), svc.ID(), stream.SessionOptions{DiscoveryTimeout: 300 * time.Millisecond})
	if !errors.Is(err, stream.ErrNoProviders) {
		t.Fatalf("err = %v, want ErrNoProviders", err)
	}
}

func TestServiceID(t *testing.T) {
	c := newCluster(t, clusterOpts{n: 1})
	svc := stream.Service{Workload: "mlp", Model: c.model}
	got, err := stream.ParseService(svc.ID())
	if err != nil || got != svc {
		t.Fatalf("ParseService(%q) = %v, %v", svc.ID(), got, err)
	}
	for _, bad := range []string{"", "mlp", "mlp:", ":" + c.model.String(), "mlp:notacid"} {
		if _, err := stream.ParseService(bad); !errors.Is(err, stream.ErrBadService) {
			t.Errorf("ParseService(%q): err = %v", bad, err)
		}
	}
	if _, err := c.members[0].st.Serve(context.Background(), stream.ServiceSpec{Workload: "matmul", Model: c.model, Price: big.NewInt(1)}); !errors.Is(err, stream.ErrBadService) {
		t.Fatalf("serving matmul: err = %v", err)
	}
}
