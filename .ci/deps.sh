#!/usr/bin/env bash
# Installs the code generators a make target needs, when missing:
#   protoc (Debian protobuf-compiler), clang (Debian clang-14), solc (npm solc@0.8.37).
set -euo pipefail
need_apt() {
  local pkg=$1
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq "$pkg" >/dev/null || (apt-get update -qq && apt-get install -y -qq "$pkg" >/dev/null)
  else sudo apt-get install -y -qq "$pkg" >/dev/null || (sudo apt-get update -qq && sudo apt-get install -y -qq "$pkg" >/dev/null); fi
}
for tool in "$@"; do
  case "$tool" in
    protoc) command -v protoc >/dev/null || need_apt protobuf-compiler ;;
    clang)  command -v clang-14 >/dev/null || need_apt clang-14 ;;
    solc)   dir=market/settle/contract/.solc
            [ -f "$dir/node_modules/solc/solc.js" ] || (mkdir -p "$dir" && cd "$dir" && npm install --silent --no-audit --no-fund solc@0.8.37 >/dev/null) ;;
    *) echo "deps.sh: unknown tool $tool" >&2; exit 2 ;;
  esac
done
