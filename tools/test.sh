#!/usr/bin/env bash
# Runs every test: native unit and property tests, the dataset rebuild check,
# component tests in headless Chromium, then end-to-end journeys against the
# release build. Expects tools/setup.sh test to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Native tests (model, builder, dataset rebuild)"
cargo test --workspace --exclude proxipro --exclude proxipro-e2e

step "Component tests in headless Chromium (wasm)"
cargo test -p proxipro --target wasm32-unknown-unknown

step "Release build"
trunk build --release
tools/size_report.sh dist

step "End-to-end tests in headless Chromium"
# One browser at a time: two cores, and each journey starts its own Chromium.
cargo test -p proxipro-e2e -- --test-threads=1
