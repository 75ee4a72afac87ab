package stream_test

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market/stream"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/content"
	"github.com/ogpu/ogpu/p2p/identity"
)

// loopback starts n members on real TCP hosts on 127.0.0.1, all
// connected; member 0 is the client.
func loopback(b *testing.B, n int) []*member {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	reg := exec.DefaultRegistry()
	var ms []*member
	for i := range n {
		k, err := identity.Generate()
		if err != nil {
			b.Fatal(err)
		}
		m := &member{key: k}
		if m.net, err = p2p.New(p2p.Config{Key: k, ListenAddrs: []string{"/ip4/127.0.0.1/tcp/0"}, DHTMode: p2p.DHTOff, Logger: logger()}); err != nil {
			b.Fatal(err)
		}
		if err := m.net.Start(ctx); err != nil {
			b.Fatal(err)
		}
		m.host = m.net.Host()
		if m.content, err = content.New(content.Config{Host: m.host, InMemory: true, Logger: logger()}); err != nil {
			b.Fatal(err)
		}
		if err := m.content.Start(ctx); err != nil {
			b.Fatal(err)
		}
		cpu := exec.NewCPU(exec.CPUConfig{Registry: reg, Workers: 1})
		cfg := stream.Config{Net: m.net, Key: k, Content: m.content, Workloads: reg, Heartbeat: 200 * time.Millisecond, Logger: logger().With("member", i)}
		if i > 0 {
			cfg.Runner = cpu
		}
		if m.st, err = stream.New(cfg); err != nil {
			b.Fatal(err)
		}
		if err := m.st.Start(ctx); err != nil {
			b.Fatal(err)
		}
		ms = append(ms, m)
		b.Cleanup(func() {
			m.st.Close()
			m.content.Close()
			m.net.Close()
			cpu.Close()
		})
	}
	for i, a := range ms {
		for _, o := range ms[i+1:] {
			if err := a.host.Connect(ctx, peer.AddrInfo{ID: o.host.ID(), Addrs: o.host.Addrs()}); err != nil {
				b.Fatal(err)
			}
		}
	}
	return ms
}

// benchService serves an mlp of layers on members[1:] and opens a session
// from members[0].
func benchService(b *testing.B, ms []*member, layers []int, opts stream.SessionOptions) (*stream.Session, []byte) {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	model, err := exec.MLPModel(layers, 1)
	if err != nil {
		b.Fatal(err)
	}
	c, err := ms[1].content.AddBytes(ctx, model)
	if err != nil {
		b.Fatal(err)
	}
	var svc stream.Service
	for _, m := range ms[1:] {
		sv, err := m.st.Serve(ctx, stream.ServiceSpec{Workload: "mlp", Model: c, Price: big.NewInt(100), Slots: 1})
		if err != nil {
			b.Fatal(err)
		}
		svc = sv.Service()
	}
	opts.SampleRate = -1
	ss, err := ms[0].st.Open(ctx, svc.ID(), opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ss.Close() })
	x := make([]float32, layers[0])
	for i := range x {
		x[i] = float32(i%7) / 7
	}
	in, err := exec.F32Blob([]int{1, layers[0]}, x)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := ss.Do(ctx, in); err != nil { // warm: stream open, model loaded
		b.Fatal(err)
	}
	return ss, in
}

var benchModels = []struct {
	name   string
	layers []int
}{
	{"mlp-16-32-8", []int{16, 32, 8}},
	{"mlp-256-512-512-10", []int{256, 512, 512, 10}},
}

// BenchmarkStreamLatency: one request at a time (Do) over loopback TCP to
// one provider; reports p50 and p99 per-request latency.
func BenchmarkStreamLatency(b *testing.B) {
	for _, m := range benchModels {
		b.Run(m.name, func(b *testing.B) {
			ms := loopback(b, 2)
			ss, in := benchService(b, ms, m.layers, stream.SessionOptions{})
			ctx := context.Background()
			lat := make([]time.Duration, 0, b.N)
			for b.Loop() {
				t0 := time.Now()
				if _, err := ss.Do(ctx, in); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			q := func(f float64) float64 {
				return float64(lat[min(len(lat)-1, int(f*float64(len(lat))))].Microseconds()) / 1000
			}
			b.ReportMetric(q(0.50), "p50-ms")
			b.ReportMetric(q(0.99), "p99-ms")
		})
	}
}

// BenchmarkStreamThroughput: pipelined requests (Send/Results, ordered)
// over loopback TCP to 1 or 2 providers (one slot each); reports
// sustained requests per second.
func BenchmarkStreamThroughput(b *testing.B) {
	for _, m := range benchModels {
		for _, providers := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/providers=%d", m.name, providers), func(b *testing.B) {
				ms := loopback(b, 1+providers)
				ss, in := benchService(b, ms, m.layers, stream.SessionOptions{Ordered: true, MaxProviders: providers})
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				b.ResetTimer()
				start := time.Now()
				go func() {
					for range b.N {
						if _, err := ss.Send(ctx, in); err != nil {
							return
						}
					}
				}()
				for range b.N {
					if r := <-ss.Results(); r.Err != nil {
						b.Fatal(r.Err)
					}
				}
				b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
			})
		}
	}
}
