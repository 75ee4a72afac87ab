#!/bin/sh
# Regenerates the *.pb.go files of package wire from *.proto.
# protoc comes from Debian (protobuf-compiler); protoc-gen-go is the tool
# dependency pinned in go.mod, so every machine generates identical code.
# Run from anywhere: sh p2p/wire/gen.sh (or: go generate ./p2p/wire).
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/protoc-gen-go" google.golang.org/protobuf/cmd/protoc-gen-go
protoc --plugin=protoc-gen-go="$tmp/protoc-gen-go" \
	--go_out=. --go_opt=paths=source_relative \
	-I . ./*.proto
