"""Lighthouse (npm) against Debian's Chromium, mobile emulation, on a lesson page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.common import ROOT, gunicorn, write_section

TOOLS = ROOT / "bench" / "node_modules"
CHROME = "/usr/bin/chromium"
PAGES = ["/en/parents/sextortion/", "/ar/parents/sextortion/"]


def ensure_lighthouse() -> Path:
    binary = TOOLS / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(
            [
                "npm",
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(TOOLS.parent),
                "lighthouse@12",
            ],
            check=True,
        )
    return binary


def main() -> None:
    if not (shutil.which("npm") and Path(CHROME).exists()):
        print("Lighthouse needs npm and /usr/bin/chromium (make system-deps)")
        return
    lighthouse = ensure_lighthouse()
    rows = []
    with gunicorn() as base, tempfile.TemporaryDirectory() as tmp:
        for path in PAGES:
            report = Path(tmp) / "report.json"
            subprocess.run(
                [
                    str(lighthouse),
                    base + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    "--only-categories=performance,accessibility",
                    "--form-factor=mobile",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic "
                    "--no-first-run --disable-background-networking --disable-component-update "
                    "--disable-sync",
                ],
                check=True,
                env=dict(os.environ, CHROME_PATH=CHROME),
            )
            data = json.loads(report.read_text())
            scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
            audits = data["audits"]
            rows.append(
                f"| `{path}` | {scores['performance']} | {scores['accessibility']} | "
                f"{audits['first-contentful-paint']['displayValue']} | "
                f"{audits['largest-contentful-paint']['displayValue']} | "
                f"{audits['total-byte-weight']['displayValue']} |"
            )
    write_section(
        "lighthouse",
        """## Lighthouse, mobile emulation (`bench/lighthouse.py`)

Lighthouse 12 from npm, Debian's Chromium, default mobile emulation (slow 4G, 4× CPU slowdown),
served by gunicorn on loopback. Target: Performance 100 and Accessibility 100.

| page | Performance | Accessibility | First Contentful Paint | Largest Contentful Paint | total weight |
|---|---:|---:|---:|---:|---:|
"""
        + "\n".join(rows),
    )


if __name__ == "__main__":
    main()
