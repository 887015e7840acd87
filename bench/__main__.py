"""``make bench``: run every benchmark and print one table (Markdown, for the README)."""

from __future__ import annotations

import asyncio
import os
import platform
import sys
import time
from collections.abc import Awaitable, Callable

from bench import cases_intake, cases_queue, delivery, foundation, operators, residents

Bench = Callable[[], Awaitable[list[tuple[str, str]]]]


def _machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


async def _core() -> list[tuple[str, str]]:
    from bench import bench_core  # noqa: PLC0415 - pure CPU work, run off the loop

    return await asyncio.to_thread(bench_core.run)


async def _matching() -> list[tuple[str, str]]:
    from bench import matching_bench  # noqa: PLC0415 - pure CPU work, run off the loop

    return await asyncio.to_thread(matching_bench.run)


async def _understanding() -> list[tuple[str, str]]:
    from bench import understanding_eval  # noqa: PLC0415 - pure CPU work, run off the loop

    return await asyncio.to_thread(understanding_eval.run)


SUITES: tuple[tuple[str, Bench], ...] = (
    ("foundation (issue 2)", foundation.run),
    ("understanding residents (issue 3)", _core),
    ("residents' safety questions (issue 3)", residents.run),
    ("delivery engine (issue 4)", delivery.run),
    ("operators: status alerts and feeds (issue 5)", operators.run),
    ("place matching never misleads (issue 14)", _matching),
    ("typed questions understood, per language (issue 12)", _understanding),
    ("residents' cases: the staff queue (issue 11)", cases_queue.run),
    ("cases: residents reach a person (issue 11)", cases_intake.run),
)


async def main(selected: list[str]) -> None:
    print(f"Machine: {_machine()}")
    print()
    print("| suite | measurement | result |")
    print("|---|---|---|")
    for name, bench in SUITES:
        if selected and not any(s in name for s in selected):
            continue
        began = time.monotonic()
        for metric, value in await bench():
            print(f"| {name} | {metric} | {value} |", flush=True)
        print(f"| {name} | (suite wall time) | {time.monotonic() - began:.1f} s |", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    asyncio.run(main(sys.argv[1:]))
