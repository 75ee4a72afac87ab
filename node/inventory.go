package node

import (
	"context"
	"log/slog"
	"strconv"
	"strings"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/market"
)

// Inventory is what the node found on this machine, in the form the
// capacity ad and the status API use.
type Inventory struct {
	GPUs        []market.GPU
	CPUCores    int
	MemoryBytes uint64
	// Note says plainly why there is no GPU, when there is none.
	Note string
}

// FromExec converts exec's inventory.
func FromExec(inv exec.Inventory) Inventory {
	out := Inventory{CPUCores: inv.CPUCores, MemoryBytes: inv.MemoryTotal}
	if inv.CPUOnly {
		out.Note = inv.Reason
	}
	for _, g := range inv.GPUs {
		maj, min, _ := strings.Cut(g.ComputeCapability, ".")
		ma, _ := strconv.Atoi(maj)
		mi, _ := strconv.Atoi(min)
		out.GPUs = append(out.GPUs, market.GPU{
			Name: g.Name, UUID: g.UUID, MemoryTotal: g.MemoryTotal, MemoryFree: g.MemoryFree,
			CCMajor: uint32(ma), CCMinor: uint32(mi), UtilizationPct: g.UtilizationGPU,
			TemperatureC: g.TemperatureC, PowerMW: uint64(g.PowerMilliwatts),
		})
	}
	return out
}

// detectInventory asks exec what this machine has and says once, plainly,
// when it runs CPU-only.
func detectInventory(ctx context.Context, log *slog.Logger) Inventory {
	inv := exec.Discover(ctx)
	if inv.CPUOnly {
		log.Info("running CPU-only", "reason", inv.Reason, "summary", inv.Summary())
	} else {
		log.Info("GPUs found", "summary", inv.Summary())
	}
	for _, w := range inv.Warnings {
		log.Warn("inventory", "warning", w)
	}
	return FromExec(inv)
}
