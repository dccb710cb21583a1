# The two commands of the README: `make run` and `make test`. Both install what is missing
# (scripts/setup) and build in parallel first.
JOBS ?= $(shell nproc)
DEBUG_DIR := build/debug
RELEASE_DIR := build/release
LISTEN ?= 127.0.0.1:8080
DB ?= var/commesso.db

.PHONY: all setup build build-release run test bench format clean

all: build

setup:
	@scripts/setup

# Debug with AddressSanitizer and UndefinedBehaviorSanitizer: what the tests run.
build: setup
	@cmake -S . -B $(DEBUG_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCOMMESSO_SANITIZE=ON >/dev/null
	@cmake --build $(DEBUG_DIR) -j $(JOBS)

build-release: setup
	@cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOMMESSO_BENCH=ON >/dev/null
	@cmake --build $(RELEASE_DIR) -j $(JOBS)

run: build-release
	@mkdir -p $(dir $(DB))
	@$(RELEASE_DIR)/src/cli/commesso serve --listen $(LISTEN) --db $(DB) --demo

test: build
	@cd $(DEBUG_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 300

bench: build-release
	@scripts/bench $(RELEASE_DIR)

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	@rm -rf build
