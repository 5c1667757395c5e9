"""Start-up time and memory against content size (100, 1,000 and 5,000 pages).

Start-up is what gunicorn's master does before it forks (wsgi.py, preload_app): create_app()
loads and validates the content, renders its Markdown and builds the search index. No page is
rendered ahead (there is no response cache). Each size runs in a fresh process; the slope comes
from a least-squares line through the three points.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, write_section

SIZES = (100, 1000, 5000)
PARAGRAPH = (
    "Talk with your child about the apps they use. Ask who they talk to and what they enjoy. "
    "Keep the conversation calm and open, so they come to you early if something feels wrong. "
    "In NCMEC's analysis of [[fig:enticement-reports-total]] reports, [[fig:enticement-victims-female]] "
    "of reported victims were girls. Boys are targeted too. "
)

MEASURE = """
import json, resource, sys, time
start = time.perf_counter()
from app import create_app
imported = time.perf_counter()
app = create_app({"CONTENT_DIR": sys.argv[1]})
done = time.perf_counter()
print(json.dumps({"import": imported - start, "total": done - start,
                  "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def make_tree(root: Path, pages: int) -> None:
    # The real English site (so every link resolves), then synthetic lessons up to ``pages``.
    shutil.copytree(ROOT / "content" / "data", root / "data")
    shutil.copytree(ROOT / "content" / "en", root / "en")
    lessons = pages - len(list((root / "en").rglob("*.md")))
    for number in range(lessons):
        body = "\n\n".join(
            f"## Part {part}\n\n"
            + PARAGRAPH * 3
            + f"\n\nSee [how to report](/parents/lesson-{number}/)."
            for part in range(6)
        )
        (root / "en" / "parents" / f"lesson-{number}.md").write_text(
            f'+++\ntitle = "Synthetic lesson {number}"\nsummary = "A lesson for the benchmark."\n'
            f'audience = "parents"\norder = {number + 100}\nupdated = 2026-11-22\nsources = []\n+++\n\n'
            + body
        )


def measure(pages: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        make_tree(root, pages)
        output = subprocess.run(
            [sys.executable, "-c", MEASURE, str(root)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        result["pages"] = pages
        return result


def slope(xs, ys) -> tuple[float, float, float]:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    b = sxy / sxx
    a = my - b * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - (a + b * x)) ** 2 for x, y in zip(xs, ys, strict=True))
    return b, a, 1 - ss_res / ss_tot if ss_tot else 1.0


def main() -> None:
    results = [measure(size) for size in SIZES]
    xs = [r["pages"] for r in results]
    time_slope, time_base, time_r2 = slope(xs, [r["total"] for r in results])
    mem_slope, mem_base, mem_r2 = slope(xs, [r["rss_kb"] for r in results])
    # Linear: the line explains the points, and the largest run costs no more per page than the
    # slope (small runs cost more per page: the fixed start-up is spread over fewer pages).
    largest = results[-1]
    time_linear = time_r2 >= 0.99 and largest["total"] / largest["pages"] <= 1.15 * time_slope
    verdict = {
        (True, True): "Time and memory both grow linearly.",
        (True, False): "Time grows linearly; memory does not: see the R² above.",
        (False, True): "Memory grows linearly; time does not: see the per-page figures.",
        (False, False): "Neither time nor memory grows linearly: see the figures above.",
    }[(time_linear, mem_r2 >= 0.99)]
    rows = "\n".join(
        f"| {r['pages']:,} | {r['import']:.2f} | {r['total']:.2f} | {r['rss_kb'] / 1024:.0f} |"
        for r in results
    )
    write_section(
        "startup",
        f"""## Start-up time and memory against content size (`bench/startup.py`)

The real English site plus synthetic English lessons (about 600 words each, with figure
references and links) up to the page count. "Total" is `create_app()` from a fresh process:
import, load and validate the content, render its Markdown, build the search index; what
gunicorn's master does before it forks its workers. No page is rendered ahead.

| pages | import s | total start-up s | peak RSS MiB |
|---:|---:|---:|---:|
{rows}

Start-up per page: {", ".join(f"{r['total'] / r['pages'] * 1000:.0f} ms at {r['pages']:,}" for r in results)}.
Least-squares line: **{time_slope * 1000:.1f} ms per page** (R² = {time_r2:.4f}). Memory:
**{mem_slope:.0f} KiB per page** (+{mem_base / 1024:.0f} MiB fixed, R² = {mem_r2:.4f}): each page
is kept as its rendered body, its outline and its search entry. {verdict}""",
    )


if __name__ == "__main__":
    main()
