//go:build gpu

package cuda_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/exec/cuda"
	"github.com/ogpu/ogpu/exec/exectest"
)

func openGPU(tb testing.TB) *cuda.Backend {
	tb.Helper()
	b, err := cuda.Open(0, cuda.Config{})
	if err != nil {
		tb.Fatalf("-tags gpu needs a CUDA GPU: %v", err)
	}
	tb.Cleanup(func() {
		if err := b.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return b
}

// TestGPUSuite runs the shared conformance suite on GPU 0.
func TestGPUSuite(t *testing.T) { exectest.Suite(t, openGPU(t)) }

// TestGPULargeMatmul checks a size with many tiles and several row chunks
// against the CPU backend with Freivalds and Compare.
func TestGPULargeMatmul(t *testing.T) {
	b := openGPU(t)
	p := exec.Params{"m": "3000", "k": "1500", "n": "2100"}
	in, _ := exec.Matmul{}.RandomInputs(p, 42)
	res, err := b.Run(context.Background(), exec.Task{Workload: "matmul", Params: p, Inputs: in})
	if err != nil {
		t.Fatal(err)
	}
	if err := exec.Freivalds(in[0], in[1], res.Output, 8, 7); err != nil {
		t.Fatal(err)
	}
	cpu, err := exec.NewCPU(exec.CPUConfig{}).Run(context.Background(), exec.Task{Workload: "matmul", Params: p, Inputs: in})
	if err != nil {
		t.Fatal(err)
	}
	if err := (exec.Matmul{}).Compare(p, cpu.Output, res.Output); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkGPULaunch measures a whole tiny run (validation, stream, alloc,
// copies, one launch, sync): the per-task overhead of the backend.
func BenchmarkGPULaunch(b *testing.B) {
	g := openGPU(b)
	p := exec.Params{"m": "1", "k": "1", "n": "1"}
	in, _ := exec.Matmul{}.RandomInputs(p, 1)
	t := exec.Task{Workload: "matmul", Params: p, Inputs: in}
	for b.Loop() {
		if _, err := g.Run(context.Background(), t); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGPUMatmul(b *testing.B) {
	g := openGPU(b)
	for _, n := range []int{256, 1024, 2048, 4096} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s := strconv.Itoa(n)
			p := exec.Params{"m": s, "k": s, "n": s}
			in, _ := exec.Matmul{}.RandomInputs(p, 1)
			t := exec.Task{Workload: "matmul", Params: p, Inputs: in}
			for b.Loop() {
				if _, err := g.Run(context.Background(), t); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(2*float64(n)*float64(n)*float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOPS")
		})
	}
}

func BenchmarkGPUHashgrind(b *testing.B) {
	g := openGPU(b)
	const span = 1 << 30
	p := exec.Params{"prefix": "6f677075", "end": strconv.Itoa(span), "difficulty": "64"}
	for b.Loop() {
		if _, err := g.Run(context.Background(), exec.Task{Workload: "hashgrind", Params: p}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(span*float64(b.N)/b.Elapsed().Seconds()/1e6, "MH/s")
}

func BenchmarkGPURender(b *testing.B) {
	g := openGPU(b)
	p := exec.Params{"width": "4096", "height": "3072", "max_iter": "256"}
	for b.Loop() {
		if _, err := g.Run(context.Background(), exec.Task{Workload: "render", Params: p}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(4096*3072*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mpixel/s")
}
