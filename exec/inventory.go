package exec

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// GPU describes one GPU as NVML reports it. Fields NVML cannot report on a
// device are left zero (and the reason added to Inventory.Warnings).
type GPU struct {
	Index             int    `json:"index"`
	Name              string `json:"name"`
	UUID              string `json:"uuid"`
	MemoryTotal       uint64 `json:"memory_total"` // bytes
	MemoryFree        uint64 `json:"memory_free"`  // bytes
	ComputeCapability string `json:"compute_capability"`
	UtilizationGPU    uint32 `json:"utilization_gpu"`    // percent
	UtilizationMemory uint32 `json:"utilization_memory"` // percent
	TemperatureC      uint32 `json:"temperature_c"`
	PowerMilliwatts   uint32 `json:"power_mw"`
	PowerLimitMW      uint32 `json:"power_limit_mw"`
}

// Inventory is what this machine can offer.
type Inventory struct {
	GPUs          []GPU  `json:"gpus"`
	DriverVersion string `json:"driver_version,omitempty"`
	// CPUOnly is true when no GPU can be used; Reason says why in plain words.
	CPUOnly bool   `json:"cpu_only"`
	Reason  string `json:"reason,omitempty"`
	// CPUCores is the number of logical CPUs usable by this process.
	CPUCores int    `json:"cpu_cores"`
	CPUModel string `json:"cpu_model,omitempty"`
	// MemoryTotal and MemoryAvailable are system memory in bytes (0 when the
	// platform does not report them).
	MemoryTotal     uint64   `json:"memory_total"`
	MemoryAvailable uint64   `json:"memory_available"`
	Warnings        []string `json:"warnings,omitempty"`
}

// Summary is a one-line description for logs: callers log it once at start.
func (inv Inventory) Summary() string {
	host := fmt.Sprintf("%d CPU cores, %.1f GiB RAM", inv.CPUCores, float64(inv.MemoryTotal)/(1<<30))
	if inv.CPUOnly {
		return "CPU only (" + inv.Reason + "); " + host
	}
	names := make([]string, len(inv.GPUs))
	for i, g := range inv.GPUs {
		names[i] = fmt.Sprintf("%s (%.0f GiB, sm_%s)", g.Name, float64(g.MemoryTotal)/(1<<30), strings.ReplaceAll(g.ComputeCapability, ".", ""))
	}
	return fmt.Sprintf("%d GPU(s): %s; %s", len(inv.GPUs), strings.Join(names, ", "), host)
}

// Discover reports the machine's GPUs (through NVML when built with cgo and
// a driver is present) and its CPU cores and memory. It never fails: without
// NVML it returns a CPU-only inventory whose Reason says why.
func Discover(ctx context.Context) Inventory {
	inv := discoverGPUs(ctx)
	addHost(&inv)
	return inv
}

func addHost(inv *Inventory) {
	inv.CPUCores = runtime.NumCPU()
	if f, err := os.Open("/proc/meminfo"); err == nil {
		inv.MemoryTotal, inv.MemoryAvailable = parseMeminfo(f)
		f.Close()
	}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		inv.CPUModel = parseCPUModel(f)
		f.Close()
	}
}

// parseMeminfo reads MemTotal and MemAvailable (kB) from /proc/meminfo.
func parseMeminfo(r io.Reader) (total, avail uint64) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			continue
		}
		v, err := strconv.ParseUint(f[1], 10, 64)
		if err != nil {
			continue
		}
		switch f[0] {
		case "MemTotal:":
			total = v << 10
		case "MemAvailable:":
			avail = v << 10
		}
	}
	return total, avail
}

func parseCPUModel(r io.Reader) string {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
