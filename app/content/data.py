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
        self.figures: dict[str, m.Figure] = {}

    def table(self, path: Path, model, entries: dict, what: str) -> dict:
        """Validate each [key] table of a TOML file; keep the valid ones."""
        data, lines = read_toml(path, self.problems)
        valid = {}
        for key, entry in data.items():
            start = key_line(lines, key) - 1
            if not SLUG.match(key):
                self.problems.add(path, start + 1, f"{what} '{key}': id must be lowercase words")
            elif not isinstance(entry, dict):
                self.problems.add(path, start + 1, f"{what} '{key}': must be a table")
            elif key in entries or key in valid:
                self.problems.add(path, start + 1, f"{what} '{key}': duplicate id")
            else:
                try:
                    valid[key] = (model.model_validate(entry), start, lines)
                except ValidationError as error:
                    report_validation(
                        error, self.problems, path, lines, start=start, prefix=f"{what} '{key}': "
                    )
        return valid

    # -- data files ------------------------------------------------------------------------
    def load_sources(self) -> dict[str, m.SourceDoc]:
        path = self.root / "data" / "sources.toml"
        if not path.exists():
            self.problems.add(path, 1, "missing sources file")
            return {}
        found = self.table(path, SourceEntry, {}, "source")
        return {key: m.SourceDoc(id=key, **e.model_dump()) for key, (e, _, _) in found.items()}

    def load_figures(self, sources: dict) -> None:
        folder = self.root / "data" / "figures"
        for path in sorted(folder.glob("*.toml")) if folder.exists() else []:
            for key, (entry, start, _) in self.table(
                path, FigureEntry, self.figures, "figure"
            ).items():
                problem = None
                if key.startswith(CHART_LABEL_PREFIX):
                    # <locale>/_figures.toml keeps chart texts under "chart-<id>"
                    problem = f"ids starting '{CHART_LABEL_PREFIX}' are for chart texts"
                elif entry.source not in sources:
                    problem = f"unknown source '{entry.source}'"
                elif entry.unit == "percent" and not 0 <= entry.value <= 100:
                    problem = "a percentage must be between 0 and 100"
                if problem:
                    self.problems.add(path, start + 1, f"figure '{key}': {problem}")
                else:
                    self.figures[key] = m.Figure(id=key, **entry.model_dump())

    def load_charts(self) -> dict[str, m.Chart]:
        path = self.root / "data" / "charts.toml"
        charts = {}
        for key, (entry, start, lines) in (
            self.table(path, ChartEntry, {}, "chart").items() if path.exists() else []
        ):
            before = len(self.problems)

            def report(needle: str, message: str, key=key, start=start, lines=lines) -> None:
                line = line_of(lines, needle, start, default=start + 1) if needle else start + 1
                self.problems.add(path, line, f"chart '{key}': {message}")

            groups = self.chart_groups(entry, report)
            drawn = [self.figures[fid] for group in groups for fid in group.bars]
            if len({f.id for f in drawn}) != len(drawn):
                report("", "a figure is drawn twice")
            if len({(f.unit, f.source) for f in drawn}) > 1:
                report("", "all figures of a chart must share a unit and a source")
            if entry.kind == "stacked" and (
                entry.groups or len(drawn) > STACKED_MAX or any(f.unit != "percent" for f in drawn)
            ):
                report("kind", f"a stacked chart draws one list of at most {STACKED_MAX} shares")
            if len(self.problems) == before and groups:
                texts = entry.model_dump(include={"title", "summary", "kind", "population"})
                charts[key] = m.Chart(id=key, groups=tuple(groups), **texts)
        return charts

    def chart_groups(self, entry: ChartEntry, report) -> list[m.ChartGroup]:
        if (entry.bars is None) == (entry.groups is None):
            report("", "needs either bars = [figure ids] or groups = [...], not both")
            return []
        groups = []
        for group in entry.groups or [GroupEntry(id="", label="", bars=entry.bars)]:
            gid, label, bars = group.id, group.label, group.bars
            if entry.groups and (not SLUG.match(gid) or re.search(r"\d", label) or not label):
                report(
                    f'"{gid}"', f"group '{gid}' needs a lowercase id and a label without numbers"
                )
                continue
            unknown = [fid for fid in bars if fid not in self.figures]
            for fid in unknown:
                report(f'"{fid}"', f"unknown figure '{fid}'")
            if unknown:
                continue
            if len({(self.figures[f].n, self.figures[f].period) for f in bars}) > 1:
                report(
                    "bars" if not entry.groups else f'"{gid}"',
                    "figures drawn together must share n and period",
                )
                continue
            groups.append(m.ChartGroup(gid, label.strip(), tuple(bars)))
        if len({g.id for g in groups}) != len(groups):
            report("groups", "group ids must be unique")
        return groups

    def load_labels(self, locale: str) -> tuple[dict, dict]:
        """A locale's figure labels and chart texts from <locale>/_figures.toml."""
        path = self.root / locale / "_figures.toml"
        if not path.exists():
            return {}, {}
        data, lines = read_toml(path, self.problems)
        figures, charts = {}, {}
        for key, entry in data.items():
            if not isinstance(entry, dict) or not all(isinstance(v, str) for v in entry.values()):
                self.problems.add(path, key_line(lines, key), f"'{key}' must be a table of text")
            elif key.startswith(CHART_LABEL_PREFIX):
                charts[key.removeprefix(CHART_LABEL_PREFIX)] = dict(entry)
            else:
                figures[key] = dict(entry)
        return figures, charts
