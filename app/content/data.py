"""The data files: sources, figures, charts (content/data/) and each locale's figure labels."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from . import models as m
from .problems import Problems, key_line, line_of, read_toml, report_validation
from .schema import SLUG, STACKED_MAX, ChartEntry, FigureEntry, GroupEntry, SourceEntry

CHART_LABEL_PREFIX = "chart-"  # chart texts sit beside figure labels in <locale>/_figures.toml


class DataLoader:
    def __init__(self, root: Path, problems: Problems):
        self.root = root
        self.problems = problems
        self.sources: dict[str, m.SourceDoc] = {}
        self.figures: dict[str, m.Figure] = {}
        self.charts: dict[str, m.Chart] = {}
        self.figure_labels: dict[str, dict] = {}  # locale -> {figure id -> {"label": ...}}
        self.chart_labels: dict[str, dict] = {}  # locale -> {chart id -> {"title": ...}}

    def table(self, path: Path, model, what: str, known=()) -> dict:
        """Validate each [key] table of a TOML file; keep the valid ones, with their lines."""
        data, lines = read_toml(path, self.problems)
        valid = {}
        for key, entry in data.items():
            start = key_line(lines, key) - 1
            prefix = f"{what} '{key}': "
            if not SLUG.match(key):
                self.problems.add(path, start + 1, prefix + "id must be lowercase words")
            elif not isinstance(entry, dict):
                self.problems.add(path, start + 1, prefix + "must be a table")
            elif key in known:
                self.problems.add(path, start + 1, prefix + "duplicate id")
            else:
                try:
                    valid[key] = (model.model_validate(entry), start, lines)
                except ValidationError as error:
                    report_validation(error, self.problems, path, lines, start=start, prefix=prefix)
        return valid

    def load_sources(self) -> None:
        path = self.root / "data" / "sources.toml"
        if not path.exists():
            self.problems.add(path, 1, "missing sources file")
        for key, (entry, _, _) in self.table(path, SourceEntry, "source").items():
            self.sources[key] = m.SourceDoc(id=key, **entry.model_dump())

    def load_figures(self) -> None:
        for path in sorted((self.root / "data" / "figures").glob("*.toml")):
            found = self.table(path, FigureEntry, "figure", self.figures)
            for key, (entry, start, _) in found.items():
                problem = None
                if key.startswith(CHART_LABEL_PREFIX):
                    # <locale>/_figures.toml keeps chart texts under "chart-<id>"
                    problem = f"ids starting '{CHART_LABEL_PREFIX}' are for chart texts"
                elif entry.source not in self.sources:
                    problem = f"unknown source '{entry.source}'"
                elif entry.unit == "percent" and not 0 <= entry.value <= 100:
                    problem = "a percentage must be between 0 and 100"
                if problem:
                    self.problems.add(path, start + 1, f"figure '{key}': {problem}")
                else:
                    self.figures[key] = m.Figure(id=key, **entry.model_dump())

    def load_charts(self) -> None:
        """The charts whose figures can be drawn together; each problem at the line it names."""
        path = self.root / "data" / "charts.toml"
        for key, (entry, start, lines) in self.table(path, ChartEntry, "chart").items():
            groups, problems = self.chart_groups(entry)
            drawn = [self.figures[fid] for group in groups for fid in group.bars]
            if len({f.id for f in drawn}) != len(drawn):
                problems.append(("", "a figure is drawn twice"))
            if len({(f.unit, f.source) for f in drawn}) > 1:
                problems.append(("", "all figures of a chart must share a unit and a source"))
            if entry.kind == "stacked" and (
                entry.groups or len(drawn) > STACKED_MAX or any(f.unit != "percent" for f in drawn)
            ):
                message = f"a stacked chart draws one list of at most {STACKED_MAX} shares"
                problems.append(("kind", message))
            for needle, message in problems:  # "" finds the chart's [key] line
                line = line_of(lines, needle, start, default=start + 1)
                self.problems.add(path, line, f"chart '{key}': {message}")
            if groups and not problems:
                texts = entry.model_dump(include={"title", "summary", "kind", "population"})
                self.charts[key] = m.Chart(id=key, groups=tuple(groups), **texts)

    def chart_groups(self, entry: ChartEntry) -> tuple[list[m.ChartGroup], list[tuple[str, str]]]:
        """The valid groups (plain bars are one unnamed group), and (needle, message) problems."""
        if (entry.bars is None) == (entry.groups is None):
            return [], [("", "needs either bars = [figure ids] or groups = [...], not both")]
        groups, problems = [], []
        for group in entry.groups or [GroupEntry(id="", label="", bars=entry.bars)]:
            gid, label, bars = group.id, group.label, group.bars
            if entry.groups and (not SLUG.match(gid) or re.search(r"\d", label) or not label):
                message = f"group '{gid}' needs a lowercase id and a label without numbers"
                problems.append((f'"{gid}"', message))
                continue
            unknown = [fid for fid in bars if fid not in self.figures]
            problems += [(f'"{fid}"', f"unknown figure '{fid}'") for fid in unknown]
            if unknown:
                continue
            if len({(self.figures[f].n, self.figures[f].period) for f in bars}) > 1:
                needle = f'"{gid}"' if entry.groups else "bars"
                problems.append((needle, "figures drawn together must share n and period"))
                continue
            groups.append(m.ChartGroup(gid, label.strip(), tuple(bars)))
        if len({g.id for g in groups}) != len(groups):
            problems.append(("groups", "group ids must be unique"))
        return groups, problems

    def load_labels(self, locale: str) -> None:
        """A locale's figure labels and chart texts from <locale>/_figures.toml."""
        figures = self.figure_labels[locale] = {}
        charts = self.chart_labels[locale] = {}
        path = self.root / locale / "_figures.toml"
        data, lines = read_toml(path, self.problems)
        for key, entry in data.items():
            if not isinstance(entry, dict) or not all(isinstance(v, str) for v in entry.values()):
                self.problems.add(path, key_line(lines, key), f"'{key}' must be a table of text")
            elif key.startswith(CHART_LABEL_PREFIX):
                charts[key.removeprefix(CHART_LABEL_PREFIX)] = dict(entry)
            else:
                figures[key] = dict(entry)
