#!/usr/bin/env bash
# Installs what ProxiPro needs to build (and, with `test`, to test) on a fresh
# machine with Rust, Node and apt. Idempotent: every tool already present at
# its pinned version is left alone.
#
#   tools/setup.sh build   # wasm target, Trunk, wasm-bindgen-cli, npm packages (wasm-opt, Leaflet)
#   tools/setup.sh test    # the above + Chromium, chromedriver, brotli
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate Cargo.lock resolved.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
mode=${1:-build}

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! [[ "$WASM_BINDGEN_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "Cargo.lock should resolve exactly one wasm-bindgen version, found: ${WASM_BINDGEN_VERSION:-none}" >&2
    exit 1
fi
# Trunk's post-build hook (tools/post_build.py) needs Python: say so now, not ten minutes into a build.
command -v python3 >/dev/null || { echo "python3 is needed (Trunk's post-build hook): install it, e.g. apt-get install python3" >&2; exit 1; }

if ! grep -q "^wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
    echo "Trunk.toml [tools] wasm_bindgen must be \"$WASM_BINDGEN_VERSION\" (the version in Cargo.lock)" >&2
    exit 1
fi

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "wasm32 target: present"
else
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
    say "trunk $TRUNK_VERSION: present"
else
    say "installing trunk $TRUNK_VERSION (about 15 minutes on 2 cores)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # Not --locked: the CLI's own lock file pins crates that no longer build on current Rust.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# npm ci only when node_modules is missing or older than the lock file.
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    say "npm packages: up to date"
else
    say "installing npm packages (Leaflet, binaryen's wasm-opt)"
    npm ci --no-audit --no-fund
fi

if [ "$mode" = test ]; then
    missing=()
    command -v chromium >/dev/null || missing+=(chromium)
    command -v chromedriver >/dev/null || missing+=(chromium-driver)
    command -v brotli >/dev/null || missing+=(brotli)
    # The French language pack: the test browser then shows what French users see (« 08:00 », not « 08:00 AM »).
    [ -f /usr/lib/chromium/locales/fr.pak ] || missing+=(chromium-l10n)
    if [ ${#missing[@]} -eq 0 ]; then
        say "chromium, chromedriver, its French pack, brotli: present"
    else
        say "installing ${missing[*]} with apt"
        sudo_cmd=""
        [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
    fi
    # chromedriver drives only the Chromium of its own major version.
    browser_major=$(chromium --version 2>/dev/null | grep -oE 'Chromium [0-9]+' | grep -oE '[0-9]+' || true)
    driver_major=$(chromedriver --version 2>/dev/null | grep -oE 'ChromeDriver [0-9]+' | grep -oE '[0-9]+' || true)
    if [ "$browser_major" != "$driver_major" ]; then
        echo "Chromium ${browser_major:-?} and ChromeDriver ${driver_major:-?} differ (or did not say their version): upgrade both (apt-get install chromium chromium-driver)" >&2
        exit 1
    fi
fi
