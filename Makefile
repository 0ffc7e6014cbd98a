# SPDX-License-Identifier: EUPL-1.2
# Thin wrapper over meson/ninja for the README's commands.
BUILD ?= build
DATA_DIR ?= ./data
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build run test bench fuzz docs clean

all: build

deps:
	@scripts/deps.sh run

build: deps
	@[ -d $(BUILD) ] || meson setup $(BUILD) --buildtype=release -Dtests=false >/dev/null
	@ninja -C $(BUILD) liaison dc09-tool

# Demo data is loaded on first start only (an empty database).
run: build
	./$(BUILD)/liaison serve --demo --accept-test-ins --data-dir $(DATA_DIR) --listen $(LISTEN) \
		--alarm-listen demo=tcp://127.0.0.1:9100,demo=udp://127.0.0.1:9100

test:
	@scripts/deps.sh test
	@scripts/test.sh

bench:
	@scripts/deps.sh bench
	@bench/run.sh

fuzz:
	@scripts/fuzz.sh

docs: build
	@scripts/gen-api-docs.sh ./$(BUILD)/liaison

clean:
	rm -rf build build-test build-fuzz
