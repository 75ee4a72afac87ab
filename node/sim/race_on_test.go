//go:build race

package sim

// raceEnabled: the race detector slows everything 5–10×; timing bounds of
// must-show tests are checked without it and scaled under it.
const raceEnabled = true
