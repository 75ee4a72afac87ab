#!/usr/bin/env bash
# A real local ogpu network of processes on 127.0.0.1: a dev chain
# (ogpu devnet), a bootstrap node and N `ogpu run` daemons whose config
# points at the chain. Providers stake, the client deposits, a job is
# submitted through the CLI and waited for, then balances are printed and
# the nodes' settlement queues are flushed to the chain.
#
#   docs/localnet.sh                 # N=3, ogpu from $PATH (or bin/ogpu)
#   N=5 OGPU=bin/ogpu docs/localnet.sh
#   KEEP=1 docs/localnet.sh          # leave the network running; Ctrl-C stops it
#
# Everything lives in a temp dir ($WORK, printed) and stops on exit.
# See docs/simulation.md ("A local network of processes").
set -euo pipefail

N=${N:-3}
OGPU=${OGPU:-$(command -v ogpu || echo bin/ogpu)}
[ -x "$OGPU" ] || { echo "localnet: no ogpu binary (run 'make build' or set OGPU=...)" >&2; exit 1; }
WORK=${WORK:-$(mktemp -d -t ogpu-localnet.XXXXXX)}
export OGPU_MDNS=false # only the bootstrap node introduces peers
PIDS=()

log() { printf '\n== %s\n' "$*"; }

stop_all() {
  # Stop the processes this script started, newest first, by their ids.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -INT "${PIDS[i]}" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
trap stop_all EXIT

# wait_for FILE SECONDS: poll until FILE exists and is non-empty.
wait_for() {
  local deadline=$((SECONDS + $2))
  until [ -s "$1" ]; do
    [ $SECONDS -lt $deadline ] || { echo "localnet: timed out waiting for $1" >&2; exit 1; }
    sleep 0.1
  done
}

log "dev chain"
"$OGPU" devnet --json --http 127.0.0.1:0 --accounts $((N)) >"$WORK/devnet.json" 2>"$WORK/devnet.log" &
PIDS+=($!)
wait_for "$WORK/devnet.json" 60
DEVNET=$(head -n1 "$WORK/devnet.json")
RPC=$(grep -o '"rpc":"[^"]*"' <<<"$DEVNET" | cut -d'"' -f4)
CONTRACT=$(grep -o '"contract":"[^"]*"' <<<"$DEVNET" | cut -d'"' -f4)
mapfile -t KEYS < <(grep -o '"privateKey":"0x[0-9a-fA-F]*"' <<<"$DEVNET" | cut -d'"' -f4)
echo "rpc $RPC, contract $CONTRACT, ${#KEYS[@]} funded keys"

log "bootstrap node"
"$OGPU" init --datadir "$WORK/boot" --bootstrap-node >/dev/null
"$OGPU" bootstrap --datadir "$WORK/boot" --listen /ip4/127.0.0.1/tcp/0 --api 127.0.0.1:0 \
  >"$WORK/boot.out" 2>"$WORK/boot.log" &
PIDS+=($!)
wait_for "$WORK/boot/api" 30
until grep -q 'others join with' "$WORK/boot.out"; do sleep 0.1; done
BOOT=$(sed -n 's/.*others join with: ogpu run --bootstrap //p' "$WORK/boot.out")
echo "bootstrap $BOOT"

log "$N nodes (provider + verifier + client), keys funded on the dev chain"
for i in $(seq 1 "$N"); do
  d="$WORK/node$i"
  mkdir -p "$d" && chmod 700 "$d"
  printf '%s\n' "${KEYS[i - 1]#0x}" >"$d/key" && chmod 600 "$d/key"
  "$OGPU" init --datadir "$d" >/dev/null
  # Point the node at the dev chain (config.toml keys chain.rpc, chain.contract).
  sed -i "s|^rpc = .*|rpc = \"$RPC\"|; s|^contract = .*|contract = \"$CONTRACT\"|" "$d/config.toml"
  "$OGPU" run --datadir "$d" --listen /ip4/127.0.0.1/tcp/0 --api 127.0.0.1:0 --bootstrap "$BOOT" \
    >"$WORK/node$i.out" 2>"$WORK/node$i.log" &
  PIDS+=($!)
done
for i in $(seq 1 "$N"); do wait_for "$WORK/node$i/api" 30; done

log "stake (every node) and deposit (node1, the client)"
for i in $(seq 1 "$N"); do "$OGPU" chain stake 1ether --datadir "$WORK/node$i" | sed -n 's/^stake: */node'"$i"' stake: /p'; done
"$OGPU" chain deposit 2ether --datadir "$WORK/node1" | sed -n 's/^deposit: */node1 deposit: /p'

log "wait until node1's capacity table lists all $N nodes"
deadline=$((SECONDS + 60))
until [ "$("$OGPU" status --datadir "$WORK/node1" --json | grep -c '"seq"')" -ge "$N" ]; do
  [ $SECONDS -lt $deadline ] || { echo "localnet: capacity table incomplete" >&2; "$OGPU" status --datadir "$WORK/node1" >&2; exit 1; }
  sleep 0.2
done
"$OGPU" status --datadir "$WORK/node1" | sed -n '/capacity table/,$p'

log "submit a 3-shard hashgrind job from node1 and wait"
"$OGPU" submit --datadir "$WORK/node1" --workload hashgrind --param end=65536 --param difficulty=12 \
  --max-price 5000 --shards 3 --timeout 2m --wait | tee "$WORK/submit.out"
JOB=$(sed -n 's/^job \([0-9a-f]*\) done.*/\1/p' "$WORK/submit.out")
"$OGPU" job --datadir "$WORK/node1" "$JOB" # flags before the ID

if [ "${KEEP:-0}" = 1 ]; then
  log "running; dashboards:"
  for i in $(seq 1 "$N"); do echo "  node$i  http://$(cat "$WORK/node$i/api")/"; done
  echo "Ctrl-C stops everything ($WORK)"
  wait "${PIDS[0]}" || true
  exit 0
fi

log "metrics of node1"
curl -fsS "http://$(cat "$WORK/node1/api")/metrics" 2>/dev/null | grep -E '^ogpu_(tasks|jobs|spent|peers|capacity_table)' || true

log "stop the nodes and flush their settlement queues to the chain"
DEVNET_PID=${PIDS[0]}
for ((i = ${#PIDS[@]} - 1; i >= 1; i--)); do kill -INT "${PIDS[i]}"; wait "${PIDS[i]}" || true; done
PIDS=("$DEVNET_PID")
for i in $(seq 1 "$N"); do
  printf 'node%s ' "$i"
  "$OGPU" chain settle --datadir "$WORK/node$i" --json | grep -o '"settled":{[^}]*}' || echo '(nothing settled)'
done

log "providers withdraw what node1's vouchers paid them; balances"
CLIENT=$("$OGPU" chain balance --datadir "$WORK/node1" | sed -n 's/^address: *//p')
for i in $(seq 2 "$N"); do "$OGPU" chain earnings "$CLIENT" --datadir "$WORK/node$i" >/dev/null; done
for i in $(seq 1 "$N"); do
  printf 'node%s: ' "$i"
  "$OGPU" chain balance --datadir "$WORK/node$i" | tr '\n' ' ' | sed 's/  */ /g'
  echo
done
echo "localnet: done ($WORK)"
