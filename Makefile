# One Makefile for developers and CI. Needs only Rust, Python >= 3.11 and make:
# everything else is installed into .venv from the package registries.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.deps-stamp
export VIRTUAL_ENV := $(abspath $(VENV))
export PATH := $(abspath $(VENV))/bin:$(PATH)

.PHONY: help develop test test-rust test-python lint fmt demo wheel bench fuzz-smoke docs docs-check clean

help:
	@echo "make demo    install sayso alone into .venv-demo and run it on the built-in example"
	@echo "make wheel   build the release wheel (abi3, manylinux_2_28) and sdist into dist/"
	@echo "make test    build, lint and run every test (what CI runs)"
	@echo "make bench   run the benchmarks and the PolNeAR dev evaluation (needs ../shared)"
	@echo "make docs    build the documentation site into site/"

$(PY):
	$(PYTHON) -m venv $(VENV)

# Build, test and docs dependencies, declared in pyproject.toml (the 'test' and 'docs' extras).
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet 'maturin>=1.16,<2'
	$(PY) -c 'import tomllib; d = tomllib.load(open("pyproject.toml", "rb")); e = d["project"]["optional-dependencies"]; print("\n".join(e["test"] + e["docs"]))' > $(VENV)/test-requirements.txt
	$(PY) -m pip install --quiet -r $(VENV)/test-requirements.txt
	touch $@

# The extension, in release mode, installed into .venv.
develop: $(STAMP)
	maturin develop --release --quiet

test-rust: $(STAMP)
	cargo test --quiet
	cargo clippy --quiet --all-targets --all-features -- -D warnings
	cargo fmt --check

lint: $(STAMP)
	ruff check python tests bench tools docs
	ruff format --check python tests bench tools docs
	$(PY) -m mypy.stubtest sayso._core --allowlist tests/stubtest-allowlist.txt

test-python: develop wheel
	$(PY) -m pytest

# Each fuzz target for a few seconds (the long runs: see docs/guarantees.md).
# cargo-fuzz needs nightly flags, which RUSTC_BOOTSTRAP allows on stable.
FUZZ_TARGETS := build_gazetteer find_text extract_quotes load_bytes
FUZZ_SECONDS ?= 10
fuzz-smoke:
	command -v cargo-fuzz >/dev/null || cargo install --locked --quiet cargo-fuzz@0.13.2
	for t in $(FUZZ_TARGETS); do \
		mkdir -p fuzz/corpus/$$t && \
		RUSTC_BOOTSTRAP=1 cargo fuzz run $$t fuzz/corpus/$$t fuzz/seeds/$$t -- \
			-max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 2>&1 \
			| grep -E '^stat::number_of_executed_units|ERROR|panicked' ; \
		test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

# The site, from the docstrings of the built module and the pages in docs/.
export NO_MKDOCS_2_WARNING := 1
docs: develop
	$(VENV)/bin/mkdocs build --quiet

# What CI checks: no warning (broken links and anchors included), then every
# internal link and image of the built pages.
docs-check: develop
	$(VENV)/bin/mkdocs build --quiet --strict
	$(PY) tools/check_site_links.py site

test: test-rust develop lint test-python docs-check fuzz-smoke

# The demo needs sayso and nothing else: pip builds and installs it from this clone into a
# venv of its own, as a user would (the test stack stays in .venv).
DEMO_VENV := .venv-demo
demo:
	$(PYTHON) -m venv $(DEMO_VENV)
	$(DEMO_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(DEMO_VENV)/bin/python -m pip install --quiet .
	$(DEMO_VENV)/bin/sayso demo

# A wheel for Python >= 3.11 (abi3) that runs on glibc 2.28 or newer (manylinux_2_28: RHEL 8,
# Debian 10, Ubuntu 18.10 on): zig links it against that glibc. And the sdist, which builds
# from source with Rust. twine checks the metadata of both. tests/test_install.py installs
# the wheel into a fresh venv.
wheel: $(STAMP)
	rm -rf dist
	maturin build --release --quiet --compatibility manylinux_2_28 --zig --out dist
	maturin sdist --out dist
	twine check --strict dist/*

# The peers, in a venv of their own: not dependencies of sayso.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.stamp: bench/peers-requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -r bench/peers-requirements.txt
	touch $@

bench: develop $(BENCH_VENV)/.stamp
	$(PY) bench/bench_peers.py --out bench/results/$$(date -u +%Y-%m-%d)-peers.md
	cargo run --quiet --release --example engines -- ../shared/data/bench/corpus.jsonl \
		../shared/data/bench/gaz_small.csv ../shared/data/bench/gaz_large.csv \
		> bench/results/$$(date -u +%Y-%m-%d)-engines.md
	$(PY) bench/bench_growth.py --out bench/results/$$(date -u +%Y-%m-%d)-growth.md \
		--plot bench/results/$$(date -u +%Y-%m-%d)-growth.png
	$(PY) bench/bench_gazetteer.py --out bench/results/$$(date -u +%Y-%m-%d)-gazetteer.md
	$(PY) bench/bench_build.py --out bench/results/$$(date -u +%Y-%m-%d)-build.md
	$(PY) bench/bench_quotes.py --out bench/results/$$(date -u +%Y-%m-%d)-quotes-speed.md
	$(PY) bench/eval_quotes.py --out bench/results/$$(date -u +%Y-%m-%d)-quotes-dev.md
	$(PY) bench/eval_news.py --out bench/results/$$(date -u +%Y-%m-%d)-news-eval.md
	$(PY) bench/bench_dask.py --out bench/results/$$(date -u +%Y-%m-%d)-dask.md
	$(PY) bench/memory_flat.py --out bench/results/$$(date -u +%Y-%m-%d)-memory.md
	$(PY) bench/bench_frames.py --out bench/results/$$(date -u +%Y-%m-%d)-frames.md

fmt:
	cargo fmt
	$(VENV)/bin/ruff format python tests bench tools docs
	$(VENV)/bin/ruff check --fix python tests bench tools docs

clean:
	rm -rf $(VENV) $(DEMO_VENV) target dist site
