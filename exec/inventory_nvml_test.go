//go:build cgo

package exec_test

import (
	"context"
	"strings"
	"testing"

	"github.com/NVIDIA/go-nvml/pkg/nvml"
	"github.com/NVIDIA/go-nvml/pkg/nvml/mock"
	"github.com/NVIDIA/go-nvml/pkg/nvml/mock/dgxa100"
	"github.com/NVIDIA/go-nvml/pkg/nvml/mock/server"

	"github.com/ogpu/ogpu/exec"
)

// mockServer is a go-nvml DGX A100 mock whose devices also answer the
// telemetry calls the mock leaves unset.
func mockServer(t *testing.T) *server.Server {
	t.Helper()
	s := dgxa100.New()
	for i, d := range s.Devices {
		md := d.(*server.Device)
		md.GetUtilizationRatesFunc = func() (nvml.Utilization, nvml.Return) {
			return nvml.Utilization{Gpu: uint32(10 * i), Memory: 5}, nvml.SUCCESS
		}
		md.GetTemperatureFunc = func(nvml.TemperatureSensors) (uint32, nvml.Return) { return uint32(40 + i), nvml.SUCCESS }
		md.GetPowerUsageFunc = func() (uint32, nvml.Return) { return 90000, nvml.SUCCESS }
		md.GetEnforcedPowerLimitFunc = func() (uint32, nvml.Return) { return 0, nvml.ERROR_NOT_SUPPORTED }
	}
	return s
}

func TestDiscoverNVMLMock(t *testing.T) {
	s := mockServer(t)
	inv := exec.DiscoverNVML(context.Background(), s)
	if inv.CPUOnly {
		t.Fatalf("CPUOnly with 8 mock GPUs: %s", inv.Reason)
	}
	if len(inv.GPUs) != 8 {
		t.Fatalf("got %d GPUs, want 8", len(inv.GPUs))
	}
	if inv.DriverVersion != "550.54.15" {
		t.Errorf("driver %q", inv.DriverVersion)
	}
	seen := map[string]bool{}
	for i, g := range inv.GPUs {
		if !strings.Contains(g.Name, "A100") || g.ComputeCapability != "8.0" || g.MemoryTotal < 40e9 || g.UUID == "" {
			t.Errorf("gpu %d: %+v", i, g)
		}
		if seen[g.UUID] {
			t.Errorf("duplicate UUID %s", g.UUID)
		}
		seen[g.UUID] = true
		if g.UtilizationGPU != uint32(10*i) || g.TemperatureC != uint32(40+i) || g.PowerMilliwatts != 90000 || g.PowerLimitMW != 0 {
			t.Errorf("gpu %d telemetry: %+v", i, g)
		}
	}
	if len(inv.Warnings) != 0 {
		t.Errorf("unexpected warnings (NOT_SUPPORTED should be silent): %v", inv.Warnings)
	}
	if !strings.Contains(inv.Summary(), "8 GPU(s)") {
		t.Errorf("summary %q", inv.Summary())
	}
}

func TestDiscoverNVMLFailures(t *testing.T) {
	tests := []struct {
		name   string
		lib    nvml.Interface
		reason string
	}{
		{"no library", &mock.Interface{InitFunc: func() nvml.Return { return nvml.ERROR_LIBRARY_NOT_FOUND }}, "driver not found"},
		{"no permission", &mock.Interface{InitFunc: func() nvml.Return { return nvml.ERROR_NO_PERMISSION }}, "failed to initialise"},
		{"zero devices", &mock.Interface{
			InitFunc:                   func() nvml.Return { return nvml.SUCCESS },
			ShutdownFunc:               func() nvml.Return { return nvml.SUCCESS },
			SystemGetDriverVersionFunc: func() (string, nvml.Return) { return "1", nvml.SUCCESS },
			DeviceGetCountFunc:         func() (int, nvml.Return) { return 0, nvml.SUCCESS },
		}, "no usable GPU"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := exec.DiscoverNVML(context.Background(), tt.lib)
			if !inv.CPUOnly || !strings.Contains(inv.Reason, tt.reason) {
				t.Errorf("got CPUOnly=%v reason %q, want reason containing %q", inv.CPUOnly, inv.Reason, tt.reason)
			}
		})
	}
}

func TestDiscoverNoDriver(t *testing.T) {
	inv := exec.Discover(context.Background())
	if inv.CPUCores < 1 || inv.MemoryTotal == 0 {
		t.Errorf("host fields: %+v", inv)
	}
	t.Logf("inventory here: %s", inv.Summary())
	if inv.CPUOnly && inv.Reason == "" {
		t.Error("CPU-only without a reason")
	}
}
