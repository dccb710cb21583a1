# The two commands of the README: `make run` and `make test`. Both install what is missing
# (scripts/setup) and build in parallel first.
JOBS ?= $(shell nproc)
DEBUG_DIR := build/debug
RELEASE_DIR := build/release
LISTEN ?= 127.0.0.1:8080
DB ?= var/commesso.db
# ccache, when the machine has it, makes rebuilds in several checkouts cheap; never required.
CCACHE := $(shell command -v ccache 2>/dev/null)
LAUNCHER := $(if $(CCACHE),-DCMAKE_CXX_COMPILER_LAUNCHER=$(CCACHE) -DCMAKE_C_COMPILER_LAUNCHER=$(CCACHE))

.PHONY: all setup build build-release run test bench fuzz format clean console

# The clerk console (web/): rebuilt by Vite only when one of its sources changed.
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html \
  web/vite.config.ts web/tsconfig.json web/package.json web/package-lock.json

all: build

setup:
	@scripts/setup

# Debug with AddressSanitizer and UndefinedBehaviorSanitizer: what the tests run.
build: setup
	@cmake -S . -B $(DEBUG_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCOMMESSO_SANITIZE=ON $(LAUNCHER) >/dev/null
	@cmake --build $(DEBUG_DIR) -j $(JOBS)
	@$(MAKE) --no-print-directory console

build-release: setup
	@cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOMMESSO_BENCH=ON $(LAUNCHER) >/dev/null
	@cmake --build $(RELEASE_DIR) -j $(JOBS)
	@$(MAKE) --no-print-directory console

# The console is served from web/dist (server.web_root, relative to this directory).
run: build-release
	@mkdir -p $(dir $(DB))
	@$(RELEASE_DIR)/src/cli/commesso serve --listen $(LISTEN) --db $(DB) --demo --web-root web/dist

console: web/dist/index.html

web/dist/index.html: $(WEB_SOURCES) web/node_modules/.package-lock.json
	@cd web && npm run --silent build

web/node_modules/.package-lock.json: web/package-lock.json
	@scripts/setup

test: build
	@cd $(DEBUG_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 300

bench: build-release
	@scripts/bench $(RELEASE_DIR)

# libFuzzer with clang in build/fuzz, FUZZ_SECONDS (default 300) per target (tests/fuzz/README.md).
# Needs scripts/setup's libraries (as after `make test`); installs clang itself when missing.
fuzz:
	@JOBS=$(JOBS) scripts/fuzz

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	@rm -rf build web/dist
