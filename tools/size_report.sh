#!/usr/bin/env bash
# Prints the size of the release build's wasm and JS, raw / gzip -9 / brotli -q 11.
set -euo pipefail
dist=${1:-dist}
printf '%-40s %10s %10s %10s\n' "release asset" raw gzip brotli
for file in "$dist"/*.wasm "$dist"/*.js; do
    [ -f "$file" ] || continue
    raw=$(wc -c <"$file")
    gz=$(gzip -9c "$file" | wc -c)
    br=$(brotli -q 11 -c "$file" | wc -c)
    printf '%-40s %10d %10d %10d\n' "$(basename "$file")" "$raw" "$gz" "$br"
done
