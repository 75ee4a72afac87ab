package exec_test

import (
	"testing"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/exec/exectest"
)

func TestCPUSuite(t *testing.T) {
	b := exec.NewCPU(exec.CPUConfig{})
	t.Cleanup(func() { _ = b.Close() })
	exectest.Suite(t, b)
}

func TestCPUSuiteOneWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	exectest.Suite(t, exec.NewCPU(exec.CPUConfig{Workers: 1}))
}
