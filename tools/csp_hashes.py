#!/usr/bin/env python3
"""Trunk post-build hook: allow Trunk's inline loader script in the page's CSP.

Trunk writes `<script type="module">import init …</script>` inline, and its
content changes with every build (hashed file names). The CSP in index.html
carries a placeholder that this hook replaces with the sha256 of each inline
script of the built page, so no 'unsafe-inline' is needed.
"""
import base64
import hashlib
import os
import re
import sys

PLACEHOLDER = "TRUNK_INLINE_SCRIPT_HASHES"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)


def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        print("csp_hashes.py: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)", file=sys.stderr)
        return 1
    page = os.path.join(staging, "index.html")
    with open(page, encoding="utf-8") as file:
        html = file.read()
    if PLACEHOLDER not in html:
        print(f"csp_hashes.py: no {PLACEHOLDER} in {page}", file=sys.stderr)
        return 1
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in INLINE_SCRIPT.findall(html)
    })
    with open(page, "w", encoding="utf-8") as file:
        file.write(html.replace(PLACEHOLDER, " ".join(hashes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
