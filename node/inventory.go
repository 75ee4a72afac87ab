package node

import (
	"log/slog"
	"runtime"

	"github.com/ogpu/ogpu/market"
)

// Inventory is what the node found on this machine.
type Inventory struct {
	GPUs        []market.GPU
	CPUCores    int
	MemoryBytes uint64
	// Note says plainly why there is no GPU, when there is none.
	Note string
}

func detectInventory(log *slog.Logger) Inventory {
	inv := Inventory{CPUCores: runtime.NumCPU(), Note: "GPU inventory not wired yet"}
	log.Info("running CPU-only", "reason", inv.Note)
	return inv
}
