#!/usr/bin/env bash
# Cargo's runner for wasm tests: wasm-bindgen-test-runner in headless Chromium.
# chromedriver gives Chromium a profile under TMPDIR (about 100 MB) and leaves it
# behind when the runner stops it, so each run gets its own TMPDIR, removed after.
set -euo pipefail
scratch="$(mktemp -d "${TMPDIR:-/tmp}/proxipro-wasm-test.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
TMPDIR="$scratch" wasm-bindgen-test-runner "$@"
