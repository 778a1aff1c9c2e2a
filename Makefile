# Two commands do everything on a fresh machine (Rust, Node and apt present):
#   make serve   install what is missing, build, serve on http://127.0.0.1:8080
#   make test    install what is missing, run every test
SHELL := /bin/bash

.PHONY: serve test dataset bench

serve:
	tools/setup.sh build
	source tools/env.sh && echo "ProxiPro : http://127.0.0.1:8080" && trunk serve --release

test:
	tools/setup.sh test
	tools/test.sh

# Rebuilds public/data/ille-et-vilaine from ../shared/data/raw.
dataset:
	cargo run --release -p proxipro-builder -- --raw ../shared/data/raw --out public/data --departement 35

# Benchmarks: figures to read (no assertions). Browser timings use the release build.
bench:
	tools/setup.sh test
	source tools/env.sh && trunk build --release && tools/size_report.sh dist
	source tools/env.sh && cargo run --release -q -p proxipro-e2e --bin browser_bench
