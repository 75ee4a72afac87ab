// Package exectest holds the conformance suite every exec.Backend must pass:
//
//	func TestSuite(t *testing.T) { exectest.Suite(t, exec.NewCPU(exec.CPUConfig{})) }
//
// The suite runs every workload the backend supports on fresh random inputs
// and compares each output with the workload's independent Reference
// (float64 accumulation where it applies). Output buffers are poisoned
// (0xFF bytes, NaN as f32) before each run so elements a backend forgets to
// write fail. It also checks that bad parameters and inputs are rejected,
// that Split then Merge equals the unsplit output, that a run past its
// deadline is stopped with exec.ErrDeadline while the backend keeps serving,
// and that the memory cap is enforced.
package exectest
