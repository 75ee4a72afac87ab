#!/usr/bin/env bash
# Fails when a package imports against the grain of the architecture:
#   cmd → node → market, verify → exec, p2p, store
# A package may import its own top-level tree and any lower layer; never a
# higher layer and never a sibling of its own layer (market ↔ verify,
# exec ↔ p2p ↔ store). Test files are exempt. Run by `make check-deps`.
set -euo pipefail
mod=$(go list -m)
rank() {
  case "$1" in
    cmd) echo 4 ;;
    node) echo 3 ;;
    market|verify) echo 2 ;;
    exec|p2p|store) echo 1 ;;
    *) echo 0 ;;
  esac
}
bad=0
while read -r pkg imports; do
  rel=${pkg#"$mod"/}
  top=${rel%%/*}
  r=$(rank "$top")
  for imp in $imports; do
    case "$imp" in "$mod"/*) ;; *) continue ;; esac
    irel=${imp#"$mod"/}
    itop=${irel%%/*}
    [ "$itop" = "$top" ] && continue
    ir=$(rank "$itop")
    if [ "$ir" -ge "$r" ]; then
      echo "check-deps: $rel imports $irel (layer $itop may not be imported by $top)" >&2
      bad=1
    fi
  done
done < <(go list -f '{{.ImportPath}} {{join .Imports " "}}' ./...)
if [ "$bad" -ne 0 ]; then
  echo "check-deps: dependencies must point cmd → node → market/verify → exec/p2p/store" >&2
  exit 1
fi
echo "check-deps: ok"
