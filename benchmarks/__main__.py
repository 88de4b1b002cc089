"""`python -m benchmarks [name …]` runs the named benchmarks (default: all)."""

from __future__ import annotations

import sys

from benchmarks import compute_speed, import_speed, report_speed, web_speed

BENCHMARKS = {"import": import_speed.main, "compute": compute_speed.main, "web": web_speed.main}
BENCHMARKS["report"] = report_speed.main


def main(argv: list[str]) -> None:
    names = argv or list(BENCHMARKS)
    for name in names:
        BENCHMARKS[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
