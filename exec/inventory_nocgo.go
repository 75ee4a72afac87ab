//go:build !cgo

package exec

import "context"

func discoverGPUs(context.Context) Inventory {
	return Inventory{CPUOnly: true, Reason: "built without cgo, so NVML (GPU discovery) is not available"}
}
