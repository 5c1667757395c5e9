"""`make bench`: run every benchmark and record the results in docs/performance.md."""

from __future__ import annotations

import importlib
import sys

# Each module has main(); order: cheap first.
BENCHMARKS = ["bench.startup", "bench.load", "bench.search_bench", "bench.lighthouse"]


def main(names: list[str]) -> None:
    for name in names or BENCHMARKS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            print(f"skipping {name}: {error}")
            continue
        print(f"== {name}")
        module.main()


if __name__ == "__main__":
    main(sys.argv[1:])
