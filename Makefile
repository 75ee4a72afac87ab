# ogpu — see README.md. Every target works on a fresh machine with Go 1.26;
# targets that need a tool install it (protoc and clang-14 from Debian, solc
# from npm) through .ci/deps.sh.

GO       ?= go
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -s -w -X main.version=$(VERSION)
BIN      := bin/ogpu
# go-nvml's headers print ~30 deprecation warnings on every cgo build.
export CGO_CFLAGS ?= -O2 -g -Wno-deprecated-declarations
PKGS     := ./...
# The CPU backend's fast f32 kernels use Go 1.26's simd/archsimd (AVX2+FMA),
# an experiment that must be switched on at build time; without it the
# portable scalar kernels run (same results, about a third of the speed).
SIMD     := GOEXPERIMENT=simd

.PHONY: all build test race test-short test-gpu lint fuzz bench generate proto ptx contracts \
        check-generate check-deps check-tidy demo sim clean tools

all: build

build:
	$(SIMD) $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/ogpu

# The test suite CI runs (.ci/run): -race on everything (every package that
# starts goroutines is covered), then exec again with the SIMD kernels the
# release binary uses. Stays under 15 minutes on 2 cores.
test:
	.ci/deps.sh chromium
	OGPU_REQUIRE_CHROMIUM=1 $(GO) test -race -timeout 14m $(PKGS)
	$(SIMD) $(GO) test -timeout 5m ./exec/...

race: test

test-short:
	$(GO) test -short $(PKGS)

# GPU suite: run on a machine with an NVIDIA driver.
test-gpu:
	$(SIMD) $(GO) test -tags gpu -v -bench . -benchtime 5x ./exec/cuda/

lint:
	$(GO) vet $(PKGS)
	$(GO) tool staticcheck $(PKGS)

FUZZTIME ?= 10s
fuzz:
	@set -e; for pkg in $$($(GO) list $(PKGS)); do \
	  for f in $$($(GO) test -list 'Fuzz.*' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

BENCHTIME ?= 1x
bench:
	$(SIMD) $(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) $(PKGS)

generate: proto ptx contracts

proto:
	.ci/deps.sh protoc
	sh p2p/wire/gen.sh

ptx:
	.ci/deps.sh clang
	exec/cuda/kernels/gen.sh

contracts:
	market/settle/contract/gen.sh

# Regenerating must not change committed files, and go.mod must be tidy.
check-generate: generate check-tidy
	@git diff --exit-code -- p2p/wire exec/cuda/kernels market/settle/contract || \
	  (echo "check-generate: generated files are stale: run 'make generate' and commit" >&2; exit 1)

check-tidy:
	$(GO) mod tidy
	@git diff --exit-code go.mod go.sum || (echo "check-tidy: run 'go mod tidy' and commit" >&2; exit 1)

check-deps:
	.ci/check-deps.sh

# The main job on embedded defaults: 8 nodes on mocknet sharing a simulated
# chain, 200 tasks of a workload mix, 10% lying providers, 10% of providers
# killed and restarted mid-run; the report ends with the money balance check.
demo: build
	$(BIN) sim --nodes 8 --clients 2 --tasks 200 --byzantine 0.1 --churn 0.1 --svg bin/demo.svg

sim: build
	$(BIN) sim $(SIMFLAGS)

clean:
	rm -rf bin
