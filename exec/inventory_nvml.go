//go:build cgo

package exec

import (
	"context"
	"fmt"

	"github.com/NVIDIA/go-nvml/pkg/nvml"
)

func discoverGPUs(ctx context.Context) Inventory {
	return DiscoverNVML(ctx, nvml.New())
}

// DiscoverNVML reads the GPUs through lib (nvml.New() in production, a
// go-nvml mock in tests). It initialises and shuts lib down itself. Host
// fields (CPU cores, memory) are not filled; Discover adds them.
func DiscoverNVML(ctx context.Context, lib nvml.Interface) Inventory {
	if ret := lib.Init(); ret != nvml.SUCCESS {
		reason := "NVIDIA driver not found (libnvidia-ml.so.1 could not be loaded)"
		if ret != nvml.ERROR_LIBRARY_NOT_FOUND {
			reason = "NVML failed to initialise: " + nvml.ErrorString(ret)
		}
		return Inventory{CPUOnly: true, Reason: reason}
	}
	defer lib.Shutdown()
	var inv Inventory
	if v, ret := lib.SystemGetDriverVersion(); ret == nvml.SUCCESS {
		inv.DriverVersion = v
	}
	n, ret := lib.DeviceGetCount()
	if ret != nvml.SUCCESS {
		return Inventory{CPUOnly: true, Reason: "NVML cannot count devices: " + nvml.ErrorString(ret)}
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		d, ret := lib.DeviceGetHandleByIndex(i)
		if ret != nvml.SUCCESS {
			inv.Warnings = append(inv.Warnings, fmt.Sprintf("gpu %d: %s", i, nvml.ErrorString(ret)))
			continue
		}
		inv.GPUs = append(inv.GPUs, readDevice(i, d, &inv.Warnings))
	}
	if len(inv.GPUs) == 0 {
		inv.CPUOnly, inv.Reason = true, "NVIDIA driver loaded but it reports no usable GPU"
	}
	return inv
}

func readDevice(i int, d nvml.Device, warn *[]string) GPU {
	g := GPU{Index: i}
	note := func(what string, ret nvml.Return) {
		if ret != nvml.SUCCESS && ret != nvml.ERROR_NOT_SUPPORTED {
			*warn = append(*warn, fmt.Sprintf("gpu %d: %s: %s", i, what, nvml.ErrorString(ret)))
		}
	}
	var ret nvml.Return
	g.Name, ret = d.GetName()
	note("name", ret)
	g.UUID, ret = d.GetUUID()
	note("uuid", ret)
	if m, ret := d.GetMemoryInfo(); ret == nvml.SUCCESS {
		g.MemoryTotal, g.MemoryFree = m.Total, m.Free
	} else {
		note("memory", ret)
	}
	if major, minor, ret := d.GetCudaComputeCapability(); ret == nvml.SUCCESS {
		g.ComputeCapability = fmt.Sprintf("%d.%d", major, minor)
	} else {
		note("compute capability", ret)
	}
	if u, ret := d.GetUtilizationRates(); ret == nvml.SUCCESS {
		g.UtilizationGPU, g.UtilizationMemory = u.Gpu, u.Memory
	} else {
		note("utilization", ret)
	}
	g.TemperatureC, ret = d.GetTemperature(nvml.TEMPERATURE_GPU)
	note("temperature", ret)
	g.PowerMilliwatts, ret = d.GetPowerUsage()
	note("power", ret)
	g.PowerLimitMW, ret = d.GetEnforcedPowerLimit()
	note("power limit", ret)
	return g
}
