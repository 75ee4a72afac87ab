#!/usr/bin/env bash
# Regenerates Settlement.abi, Settlement.bin and the abigen v2 bindings
# gen_settlement.go from Settlement.sol with the pinned solc (npm
# solc@0.8.37, installed into the git-ignored .solc/ on first use).
# Run from anywhere: market/settle/contract/gen.sh (make contracts).
set -euo pipefail
SOLC_VERSION=0.8.37
dir="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$dir/../../.." && pwd)"
if [ ! -f "$dir/.solc/node_modules/solc/package.json" ] ||
   ! grep -q "\"version\": \"$SOLC_VERSION\"" "$dir/.solc/node_modules/solc/package.json"; then
	mkdir -p "$dir/.solc"
	npm install --prefix "$dir/.solc" --no-save --no-audit --no-fund --silent "solc@$SOLC_VERSION" >&2
fi
node "$dir/compile.js" "$SOLC_VERSION"
cd "$root"
go tool abigen --v2 --abi "$dir/Settlement.abi" --bin "$dir/Settlement.bin" \
	--pkg contract --type Settlement --out "$dir/gen_settlement.go"
chmod 0644 "$dir/gen_settlement.go"
