//go:build race

package verify

// raceEnabled shortens the heaviest loops under the race detector (10× slower).
const raceEnabled = true
