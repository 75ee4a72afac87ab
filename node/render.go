package node

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// RenderConfig writes cfg as the commented config.toml that `ogpu init`
// creates. LoadConfig reads it back to the same values.
func RenderConfig(cfg Config) ([]byte, error) {
	var b bytes.Buffer
	q := strconv.Quote
	list := func(xs []string) string {
		qs := make([]string, len(xs))
		for i, x := range xs {
			qs[i] = q(x)
		}
		return "[" + strings.Join(qs, ", ") + "]"
	}
	roles := make([]string, len(cfg.Roles))
	for i, r := range cfg.Roles {
		roles[i] = string(r)
	}
	fmt.Fprintf(&b, `# ogpu node configuration, written by 'ogpu init'.
# Every key is listed with its default in docs/config.md.
# Precedence: this file < OGPU_* environment variables < command-line flags.

# What this node does: provider (runs tasks, stakes), verifier (checks
# results, stakes), client (submits jobs, deposits), bootstrap (DHT server,
# relay and gossip router for the community; no compute, no chain).
roles = %s

[p2p]
# Multiaddrs to listen on: TCP and QUIC. Forward this port on your router
# for the best connectivity (hole punching and relays work without it).
listen = %s
# Bootstrap peers, multiaddrs ending in /p2p/<peer-id> (env OGPU_BOOTSTRAP,
# flag --bootstrap).
bootstrap = %s
# Find peers on the local network with mDNS.
mdns = %t

[api]
# Local JSON API used by the CLI (ogpu status, submit, …); it also serves
# the web dashboard at / and Prometheus metrics at /metrics. Loopback only
# (no authentication); an empty string turns it off.
listen = %s

[market]
# Re-publish this node's capacity ad at least this often.
capacity_interval = %s
# Forget a peer's capacity ad after this long without a fresh one.
capacity_ttl = %s
# Keep finished jobs and provider task records, with the blocks they pin
# (inputs, outputs, results), this long, then prune them. Vouchers and the
# settlement queue are never pruned. "0s" keeps everything forever.
retention = %s

# Lowest price this node accepts per task, in wei, by workload.
[market.price_floor]
`, list(roles), list(cfg.P2P.Listen), list(cfg.P2P.Bootstrap), cfg.P2P.MDNS, q(cfg.API.Listen),
		q(cfg.Market.CapacityInterval.D().String()), q(cfg.Market.CapacityTTL.D().String()), q(cfg.Market.Retention.D().String()))
	ws := make([]string, 0, len(cfg.Market.PriceFloor))
	for w := range cfg.Market.PriceFloor {
		ws = append(ws, w)
	}
	sort.Strings(ws)
	for _, w := range ws {
		fmt.Fprintf(&b, "%s = %s\n", w, q(cfg.Market.PriceFloor[w]))
	}
	fmt.Fprintf(&b, `
[content]
# Delete blocks that no pin holds (finished jobs past their retention,
# content nobody added or pinned) this often. "0s" turns content GC off.
gc_interval = %s
`, q(cfg.Content.GCInterval.D().String()))
	fmt.Fprintf(&b, `
[chain]
# Ethereum JSON-RPC endpoint for settlement (e.g. the URL 'ogpu devnet'
# prints). Empty: no chain (bootstrap nodes need none).
rpc = %s
# Settlement contract address.
contract = %s

[log]
# debug, info, warn or error.
level = %s
# text or json.
format = %s
`, q(cfg.Chain.RPC), q(cfg.Chain.Contract), q(cfg.Log.Level), q(cfg.Log.Format))
	return b.Bytes(), nil
}
