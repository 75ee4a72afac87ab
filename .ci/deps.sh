#!/usr/bin/env bash
# Installs the code generators a make target needs, when missing:
#   protoc (Debian protobuf-compiler), clang (Debian clang-14), chromium
#   (Debian, for the dashboard test). solc is installed by
#   market/settle/contract/gen.sh itself.
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
    chromium) command -v chromium >/dev/null || need_apt chromium ;;
    *) echo "deps.sh: unknown tool $tool" >&2; exit 2 ;;
  esac
done
