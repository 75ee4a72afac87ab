package cuda_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/exec/cuda"
)

// TestUnavailableIsPlain runs everywhere: without a GPU, opening fails with
// exec.ErrUnavailable and a reason a person can act on; with one, it opens.
func TestUnavailableIsPlain(t *testing.T) {
	err := cuda.Available()
	if err == nil {
		b, err := cuda.Open(0, cuda.Config{})
		if err != nil {
			t.Fatalf("driver reports devices but Open(0) failed: %v", err)
		}
		defer b.Close()
		t.Logf("GPU present: %s", b.Device())
		return
	}
	t.Logf("no GPU here: %v", err)
	if !errors.Is(err, exec.ErrUnavailable) {
		t.Errorf("Available() = %v, want ErrUnavailable", err)
	}
	if !strings.Contains(err.Error(), "libcuda.so.1") && !strings.Contains(err.Error(), "cgo") && !strings.Contains(err.Error(), "no devices") {
		t.Errorf("reason %q does not say what is missing", err)
	}
	for _, open := range []func() error{
		func() error { _, err := cuda.Open(0, cuda.Config{}); return err },
		func() error { _, err := cuda.OpenAll(cuda.Config{}); return err },
	} {
		if err := open(); !errors.Is(err, exec.ErrUnavailable) {
			t.Errorf("open = %v, want ErrUnavailable", err)
		}
	}
}

func TestResultNames(t *testing.T) {
	tests := []struct {
		r      cuda.Result
		name   string
		sticky bool
	}{
		{cuda.ErrOutOfMemory, "CUDA_ERROR_OUT_OF_MEMORY", false},
		{cuda.ErrNoDevice, "CUDA_ERROR_NO_DEVICE", false},
		{cuda.ErrIllegalAddress, "CUDA_ERROR_ILLEGAL_ADDRESS", true},
		{cuda.ErrLaunchFailed, "CUDA_ERROR_LAUNCH_FAILED", true},
		{cuda.Result(12345), "CUresult(12345)", false},
	}
	for _, tt := range tests {
		if tt.r.Name() != tt.name || tt.r.Sticky() != tt.sticky {
			t.Errorf("%d: name %q sticky %v, want %q %v", int(tt.r), tt.r.Name(), tt.r.Sticky(), tt.name, tt.sticky)
		}
		wrapped := fmt.Errorf("cuMemAlloc: %w", tt.r)
		if !errors.Is(wrapped, tt.r) || !strings.Contains(wrapped.Error(), tt.name) {
			t.Errorf("wrapped %v does not match %v", wrapped, tt.r)
		}
	}
}
