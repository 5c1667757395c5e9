"""Charts as SVG (app/render/charts.py): pure functions from data to an accessible, scalable,
style-free image that mirrors for right-to-left. charts.toml itself is checked in test_loader.py."""

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.render import charts
from app.render.charts import WIDTH, Bar, Group, bar_chart, stacked_chart, text_width, wrap

SVG = "{http://www.w3.org/2000/svg}"


def percent(bar: Bar) -> str:
    return f"{bar.value:g}%"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars_of(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if "bar" in r.get("class", "").split()]


def values_of(root: ET.Element) -> dict[str, ET.Element]:
    return {
        t.get("data-figure"): t
        for t in root.iter(f"{SVG}text")
        if "chart__value" in t.get("class", "").split()
    }


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def lines_of(element: ET.Element) -> list[str]:
    spans = list(element.iter(f"{SVG}tspan"))
    return [s.text or "" for s in spans] if spans else [element.text or ""]


def labels_of(root: ET.Element) -> list[ET.Element]:
    return [t for t in root.iter(f"{SVG}text") if t.get("class") == "chart__label"]


def simple(values=(78, 14, 9), rtl=False, **options) -> str:
    bars = tuple(Bar(f"fig-{i}", f"label {i}", v) for i, v in enumerate(values))
    return bar_chart("chart-x", "Title", "Summary.", [Group("", bars)], percent, rtl=rtl, **options)


# -- the SVG itself --------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["bar", "stacked"])
def test_svg_is_an_accessible_scalable_image_without_styles(kind):
    bars = (Bar("a", "first", 60), Bar("b", "second", 40))
    if kind == "bar":
        svg = bar_chart("chart-k", "My title", "My summary.", [Group("", bars)], percent)
    else:
        svg = stacked_chart("chart-k", "My title", "My summary.", bars, percent, scale_max=100)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-k-title chart-k-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert (title.get("id"), title.text) == ("chart-k-title", "My title")
    assert (desc.get("id"), desc.text) == ("chart-k-desc", "My summary.")
    assert re.fullmatch(r"0 0 \d+ \d+(\.\d)?", root.get("viewBox"))
    assert root.get("width") is None and root.get("height") is None  # scales to its container
    assert "style" not in svg and "<script" not in svg  # CSP: no inline styles, no scripts
    for element in root.iter():
        assert "style" not in element.attrib and "fill" not in element.attrib
    # A bar chart's group shares one colour; a stacked chart's segments each get their own.
    colours = ["bar--1", "bar--1"] if kind == "bar" else ["bar--1", "bar--2"]
    assert [b.get("class") for b in bars_of(root)] == [f"bar {c}" for c in colours]
    assert set(values_of(root)) == {"a", "b"}


def test_special_characters_are_escaped_everywhere():
    nasty = 'Fish & <chips> "quoted" \x00'
    bars = (Bar('id"&<', nasty, 50),)
    svg = bar_chart('c"x', nasty, nasty, [Group(nasty, bars)], lambda bar: "<50%&")
    assert "&lt;chips&gt;" in svg and "&amp;" in svg and "&quot;quoted&quot;" in svg
    root = parse(svg)  # well-formed despite every special character
    clean = 'Fish & <chips> "quoted"'
    assert root.find(f"{SVG}title").text == clean
    assert root.find(f"{SVG}desc").text == clean
    assert " ".join(lines_of(labels_of(root)[0])) == clean
    assert text_of(values_of(root)['id"&<']) == "<50%&"
    assert root.get("aria-labelledby") == 'c"x-title c"x-desc'


def test_values_come_from_the_formatter():
    svg = simple(values=(78,), rtl=False)
    assert text_of(values_of(parse(svg))["fig-0"]) == "78%"
    bars = (Bar("a", "first", 0.5),)
    svg = bar_chart("c", "T", "S", [Group("", bars)], lambda bar: "moins de 1 %")
    assert text_of(values_of(parse(svg))["a"]) == "moins de 1 %"


def test_bar_lengths_are_proportional_and_share_of_the_whole():
    root = parse(simple(values=(0, 50, 100), scale_max=100))
    widths = [float(b.get("width")) for b in bars_of(root)]
    assert widths[0] == 0  # a zero is drawn (one bar per figure), with no length
    assert widths[1] == pytest.approx(widths[2] / 2, abs=0.1)
    # The value label of the full bar still fits inside the viewBox.
    full_value = values_of(root)["fig-2"]
    assert float(full_value.get("x")) + text_width("100%", bold=True) <= WIDTH + 0.5
    assert text_of(values_of(root)["fig-0"]) == "0%"


def test_without_scale_max_the_largest_value_is_a_full_bar():
    root = parse(simple(values=(10, 40)))
    widths = [float(b.get("width")) for b in bars_of(root)]
    assert widths[0] == pytest.approx(widths[1] / 4, abs=0.1)
    all_zero = parse(simple(values=(0, 0)))
    assert [float(b.get("width")) for b in bars_of(all_zero)] == [0, 0]


def test_right_to_left_mirrors_the_layout():
    ltr, rtl = parse(simple(rtl=False, scale_max=100)), parse(simple(rtl=True, scale_max=100))
    assert ltr.get("direction") is None and rtl.get("direction") == "rtl"
    for left, right in zip(bars_of(ltr), bars_of(rtl), strict=True):
        width = float(left.get("width"))
        assert float(right.get("width")) == width
        assert float(left.get("x")) == 0  # grows from the left...
        assert float(right.get("x")) + width == pytest.approx(WIDTH)  # ...or from the right
        assert right.get("y") == left.get("y")
    for figure, value in values_of(ltr).items():
        mirrored = values_of(rtl)[figure]
        assert float(mirrored.get("x")) == pytest.approx(WIDTH - float(value.get("x")))
        assert text_of(mirrored) == text_of(value)  # the number itself is unchanged
    for left, right in zip(labels_of(ltr), labels_of(rtl), strict=True):
        assert float(left.get("x")) == 0 and float(right.get("x")) == WIDTH
    # text-anchor is relative to the text direction, so "start" is right for both directions.
    assert all(t.get("text-anchor") in (None, "start") for t in rtl.iter(f"{SVG}text"))


def test_stacked_right_to_left_starts_at_the_right_edge():
    bars = (Bar("a", "first", 70), Bar("b", "second", 30))
    ltr = parse(stacked_chart("s", "T", "D", bars, percent, scale_max=100))
    rtl = parse(stacked_chart("s", "T", "D", bars, percent, scale_max=100, rtl=True))
    first_ltr, first_rtl = bars_of(ltr)[0], bars_of(rtl)[0]
    assert float(first_ltr.get("x")) == 0
    assert float(first_rtl.get("x")) + float(first_rtl.get("width")) == pytest.approx(WIDTH)


def test_stacked_segments_fill_the_whole_and_rounding_over_100_still_fits():
    bars = (Bar("a", "girls", 78), Bar("b", "boys", 14), Bar("c", "unknown", 9))
    root = parse(stacked_chart("s", "T", "D", bars, percent, scale_max=100))
    segments = bars_of(root)
    assert len(segments) == 3
    assert [s.get("class") for s in segments] == ["bar bar--1", "bar bar--2", "bar bar--3"]
    end = float(segments[-1].get("x")) + float(segments[-1].get("width"))
    assert end == pytest.approx(WIDTH, abs=0.2)  # 101% is scaled to the full width, not beyond
    half = parse(stacked_chart("s", "T", "D", (Bar("a", "x", 50),), percent, scale_max=100))
    assert float(bars_of(half)[0].get("width")) == pytest.approx(WIDTH / 2)


def test_groups_get_headings_and_their_own_colours():
    groups = [
        Group("Direct", (Bar("a", "images", 64), Bar("b", "sex", 32))),
        Group("Known", (Bar("c", "sex", 40),)),
    ]
    root = parse(bar_chart("g", "T", "D", groups, percent, scale_max=100))
    headings = [text_of(t) for t in root.iter(f"{SVG}text") if t.get("class") == "chart__group"]
    assert headings == ["Direct", "Known"]
    assert [b.get("class") for b in bars_of(root)] == ["bar bar--1", "bar bar--1", "bar bar--2"]
    ys = [float(b.get("y")) for b in bars_of(root)]
    assert ys == sorted(ys) and len(set(ys)) == 3  # stacked top to bottom, never overlapping


def test_long_labels_wrap_inside_the_chart_and_keep_every_word():
    label = (
        "of reports each involved less common methods: pretending to be female, a modelling "
        "agent or someone the child knows; recording the child without permission"
    )
    root = parse(simple_with_label(label))
    lines = lines_of(labels_of(root)[0])
    assert len(lines) > 1
    assert all(text_width(line) <= WIDTH for line in lines)
    assert " ".join(lines) == label
    # The bar sits below the label's last line.
    last_line_y = max(float(t.get("y")) for t in labels_of(root)[0].iter(f"{SVG}tspan"))
    assert float(bars_of(root)[0].get("y")) > last_line_y


def simple_with_label(label: str) -> str:
    return bar_chart("c", "T", "D", [Group("", (Bar("a", label, 5),))], percent, scale_max=100)


def test_cjk_labels_wrap_without_spaces():
    label = (
        "在线诱骗报告中的儿童受害者大多数是女孩，男孩所占比例要小得多，有些报告无法确定性别。" * 2
    )
    lines = wrap(label, WIDTH)
    assert len(lines) > 1 and "".join(lines) == label
    assert all(text_width(line) <= WIDTH for line in lines)
    assert not any(line.startswith(("，", "。")) for line in lines)


def test_an_overlong_word_is_cut_rather_than_overflowing():
    lines = wrap("x" * 200, 100)
    assert "".join(lines) == "x" * 200
    assert all(text_width(line) <= 100 for line in lines)


def test_no_break_spaces_are_kept_and_never_broken_at():
    assert wrap("78\xa0% of\nreports", 1000) == ["78\xa0% of reports"]
    assert wrap("aaaa\xa0bbbb cccc", text_width("aaaa\xa0bbbb")) == ["aaaa\xa0bbbb", "cccc"]


def test_combining_marks_take_no_width():
    assert text_width("e\u0301") == text_width("e")
    assert text_width("中") > text_width("a")


label_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)


@given(title=label_text, label=label_text, value=st.floats(0, 100), rtl=st.booleans())
def test_any_text_gives_well_formed_svg(title, label, value, rtl):
    bars = (Bar("a", label, value),)
    for svg in (
        bar_chart("c", title, title, [Group(label, bars)], percent, scale_max=100, rtl=rtl),
        stacked_chart("c", title, title, bars, percent, scale_max=100, rtl=rtl),
    ):
        root = parse(svg)
        assert len(bars_of(root)) == 1
        assert (root.find(f"{SVG}title").text or "") == charts.one_line(title)
        shown = "".join("".join(lines_of(t)) for t in labels_of(root))
        assert shown.replace(" ", "") == charts.one_line(label).replace(" ", "")  # no text lost
