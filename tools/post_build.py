#!/usr/bin/env python3
"""Trunk post-build hook: finishes the built index.html.

1. The explorer's first screen, copied from the app (public/prerendered/explorer.html,
   written by `cargo run -p proxipro-e2e --bin prerender`), replaces the page's
   PRERENDERED_EXPLORER placeholder: a phone shows real formations while the app downloads.
2. Trunk writes its wasm loader as an inline <script> whose content changes with every
   build (hashed file names). The CSP's placeholder is replaced by the sha256 of each
   inline script of the built page, so no 'unsafe-inline' is needed.
"""
import base64
import hashlib
import os
import re
import sys

EXPLORER_PLACEHOLDER = "PRERENDERED_EXPLORER"
EXPLORER_COPY = os.path.join(os.path.dirname(__file__), "..", "public", "prerendered", "explorer.html")
CSP_PLACEHOLDER = "TRUNK_INLINE_SCRIPT_HASHES"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)


def fail(message: str) -> int:
    print(f"post_build.py: {message}", file=sys.stderr)
    return 1


def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        return fail("TRUNK_STAGING_DIR is not set (run it as a Trunk hook)")
    page = os.path.join(staging, "index.html")
    with open(page, encoding="utf-8") as file:
        html = file.read()
    for placeholder in (EXPLORER_PLACEHOLDER, CSP_PLACEHOLDER):
        if html.count(placeholder) != 1:
            return fail(f"expected one {placeholder} in {page}")
    with open(EXPLORER_COPY, encoding="utf-8") as file:
        html = html.replace(EXPLORER_PLACEHOLDER, file.read().strip())
    # After the copy: it holds no script, but the hashes must cover the final page.
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in INLINE_SCRIPT.findall(html)
    })
    with open(page, "w", encoding="utf-8") as file:
        file.write(html.replace(CSP_PLACEHOLDER, " ".join(hashes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
