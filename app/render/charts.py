"""Charts as SVG: pure functions from data to an SVG string (no Flask, no JavaScript, no styles).

Every chart is an ``<svg role="img">`` named by its ``<title>`` and ``<desc>``, sized by its
viewBox only so it scales down to a phone. Colours are CSS classes (``bar bar--N``: site.css's
``--chart-N``), so dark mode and print restyle it and the Content-Security-Policy holds.
Layout is in logical coordinates (0 is the inline start), mirrored for right-to-left locales:
``text-anchor`` follows the text's direction, so under ``direction="rtl"`` ``start`` is the right
edge. SVG text does not wrap, so labels are wrapped here with a width estimate per character.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from typing import NamedTuple
from xml.sax.saxutils import escape

WIDTH = 360  # viewBox units: about a phone's width, so text there is near its set size
FONT_SIZE = 15
LINE_HEIGHT = 19
BAR_HEIGHT = 16
STACK_HEIGHT = 28
LABEL_GAP = 3  # between a label's last line and its bar
BAR_GAP = 12  # after a bar, before the next label
GROUP_GAP = 14
VALUE_GAP = 6  # between a bar's end and its value
SWATCH = 14
COLOURS = 4  # --chart-1 .. --chart-4 in site.css
NARROW_EM = 0.56  # average advance of Latin, Vietnamese, Arabic letters (generous)
BOLD_FACTOR = 1.08
# Characters XML 1.0 cannot carry at all; dropped rather than producing a broken document.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SPACES = re.compile(r"[ \t\n\r\f\v]+")
# Closing punctuation stays on the line of the character before it (no line starts with it).
NO_BREAK_BEFORE = set("，。、；：！？）」』】〕%％,.;:!?)")


class Bar(NamedTuple):
    id: str  # the figure id: written as data-figure so tests and readers can match bar to data
    label: str
    value: float


class Group(NamedTuple):
    label: str  # "" for a chart with a single unnamed group
    bars: tuple[Bar, ...]


Formatter = Callable[[Bar], str]


def xml_text(text: str) -> str:
    """Text safe in an XML element or a double-quoted attribute."""
    return escape(XML_INVALID.sub("", text), {'"': "&quot;"})


def one_line(text: str) -> str:
    """Text as one line: XML-invalid characters dropped, runs of ASCII white space made one
    space. A no-break space (as in "78 %") is kept, and never broken at."""
    return SPACES.sub(" ", XML_INVALID.sub("", text)).strip(" ")


def char_width(char: str) -> float:
    if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
        return 0.0
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else NARROW_EM


def text_width(text: str, bold: bool = False) -> float:
    width = sum(char_width(c) for c in text) * FONT_SIZE
    return width * BOLD_FACTOR if bold else width


def _tokens(text: str) -> list[str]:
    """Break opportunities in one line: after spaces, and around each wide (CJK) character."""
    tokens: list[str] = []
    for char in text:
        previous = tokens[-1][-1] if tokens else " "
        wide = char_width(char) == 1.0 or char_width(previous) == 1.0
        breaks = char != " " and char not in NO_BREAK_BEFORE and (previous == " " or wide)
        if breaks or not tokens:
            tokens.append(char)
        else:
            tokens[-1] += char
    return tokens


def wrap(text: str, width: float, bold: bool = False) -> list[str]:
    """Lines of ``text`` that each fit ``width`` (a single over-long word is cut)."""

    def fits(candidate: str) -> bool:
        return text_width(candidate.rstrip(" "), bold) <= width

    lines: list[str] = []
    line = ""
    for token in _tokens(one_line(text)):
        if line and not fits(line + token):
            lines.append(line.rstrip(" "))
            line = ""
        line += token
        while not fits(line) and len(line.rstrip(" ")) > 1:
            ends = accumulate(text_width(char, bold) for char in line[:-1])
            cut = max(1, sum(end <= width for end in ends))  # the characters that fit, or one
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip(" ") or not lines:
        lines.append(line.rstrip(" "))
    return lines


def number(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros."""
    return f"{value:.1f}".removesuffix(".0")


def figure_attribute(figure: str | None) -> str:
    return "" if figure is None else f' data-figure="{xml_text(figure)}"'


class Canvas:
    """Collects SVG elements placed in logical coordinates; mirrors them for right-to-left."""

    def __init__(self, rtl: bool):
        self.rtl = rtl
        self.parts: list[str] = []

    def rect(self, start: float, top: float, length: float, height: float, cls: str, figure=None):
        left = WIDTH - start - length if self.rtl else start
        self.parts.append(
            f'<rect class="{cls}" x="{number(left)}" y="{number(top)}" '
            f'width="{number(length)}" height="{number(height)}"{figure_attribute(figure)}/>'
        )

    def text(self, start: float, baseline: float, lines: Sequence[str], cls: str, figure=None):
        """Lines start at logical ``start``; ``text-anchor`` is start in either direction."""
        x = number(WIDTH - start if self.rtl else start)
        if len(lines) == 1:
            place, body = f' x="{x}" y="{number(baseline)}"', xml_text(lines[0])
        else:  # a tspan per line
            place = ""
            body = "".join(
                f'<tspan x="{x}" y="{number(baseline + i * LINE_HEIGHT)}">{xml_text(line)}</tspan>'
                for i, line in enumerate(lines)
            )
        self.parts.append(f'<text class="{cls}"{place}{figure_attribute(figure)}>{body}</text>')

    def svg(self, dom_id: str, title: str, description: str, height: float, cls: str) -> str:
        direction = ' direction="rtl"' if self.rtl else ""
        dom_id = xml_text(dom_id)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" '
            f'viewBox="0 0 {WIDTH} {number(height)}" role="img" '
            f'aria-labelledby="{dom_id}-title {dom_id}-desc" font-size="{FONT_SIZE}"{direction}>'
            f'<title id="{dom_id}-title">{xml_text(one_line(title))}</title>'
            f'<desc id="{dom_id}-desc">{xml_text(one_line(description))}</desc>'
            + "".join(self.parts)
            + "</svg>"
        )


def colour(index: int) -> str:
    return f"bar--{index % COLOURS + 1}"


def room_for(values: Iterable[str]) -> float:
    """The width the widest (bold) value takes after a bar or swatch."""
    return max((text_width(value, bold=True) for value in values), default=0) + VALUE_GAP


def bar_chart(
    dom_id: str,
    title: str,
    description: str,
    groups: Sequence[Group],
    format_value: Formatter,
    *,
    scale_max: float | None = None,
    rtl: bool = False,
) -> str:
    """Horizontal bars, each under its (wrapped) label, its value at the bar's end.

    ``scale_max`` is the value of a full-width bar (100 for percentages, so a bar's length is its
    share of the whole); by default the largest value. Groups are drawn one after another under
    their own heading, each group in its own colour.
    """
    canvas = Canvas(rtl)
    values = {bar: format_value(bar) for group in groups for bar in group.bars}
    track = WIDTH - room_for(values.values())
    top = max((bar.value for bar in values), default=0) if scale_max is None else scale_max
    top = top if top > 0 else 1.0
    y = 0.0
    for index, group in enumerate(groups):
        if index:
            y += GROUP_GAP
        if group.label:
            heading = wrap(group.label, WIDTH, bold=True)
            canvas.text(0, y + FONT_SIZE, heading, "chart__group")
            y += len(heading) * LINE_HEIGHT + LABEL_GAP
        for bar in group.bars:
            label = wrap(bar.label, WIDTH)
            canvas.text(0, y + FONT_SIZE, label, "chart__label")
            y += len(label) * LINE_HEIGHT + LABEL_GAP
            length = max(0.0, min(bar.value / top, 1.0)) * track
            canvas.rect(0, y, length, BAR_HEIGHT, f"bar {colour(index)}", figure=bar.id)
            baseline = y + BAR_HEIGHT / 2 + FONT_SIZE * 0.35
            canvas.text(length + VALUE_GAP, baseline, [values[bar]], "chart__value", figure=bar.id)
            y += BAR_HEIGHT + BAR_GAP
    return canvas.svg(dom_id, title, description, max(y - BAR_GAP, 1), "chart__svg")


def stacked_chart(
    dom_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    format_value: Formatter,
    *,
    scale_max: float | None = None,
    rtl: bool = False,
) -> str:
    """Parts of a whole: one bar split into segments, and a key of swatch, value and label.

    The full width is ``scale_max`` (100 for percentages) or the sum if that is larger: published
    shares are rounded and may add up to a little more than 100.
    """
    canvas = Canvas(rtl)
    values = [format_value(bar) for bar in bars]
    total = sum(bar.value for bar in bars)
    whole = max(total if total > 0 else 1.0, scale_max or 0)
    start = 0.0
    for index, bar in enumerate(bars):
        length = max(0.0, bar.value) / whole * WIDTH
        canvas.rect(start, 0, length, STACK_HEIGHT, f"bar {colour(index)}", figure=bar.id)
        start += length
    label_start = SWATCH + VALUE_GAP + room_for(values)
    y = STACK_HEIGHT + BAR_GAP
    for index, (bar, value) in enumerate(zip(bars, values, strict=True)):
        canvas.rect(0, y + 2, SWATCH, SWATCH, f"chart__swatch {colour(index)}")
        canvas.text(SWATCH + VALUE_GAP, y + FONT_SIZE, [value], "chart__value", figure=bar.id)
        label = wrap(bar.label, WIDTH - label_start)
        canvas.text(label_start, y + FONT_SIZE, label, "chart__label")
        y += len(label) * LINE_HEIGHT + BAR_GAP / 2
    return canvas.svg(dom_id, title, description, y, "chart__svg chart__svg--stacked")
