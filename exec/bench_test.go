package exec_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"

	"github.com/ogpu/ogpu/exec"
)

// BenchmarkMatmul reports GFLOPS of the CPU backend's matmul (including blob
// decoding and validation) beside gonum's blas32 Sgemm on the same sizes.
func BenchmarkMatmul(b *testing.B) {
	for _, n := range []int{256, 1024, 2048} {
		p := exec.Params{"m": strconv.Itoa(n), "k": strconv.Itoa(n), "n": strconv.Itoa(n)}
		flops := 2 * float64(n) * float64(n) * float64(n)
		b.Run(fmt.Sprintf("ogpu/n=%d", n), func(b *testing.B) {
			cpu := exec.NewCPU(exec.CPUConfig{})
			in, err := exec.Matmul{}.RandomInputs(p, 1)
			if err != nil {
				b.Fatal(err)
			}
			t := exec.Task{Workload: "matmul", Params: p, Inputs: in}
			res, err := cpu.Run(context.Background(), t)
			if err != nil {
				b.Fatal(err)
			}
			t.Output = res.Output
			b.ResetTimer()
			for b.Loop() {
				if _, err := cpu.Run(context.Background(), t); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOPS")
		})
		b.Run(fmt.Sprintf("gonum/n=%d", n), func(b *testing.B) {
			mk := func() blas32.General {
				g := blas32.General{Rows: n, Cols: n, Stride: n, Data: make([]float32, n*n)}
				for i := range g.Data {
					g.Data[i] = float32(i%7) - 3
				}
				return g
			}
			a, bb, c := mk(), mk(), mk()
			for b.Loop() {
				blas32.Gemm(blas.NoTrans, blas.NoTrans, 1, a, bb, 0, c)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOPS")
		})
	}
}

// BenchmarkHashgrind reports MH/s over a range with no solution.
func BenchmarkHashgrind(b *testing.B) {
	const span = 1 << 21
	p := exec.Params{"prefix": "6f677075", "start": "0", "end": strconv.Itoa(span), "difficulty": "64"}
	cpu := exec.NewCPU(exec.CPUConfig{})
	for b.Loop() {
		if _, err := cpu.Run(context.Background(), exec.Task{Workload: "hashgrind", Params: p}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(span*float64(b.N)/b.Elapsed().Seconds()/1e6, "MH/s")
}

// BenchmarkRender reports Mpixel/s (PNG encoding included) on the default
// Mandelbrot viewport at 1024×768, max_iter 256.
func BenchmarkRender(b *testing.B) {
	p := exec.Params{"width": "1024", "height": "768", "max_iter": "256"}
	cpu := exec.NewCPU(exec.CPUConfig{})
	for b.Loop() {
		if _, err := cpu.Run(context.Background(), exec.Task{Workload: "render", Params: p}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(1024*768*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mpixel/s")
}

// BenchmarkMLP reports GFLOPS of a 784-1024-1024-10 network on a batch of 256.
func BenchmarkMLP(b *testing.B) {
	p := exec.MLPParams([]int{784, 1024, 1024, 10}, 256)
	in, err := exec.MLP{}.RandomInputs(p, 1)
	if err != nil {
		b.Fatal(err)
	}
	c, _ := exec.MLP{}.Cost(p)
	cpu := exec.NewCPU(exec.CPUConfig{})
	for b.Loop() {
		if _, err := cpu.Run(context.Background(), exec.Task{Workload: "mlp", Params: p, Inputs: in}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(c.Ops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOPS")
}
