package market

import (
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/p2p/wire"
)

// decision is a provider's answer to an announce: a bid (price, eta) or
// a no-bid code with a reason the client shows its user.
type decision struct {
	price  *big.Int
	eta    time.Duration
	code   wire.NoBidCode
	reason string
}

func (d decision) bids() bool { return d.code == wire.NoBidCode_NO_BID_UNSPECIFIED }

func noBid(code wire.NoBidCode, format string, args ...any) decision {
	return decision{code: code, reason: wire.Truncate(fmt.Sprintf(format, args...))}
}

// decide is the provider's bid rule: it bids its price floor when it
// offers the workload, the parameters are valid here, it meets the
// requirements, the floor is within the client's max price, a slot is free
// and the estimate fits the deadline. It does no I/O.
func decide(a *wire.TaskAnnounce, off Offer, w Workloads, eta func(exec.Cost) time.Duration, freeSlots int, now time.Time) decision {
	floorStr, ok := off.PriceFloor[a.Workload]
	if !ok {
		return noBid(wire.NoBidCode_NO_BID_WORKLOAD, "workload %s not offered", a.Workload)
	}
	_, cost, err := w.CheckParams(a.Workload, exec.Params(wire.ParamMap(a.Params)), 0)
	if err != nil {
		return noBid(wire.NoBidCode_NO_BID_PARAMS, "%v", err)
	}
	if r := a.Requirements; r != nil {
		if r.Gpu || r.MinVramBytes > 0 || r.GpuClass != "" {
			var best uint64
			var names []string
			for _, g := range off.GPUs {
				if r.GpuClass != "" && !strings.Contains(strings.ToLower(g.Name), strings.ToLower(r.GpuClass)) {
					continue
				}
				names = append(names, g.Name)
				best = max(best, g.MemoryFree)
			}
			switch {
			case len(off.GPUs) == 0:
				return noBid(wire.NoBidCode_NO_BID_GPU, "no GPU (CPU only)")
			case len(names) == 0:
				return noBid(wire.NoBidCode_NO_BID_GPU, "no %s GPU (has %s)", r.GpuClass, off.GPUs[0].Name)
			case best < r.MinVramBytes:
				return noBid(wire.NoBidCode_NO_BID_VRAM, "VRAM %s < %s required", fmtBytes(best), fmtBytes(r.MinVramBytes))
			}
		}
		if r.MinMemoryBytes > 0 && off.MemoryBytes < r.MinMemoryBytes {
			return noBid(wire.NoBidCode_NO_BID_MEMORY, "memory %s < %s required", fmtBytes(off.MemoryBytes), fmtBytes(r.MinMemoryBytes))
		}
	}
	if off.MemoryBytes > 0 && uint64(cost.MemBytes) > off.MemoryBytes {
		return noBid(wire.NoBidCode_NO_BID_MEMORY, "task needs %s memory, have %s", fmtBytes(uint64(cost.MemBytes)), fmtBytes(off.MemoryBytes))
	}
	floor, ok := new(big.Int).SetString(floorStr, 10)
	if !ok {
		return noBid(wire.NoBidCode_NO_BID_WORKLOAD, "workload %s has no valid price floor", a.Workload)
	}
	maxPrice, err := wire.ParseWei(a.MaxPrice)
	if err != nil {
		return noBid(wire.NoBidCode_NO_BID_PRICE, "bad max price")
	}
	if floor.Cmp(maxPrice) > 0 {
		return noBid(wire.NoBidCode_NO_BID_PRICE, "price floor %s > max %s", floor, maxPrice)
	}
	if freeSlots <= 0 {
		return noBid(wire.NoBidCode_NO_BID_BUSY, "busy: every slot in use")
	}
	d := eta(cost)
	if left := time.UnixMilli(a.DeadlineMs).Sub(now); d > left {
		return noBid(wire.NoBidCode_NO_BID_DEADLINE, "estimate %s > %s left before the deadline", d.Round(time.Millisecond), left.Round(time.Millisecond))
	}
	return decision{price: floor, eta: d}
}

// fmtBytes prints sizes the way people say them: "8 GiB", "512 MiB".
func fmtBytes(b uint64) string {
	const unit = 1024
	if b < unit {
		return fmt.Sprintf("%d B", b)
	}
	div, exp := uint64(unit), 0
	for n := b / unit; n >= unit; n /= unit {
		div *= unit
		exp++
	}
	v := float64(b) / float64(div)
	if v == float64(uint64(v)) {
		return fmt.Sprintf("%d %ciB", uint64(v), "KMGTPE"[exp])
	}
	return fmt.Sprintf("%.1f %ciB", v, "KMGTPE"[exp])
}
