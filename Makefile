# demarche: `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help run test chaos lint fmt bench bench-extract bench-loopback bench-latency bench-latency-mock bench-hostile soak eval eval-external train-confidence train-quad-class eval-dedup fuzz build release image

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

run: ## Run the daemon on a local broker with a sample feed; print events and metrics (Ctrl-C stops all)
	bash deploy/local/run.sh

test: ## Install what the tests need, start the test broker, run every test, stop the broker
	bash tests/support/test.sh

chaos: ## Crash test: 20,000 generated articles, the daemon SIGKILLed 12 times; every event must arrive
	bash tests/support/chaos.sh

lint: ## rustfmt check, clippy with -D warnings, no import cycles in src/kafka/
	cargo fmt --all -- --check
	bash .ci/no-import-cycles.sh
	cargo clippy --all-targets --locked -- -D warnings

fmt: ## Format the code
	cargo fmt --all

build: ## Debug build
	cargo build --locked

release: ## Release build of the binary
	cargo build --release --locked --bin demarche

image: release ## Container image localhost/demarche:dev with podman, around the release binary (no Docker engine or registry needed)
	bash deploy/image.sh target/release/demarche localhost/demarche:dev

bench: ## Criterion benchmarks of every stage and of the whole pipeline in process (see BENCHMARKS.md)
	cargo bench --locked --bench normalize --bench dedup --bench extract --bench pipeline

bench-extract: ## `demarche extract --format tsv|csv` on 10,000 generated articles in folders and .gz; pandas checks the tables
	bash benches/extract_corpus.sh

bench-loopback: ## Daemon throughput through the test broker on loopback, and its ratio to a pass-through
	bash benches/loopback.sh

bench-latency: ## End-to-end latency p50/p99 at 1,000 articles/s through the test broker on loopback
	bash benches/latency.sh

bench-latency-mock: ## The same through librdkafka's mock broker, which answers fetches as soon as it has data
	STACK_BROKER=mock bash benches/latency.sh

bench-hostile: ## Flood of 100,000 malformed messages among valid ones: dead letters, memory, throughput
	bash benches/hostile.sh

soak: ## 30 minutes of 200 articles/s: memory against the dedup index (SOAK_SECONDS, SOAK_RATE)
	bash benches/soak.sh

eval: ## Precision, recall and F1 of the coder on the development set (EVAL_DICTIONARIES=DIR: dictionaries from DIR)
	cargo test --release --locked --test eval_extract

eval-external: ## The coder on the external sets in ../shared/eval (PLOVER-GSR, ACLED, ConfliBERT), both halves (EVAL_SET, EVAL_VERBOSE, EVAL_DICTIONARIES=DIR)
	cargo test --release --locked --test eval_external

train-confidence: ## Fit the confidence model on the external sets' development halves (config/dictionaries/confidence.toml)
	EVAL_TRAIN_CONFIDENCE=$(CURDIR)/config/dictionaries/confidence.toml cargo test --release --locked --test eval_external

train-quad-class: ## Fit the fallback event-class model on the external sets' development halves (config/models/quad_class.json; needs numpy)
	python3 config/models/train_quad_class.py --cv

eval-dedup: ## Precision and recall of near-duplicate verdicts on the generated evaluation set
	DEMARCHE_EVAL_DEDUP_STORIES=5000 cargo test --release --locked --test eval_dedup

FUZZ_SECONDS ?= 600
FUZZ_TARGETS := decode normalize fingerprint extract pipeline

fuzz: ## Fuzz every target for FUZZ_SECONDS each (default 600) with cargo-fuzz on nightly
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	for t in $(FUZZ_TARGETS); do \
		mkdir -p fuzz/corpus/$$t && \
		cargo +nightly fuzz run --debug-assertions $$t fuzz/corpus/$$t fuzz/seeds/$$t -- \
			-dict=fuzz/dict/article.dict -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-rss_limit_mb=2048 || exit 1; \
	done
