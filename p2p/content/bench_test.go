package content

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"strconv"
	"testing"
	"time"
)

// benchSize is the payload of BenchmarkFetch and BenchmarkRawTCP: 256 MiB,
// or OGPU_BENCH_MB MiB.
func benchSize() int {
	if v, err := strconv.Atoi(os.Getenv("OGPU_BENCH_MB")); err == nil && v > 0 {
		return v << 20
	}
	return 256 << 20
}

func reportMBps(b *testing.B, bytes int, elapsed time.Duration) {
	b.ReportMetric(float64(bytes)*float64(b.N)/elapsed.Seconds()/1e6, "MB/s")
}

// BenchmarkFetch moves benchSize bytes of UnixFS content between two
// loopback nodes (TCP, in-memory blockstores) by bitswap and reports MB/s,
// with boxo's defaults, with tuned bitswap alone, and tuned with the graph
// prefetch. Compare with BenchmarkRawTCP.
func BenchmarkFetch(b *testing.B) {
	size := benchSize()
	data := make([]byte, size)
	for i := range data {
		data[i] = byte(i*7 + i>>11)
	}
	defaults, noPrefetch, tuned := Defaults(), Tuned(), Tuned()
	noPrefetch.FetchConcurrency = 0
	for _, bc := range []struct {
		name string
		t    Tuning
	}{{"defaults", defaults}, {"tuned-no-prefetch", noPrefetch}, {"tuned", tuned}} {
		b.Run(bc.name, func(b *testing.B) {
			srv := newNode(b, Config{Tuning: &bc.t})
			ctx := context.Background()
			c, err := srv.store.AddBytes(ctx, data)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(size))
			b.ResetTimer()
			var total time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				cli := newNode(b, Config{Tuning: &bc.t})
				connect(b, cli, srv)
				fctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
				b.StartTimer()
				t0 := time.Now()
				got, err := cli.store.Get(fctx, c, int64(size))
				total += time.Since(t0)
				b.StopTimer()
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				if !bytes.Equal(got, data) {
					b.Fatal("fetched content differs")
				}
				cli.close(b)()
				b.StartTimer()
			}
			reportMBps(b, size, total)
		})
	}
}

// BenchmarkRawTCP copies benchSize bytes over one loopback TCP connection:
// the ceiling for BenchmarkFetch on this machine.
func BenchmarkRawTCP(b *testing.B) {
	size := benchSize()
	buf := make([]byte, 1<<20)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	done := make(chan error, 1)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				done <- nil
				return
			}
			_, err = io.Copy(io.Discard, c)
			c.Close()
			if err != nil {
				done <- err
				return
			}
		}
	}()
	b.SetBytes(int64(size))
	var total time.Duration
	for i := 0; i < b.N; i++ {
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		for n := 0; n < size; n += len(buf) {
			if _, err := c.Write(buf); err != nil {
				b.Fatal(err)
			}
		}
		c.Close()
		total += time.Since(t0)
	}
	reportMBps(b, size, total)
	l.Close()
	if err := <-done; err != nil {
		b.Fatal(err)
	}
}
