// Package node is an ogpu node and the public Go API: it owns the node's
// config, key and lifecycle and wires the parts by hand.
//
//	New(cfg, opts…)   validate and build; starts nothing
//	Start(ctx)        store ─► p2p network ─► capacity ads ─► … ─► JSON API
//	Close()           the reverse; idempotent; errors.Join of the parts
//
// Presets: HomeRig (a GPU rig selling compute), Bootstrap (a community
// bootstrap node), Simulation (in-memory nodes for node/sim). The node never
// exits the process, installs no signal handler and binds only the
// addresses in its config.
package node
