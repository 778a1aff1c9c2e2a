#!/usr/bin/env bash
# Cargo's runner for wasm tests: wasm-bindgen-test-runner in headless Chromium.
# chromedriver gives Chromium a profile under TMPDIR (about 100 MB) and leaves it
# behind when the runner stops it, so each run gets its own TMPDIR, removed after.
set -euo pipefail
scratch="$(mktemp -d "${TMPDIR:-/tmp}/proxipro-wasm-test.XXXXXX")"
# Chromium may still be writing as the runner stops it: retry, and never let the cleanup
# change the tests' own exit status.
trap 'for _ in 1 2 3 4 5 6 7 8 9 10; do rm -rf "$scratch" 2>/dev/null && break; sleep 0.2; done; true' EXIT
TMPDIR="$scratch" wasm-bindgen-test-runner "$@"
