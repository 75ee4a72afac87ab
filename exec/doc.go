// Package exec runs ogpu workloads: it owns the device inventory, the workload
// registry and the execution backends.
//
//	           ┌──────────── Registry (DefaultRegistry) ───────────┐
//	Task ───►  │ matmul · hashgrind · render · mlp                 │
//	(workload, │   params (validated, capped) · Cost · Verification│
//	 params,   │   Split/Merge · Compare · CPU reference           │
//	 inputs)   └───────────────┬───────────────────────────────────┘
//	                           │
//	             Backend.Run(ctx, Task) ──► Result (output blob)
//	             ├─ CPU   (this package; pure Go, parallel, the reference)
//	             └─ CUDA  (exec/cuda; driver API via dlopen, embedded PTX)
//
// Inputs and outputs are byte blobs with a small self-describing header (see
// EncodeBlob and docs/exec.md), so they can travel as IPFS objects. Parameters
// are string maps (Params) so they travel unchanged through CLI flags and
// protobuf messages.
//
// Every run honours its context (deadline or cancellation) and the task's
// memory cap; a run that overruns returns ErrDeadline and the backend keeps
// serving later runs.
//
// Lifecycle: DefaultRegistry builds an immutable registry; NewCPU builds a
// backend and starts nothing (goroutines live only inside a Run call); Close
// releases a backend's resources. Inventory describes the machine (GPUs via
// NVML when cgo and a driver are present, CPU cores and memory always).
package exec
