"""Search benchmark: index build time and query latency on synthetic content.

1,000 lessons in every locale, each about as long as a real lesson and made of sentences of that
locale's real pages (so the words, scripts and lengths are real): most from one page, its topic,
the rest from any page. Queries are
one or two real words of the locale (Chinese: 2 to 4 characters, so both the trigram index and
the short-term index are measured), drawn by frequency (so common words, which match most pages,
are common queries too), plus some that match nothing. Latency is ``SearchIndex.search`` (query
cleaning, FTS5 ranking, highlighted titles and snippets, escaping) for one page of results, which
is what a search request adds to a page. Target: p99 under 5 ms. Results go to
docs/performance.md, section "Search".
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import platform
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from types import MappingProxyType

from app import create_app
from app.content import INDEX_SLUG, Page, Site
from app.search import MAX_RESULTS, SearchIndex, page_text

LESSONS_PER_LOCALE = 1_000
SECTIONS = ("parents", "classroom")
LESSON_CHARS = 9_000  # about a real lesson's length in Latin script
QUERIES_PER_LOCALE = 1_000
TOPIC_SHARE = 0.8  # of a synthetic lesson's sentences, drawn from the one real page it is about
TARGET_P99_MS = 5.0
SEED = 20261122
ROOT = Path(__file__).resolve().parent.parent
SENTENCE_END = re.compile(r"(?<=[.!?。！？؟])\s*")


def sentences_by_page(site: Site, code: str) -> list[list[str]]:
    pages = []
    for (locale, _section, _slug), page in sorted(site.pages.items()):
        if locale == code:
            found = [s for s in SENTENCE_END.split(page_text(page)) if len(s) > 20]
            if found:
                pages.append(found)
    return pages


def real_sentences(site: Site, code: str) -> list[str]:
    return [sentence for page in sentences_by_page(site, code) for sentence in page]


def synthetic_site(real: Site, rng: random.Random) -> Site:
    pages = {}
    for code in real.locale_codes:
        by_page = sentences_by_page(real, code)
        sentences = [sentence for page in by_page for sentence in page]
        scale = 0.4 if code.startswith("zh") else 1.0  # Chinese says as much in fewer characters
        for number in range(LESSONS_PER_LOCALE + len(SECTIONS)):
            if number < len(SECTIONS):
                section, slug = SECTIONS[number], INDEX_SLUG
            else:
                section, slug = SECTIONS[number % len(SECTIONS)], f"lesson-{number}"
            # Each lesson has a topic, as real ones do: most sentences come from one real page.
            topic = rng.choice(by_page)
            body, length = [], 0
            while length < LESSON_CHARS * scale:
                sentence = rng.choice(topic if rng.random() < TOPIC_SHARE else sentences)
                body.append(sentence)
                length += len(sentence)
            title = " ".join(rng.choice(topic).split()[:6])[:60]
            pages[(code, section, slug)] = Page(
                locale=code,
                section=section,
                slug=slug,
                path=f"synthetic/{code}/{section}/{slug}.md",
                title=title,
                summary=rng.choice(topic),
                audience="parents",
                order=number,
                updated=dt.date(2026, 11, 22),
                sources=(),
                reading_time=5,
                body="",
                html="".join(f"<p>{html.escape(s)}</p>" for s in body),
                toc=(),
                content_hash="sha256:" + "0" * 64,
            )
    return Site(
        root=ROOT / "synthetic",
        default_locale=real.default_locale,
        locales=real.locales,
        sections=SECTIONS,
        pages=MappingProxyType(pages),
        figures=MappingProxyType({}),
        figure_labels=MappingProxyType({}),
        sources=MappingProxyType({}),
    )


def queries_for(site: Site, code: str, rng: random.Random) -> list[str]:
    text = " ".join(real_sentences(site, code))
    queries = []
    if code.startswith("zh"):
        runs = [r for r in re.findall(r"[\u4e00-\u9fff]+", text) if len(r) >= 4]
        for _ in range(QUERIES_PER_LOCALE):
            run = rng.choice(runs)
            size = rng.choice((2, 3, 4))
            start = rng.randrange(0, len(run) - size + 1)
            queries.append(run[start : start + size])
    else:
        words = [w for w in re.findall(r"[^\W\d_]{3,}", text)]
        for _ in range(QUERIES_PER_LOCALE):
            queries.append(" ".join(rng.choice(words) for _ in range(rng.choice((1, 1, 2)))))
    # One in twenty finds nothing.
    for index in range(0, len(queries), 20):
        queries[index] = "zqxjvw"
    return queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def machine() -> str:
    def run(command: list[str]) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return "(unavailable)\n"

    cpu = "unknown"
    match = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    if match:
        cpu = match.group(1).strip()
    return (
        f"- `nproc`: {run(['nproc']).strip()}\n"
        f"- CPU: {cpu}\n"
        f"- Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}\n"
        f"- Load average during the run (`/proc/loadavg`): {load_average()}\n"
        f"- `free -h`:\n\n```\n{run(['free', '-h']).rstrip()}\n```\n"
    )


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def main() -> None:
    rng = random.Random(SEED)
    real = create_app({"TESTING": True, "PRERENDER": False}).extensions["osl_site"]
    site = synthetic_site(real, rng)
    documents = len(site.pages)
    started = time.perf_counter()
    index = SearchIndex(site)
    build_seconds = time.perf_counter() - started
    image_mb = len(index._image) / 1024 / 1024
    # As a preloaded server would: what was built at start-up is never collected again.
    gc.collect()
    gc.freeze()

    rows, all_latencies, all_cpu = [], [], []
    for code in site.locale_codes:
        queries = queries_for(real, code, rng)
        for query in queries[:50]:  # warm the page cache of the process, as a server would be
            index.search(code, query)
        latencies, cpu_times, found = [], [], 0
        for query in queries:
            started, cpu_started = time.perf_counter(), time.thread_time()
            results = index.search(code, query)
            cpu_times.append((time.thread_time() - cpu_started) * 1000)
            latencies.append((time.perf_counter() - started) * 1000)
            found += bool(results)
        all_latencies += latencies
        all_cpu += cpu_times
        rows.append(
            f"| {code} | {index.tokenizers[code]} | {len(queries)} | {found} | "
            f"{percentile(latencies, 0.50):.2f} | {percentile(latencies, 0.95):.2f} | "
            f"{percentile(latencies, 0.99):.2f} | {percentile(cpu_times, 0.99):.2f} |"
        )
    p99 = percentile(all_latencies, 0.99)
    cpu_p99 = percentile(all_cpu, 0.99)
    verdict = "meets" if p99 < TARGET_P99_MS else "MISSES"
    body = f"""## Search

`python -m bench.search_bench`: SQLite FTS5 in memory (app/search.py) over synthetic content,
{LESSONS_PER_LOCALE:,} lessons per locale in {len(site.locale_codes)} locales ({documents:,}
pages), each built from sentences of that locale's real pages ({TOPIC_SHARE:.0%} from one page, its topic). Latency is one
`SearchIndex.search` call (cleaning, FTS5 query, bm25 ranking, highlighted titles and snippets,
escaping) for one page of results ({MAX_RESULTS}); query words are drawn by frequency, so common
words that match most pages are common queries; one query in twenty matches nothing.

- Index build: **{build_seconds:.2f} s** for {documents:,} pages ({image_mb:.1f} MB FTS5 index).
- Query latency over all locales (wall clock): p50 {percentile(all_latencies, 0.5):.2f} ms,
  p95 {percentile(all_latencies, 0.95):.2f} ms, **p99 {p99:.2f} ms**
  ({verdict} the target p99 < {TARGET_P99_MS:.0f} ms).
- CPU time of the same calls: p50 {percentile(all_cpu, 0.5):.2f} ms, p99 {cpu_p99:.2f} ms. Where
  the wall-clock p99 is far above the CPU p99, the process was waiting for a core (see the load
  average below: other work shared this machine).

| Locale | Tokenizer | Queries | With results | p50 ms | p95 ms | p99 ms | CPU p99 ms |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Machine:

{machine()}"""
    sys.path.insert(0, str(ROOT))
    from bench.common import write_section

    write_section("search", body)


if __name__ == "__main__":
    main()
