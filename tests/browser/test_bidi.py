"""Right-to-left pages draw every phone number, web address and number run in reading order.

After Arabic letters the digits of 1-800-843-5678 become Arabic-context numbers that hyphens no
longer join, and a browser lays the groups out right to left (5678-843-800-1): a parent would dial
a wrong number. This measures what is on screen: for every such run on every right-to-left page,
the characters' boxes must go left to right.
"""

from __future__ import annotations

import pytest

from tests.browser.support import visit

pytestmark = pytest.mark.browser

# Phone numbers, number runs joined by a dash or slash, and web addresses.
RUNS_SCRIPT = r"""
() => {
  const pattern = new RegExp([
    "1-800-[0-9A-Z]{3,4}-[0-9A-Z]{3,4}",
    "[0-9]+(?:[-–/][0-9]+)+",
    "[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:org|gov|com)\\b/?",
  ].join("|"), "g");
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const runs = [];
  let measured = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(pattern)) {
      const xs = [];
      for (let i = 0; i < match[0].length; i++) {
        const range = document.createRange();
        range.setStart(node, match.index + i);
        range.setEnd(node, match.index + i + 1);
        const box = range.getBoundingClientRect();
        if (box.width > 0) xs.push([box.left, box.top]);
      }
      if (xs.length < 2) continue;  // not drawn (a hidden slide, a closed menu)
      measured++;
      const line = xs[0][1];
      // Only characters on the first line: a wrapped web address continues on the next.
      const sameLine = xs.filter(([, top]) => Math.abs(top - line) < 2).map(([left]) => left);
      const ordered = sameLine.every((left, i) => i === 0 || left > sameLine[i - 1]);
      if (!ordered) runs.push(match[0]);
    }
  }
  return {measured, reversed: runs};
}
"""


def rtl_pages(site):
    rtl = set(site.rtl_locales())
    return [p for p in site.pages if p.locale in rtl and p.status == 200]


def test_there_are_right_to_left_pages_with_numbers_to_measure(page, site):
    pages = rtl_pages(site)
    assert len(pages) >= 30
    visit(page, site.first(site.rtl_locales()[0], "pages.home"))
    assert page.evaluate(RUNS_SCRIPT)["measured"] >= 3  # the hotline at least, twice


def test_every_number_run_reads_left_to_right_on_every_rtl_page(page, site):
    reversed_runs = {}
    for site_page in rtl_pages(site):
        visit(page, site_page)
        found = page.evaluate(RUNS_SCRIPT)
        if found["reversed"]:
            reversed_runs[site_page.url] = found["reversed"]
    assert reversed_runs == {}


def test_the_measurement_catches_a_reversed_number(page, site):
    """Without the isolation, Chromium really does draw the hotline backwards."""
    visit(page, site.first(site.rtl_locales()[0], "pages.home"))
    page.evaluate(
        """() => {
          const p = document.createElement('p');
          p.textContent = 'اتصل بالرقم 1-800-843-5678 الآن';
          document.querySelector('main').prepend(p);
        }"""
    )
    assert "1-800-843-5678" in page.evaluate(RUNS_SCRIPT)["reversed"]
