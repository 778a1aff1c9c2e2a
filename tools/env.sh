# Sourced by the Makefile's recipes: tools installed by setup.sh come first on PATH
# (binaryen's wasm-opt from npm, not Debian's older one).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
