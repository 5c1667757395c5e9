"""Load: wrk on loopback, bounded in time, against production and against Flask alone.

1. Production (deploy/nginx.conf, as `make serve` runs it): a frozen lesson page against a
   two-byte static file from the same nginx, alternating rounds in one run (target: lesson
   >= 0.9x the tiny file). Then every lesson of every locale, mixed (target: 0 errors), and the
   search with a query, through nginx to gunicorn.
2. Flask alone under gunicorn (gunicorn.conf.py), no response cache: a lesson page against a bare
   `return "ok"` route that only this benchmark adds (bench.common.bench_app), alternating
   (target: lesson >= 0.5x bare).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import BARE_ROUTE, bench_app, gunicorn, nginx, write_section
from bench.common import frozen_site as copy_of_frozen_site

ROUND_SECONDS = 10
ROUNDS = 3
CONNECTIONS = 50
MIXED_SECONDS = 20
SEARCH_SECONDS = 10
SEARCH_CONNECTIONS = 8  # searches at once: twice what gunicorn runs in parallel (2 x 2 threads)
LESSON = "/en/parents/sextortion/"
TINY = "/ok.txt"  # two bytes, written beside the export for this benchmark
# What a current browser sends: nginx answers with the export's .br (or .gz) file.
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}

LUA_PATHS = """
local paths = {%s}
local i = 0
request = function()
  i = (i %% #paths) + 1
  return wrk.format("GET", paths[i], {["Accept-Encoding"] = "gzip, deflate, br"})
end
"""


def wrk(
    url: str,
    seconds: int,
    script: str | None = None,
    headers: dict | None = None,
    connections: int = CONNECTIONS,
) -> dict:
    # A slow answer counts in the latencies (up to 10 s), not as a socket error.
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", script]
    command.append(url)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s*([\d.]+)", output).group(1))}
    transfer = re.search(r"Transfer/sec:\s*([\d.]+)(B|KB|MB|GB)", output)
    scale = {"B": 1 / 1024 / 1024, "KB": 1 / 1024, "MB": 1, "GB": 1024}[transfer.group(2)]
    result["mb_s"] = float(transfer.group(1)) * scale
    for pct in ("50", "90", "99"):
        match = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s)", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        result[f"p{pct}"] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = 0
    for pattern in (
        r"Non-2xx or 3xx responses:\s*(\d+)",
        r"Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)",
    ):
        match = re.search(pattern, output)
        if match:
            errors += sum(int(g) for g in match.groups())
    result["errors"] = errors
    return result


def alternate(base: str, routes: dict[str, str], headers: dict | None = None) -> list:
    """ROUNDS rounds of each route in turn, after a short warm-up of each."""
    for path in routes.values():
        wrk(base + path, 2, headers=headers)
    return [
        (name, wrk(base + path, ROUND_SECONDS, headers=headers))
        for _ in range(ROUNDS)
        for name, path in routes.items()
    ]


def mean(rounds: list, name: str) -> float:
    values = [result["rps"] for route, result in rounds if route == name]
    return sum(values) / len(values)


def cpu_ms(client, path: str, requests: int = 300) -> float:
    """CPU milliseconds per request in this process, through the test client (no HTTP, no
    sockets): what the app itself costs, and steadier than wall time on a shared machine."""
    assert client.get(path).status_code == 200, path
    start = time.process_time()
    for _ in range(requests):
        client.get(path)
    return (time.process_time() - start) / requests * 1000


def lesson_paths(site: Path) -> list[str]:
    """Every lesson page of every locale in the export."""
    return sorted(
        "/" + page.relative_to(site).as_posix().removesuffix("index.html")
        for page in site.glob("*/*/*/index.html")
        if page.parent.parent.name in ("parents", "classroom")
    )


HEADER = (
    "| route | requests/s | MB/s | p50 ms | p90 ms | p99 ms | errors |\n"
    "|---|---:|---:|---:|---:|---:|---:|"
)


def row(name: str, result: dict) -> str:
    return (
        f"| {name} | {result['rps']:,.0f} | {result['mb_s']:.1f} | {result['p50']:.2f} | "
        f"{result['p90']:.2f} | {result['p99']:.2f} | {result['errors']} |"
    )


def table(rounds: list) -> str:
    lines = [HEADER]
    lines += [
        row(f"{name} (round {i // 2 + 1})", result) for i, (name, result) in enumerate(rounds)
    ]
    return "\n".join(lines)


def main() -> None:
    if not shutil.which("wrk"):
        print("wrk is not installed (make system-deps)")
        return
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    with tempfile.TemporaryDirectory(prefix="osl-bench-") as tmp:
        site = copy_of_frozen_site(Path(tmp))
        (site / TINY.lstrip("/")).write_bytes(b"ok")
        lesson_bytes = {
            suffix: (site / LESSON.strip("/") / f"index.html{suffix}").stat().st_size
            for suffix in ("", ".br")
        }
        paths = lesson_paths(site)
        with gunicorn() as app_base:
            upstream = app_base.removeprefix("http://")
            with nginx(site, upstream=upstream) as base:
                served = alternate(base, {"lesson": LESSON, "tiny file": TINY}, BROWSER)
                with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
                    script.write(LUA_PATHS % ", ".join(f'"{p}"' for p in paths))
                mixed = wrk(base + "/", MIXED_SECONDS, script.name)
                Path(script.name).unlink()
                search = wrk(
                    base + "/en/search/?q=report",
                    SEARCH_SECONDS,
                    headers=BROWSER,
                    connections=SEARCH_CONNECTIONS,
                )
    with gunicorn(app="bench.common:bench_app()") as base:
        flask = alternate(base, {"lesson": LESSON, "bare": BARE_ROUTE})
    client = bench_app().test_client()
    cpu = {"lesson": cpu_ms(client, LESSON), "bare": cpu_ms(client, BARE_ROUTE)}

    load_after = Path("/proc/loadavg").read_text().split()[:3]
    served_ratio = mean(served, "lesson") / mean(served, "tiny file")
    flask_ratio = mean(flask, "lesson") / mean(flask, "bare")
    write_section(
        "load",
        f"""## Load (`bench/load.py`)

wrk with 2 threads and {CONNECTIONS} connections, on the same machine as the servers (so the
load generator competes with them for the 2 cores); {ROUND_SECONDS} s rounds, the two routes
alternating, after a 2 s warm-up of each. Rounds vary by some percent from one to the next;
load average before the run {" ".join(load_before)}, after it {" ".join(load_after)} (above 2,
other work shared the machine's cores).

### Production: nginx serving the frozen site (`deploy/nginx.conf`, as `make serve` runs it)

nginx (one worker per core) from the configuration `deploy/local.py` writes, over a copy of the
export. wrk asks as a browser does (`Accept-Encoding: gzip, deflate, br`), so the lesson
(`{LESSON}`, {lesson_bytes[""]:,} bytes of HTML) is sent as its {lesson_bytes[".br"]:,}-byte
`.br` file; the tiny file is two bytes, not compressed. The access log is on, as in production.

{table(served)}

Mean: lesson {mean(served, "lesson"):,.0f} req/s, tiny file {mean(served, "tiny file"):,.0f}
req/s: the lesson page runs at **{served_ratio:.2f}×** the two-byte file (target ≥ 0.9×).

Every lesson of every locale ({len(paths)} URLs) in turn, {MIXED_SECONDS} s, and the search with a
query (`/en/search/?q=report`), which nginx passes to gunicorn (`gunicorn.conf.py`: one worker
per core, 2 threads each), {SEARCH_SECONDS} s with {SEARCH_CONNECTIONS} connections:

{HEADER}
{row("every lesson, every locale (nginx)", mixed)}
{row("search with a query (nginx → gunicorn)", search)}

Errors: **{mixed["errors"] + search["errors"]}** (target 0).

### Flask alone under gunicorn, no response cache

gunicorn with `gunicorn.conf.py` serving `bench.common:bench_app()`: the app from `create_app()`
plus a bare route (`{BARE_ROUTE}`, `return "ok"`) that exists only in the benchmark. Every
request runs the app's hooks (method check, locale, security headers, ETag, 304s) and renders
the lesson's templates; it is sent uncompressed (wrk asks for no compression here). No response is
kept: what the templates keep are the pieces that cannot change until the content is deployed
again: the top, footer, asset links and report box once per locale (`templating.chrome`), a
page's article and language links once per URL (`templating.fragment`, as Django's
`{{% cache %}}` tag).

{table(flask)}

Mean: lesson {mean(flask, "lesson"):,.0f} req/s, bare route {mean(flask, "bare"):,.0f} req/s: the
lesson page runs at **{flask_ratio:.2f}×** the bare route (target ≥ 0.5×).

Where the time goes, measured in one process through Flask's test client (CPU time, no HTTP):
a lesson costs {cpu["lesson"]:.2f} ms, the bare route {cpu["bare"]:.2f} ms
({cpu["bare"] / cpu["lesson"]:.2f}×). What the lesson adds is rendering its templates for each
request; gunicorn's own work per request (parsing, writing the socket) is the same for both.
Profiled, a lesson makes about 2,400 Python calls and the bare route 1,400 (10,500 before the
chrome was kept per locale, 4,900 before the article and language links were kept per URL).""",
    )


if __name__ == "__main__":
    main()
