"""``make bench`` suite: does place matching ever answer with the wrong place, and how fast.

Why: the resident's safety answer is given directly only when ``is_confident`` accepts the
places found in the message; a direct answer about another place is the worst error (the
other place may be "cleared"). On the evaluation set of ``bench.place_eval`` this reports
recall@1 and @5 of the places found in typed questions, the share answered directly with
a wrong place (goals: ≤ 1 % for known places, ≤ 2 % for places not in the data), and the
latency of ``search`` and of reading a whole message over the full index.

Run ``python -m bench.matching_bench`` for a table; ``run()`` returns (metric, value) rows.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.place_eval import Case, EvalSet, build
from bot.places.index import PlaceIndex, is_confident
from bot.understanding.intent import Understander
from bot.understanding.lexicon import load_lexicons

__all__ = ["run"]


def _pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


@dataclass(slots=True)
class _Tally:
    top1: int = 0
    top5: int = 0
    right: int = 0  # answered directly with the place meant
    wrong: int = 0  # answered directly with another place
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    bad: list[Case] = field(default_factory=list)


def _judge(cases: Sequence[Case], index: PlaceIndex, understander: Understander) -> _Tally:
    tally = _Tally()
    for case in cases:
        t, c = time.perf_counter_ns(), time.thread_time_ns()
        matches = understander.understand(case.text, index).place_matches
        tally.cpu.append((time.thread_time_ns() - c) / 1e6)
        tally.wall.append((time.perf_counter_ns() - t) / 1e6)
        ids = [m.area_id for m in matches]
        tally.top1 += bool(ids) and ids[0] == case.area_id
        tally.top5 += case.area_id in ids[:5]
        if is_confident(matches):
            if ids[0] == case.area_id:
                tally.right += 1
            else:
                tally.wrong += 1
                tally.bad.append(case)
    return tally


def evaluate(data: EvalSet | None = None, *, show: int = 0) -> list[tuple[str, str]]:
    """The rows of the suite; *show* > 0 prints that many wrong direct answers per set."""
    data = data or build()
    lexicons = load_lexicons()
    generic = [w for lex in lexicons for w in lex.place_generic]
    t0 = time.perf_counter()
    index = PlaceIndex.build(data.names, generic_words=generic)
    build_s = time.perf_counter() - t0
    understander = Understander.build(lexicons)

    known = _judge(data.known, index, understander)
    unknown = _judge(data.unknown, index, understander)
    swall: list[float] = []
    scpu: list[float] = []
    for case in (*data.known, *data.unknown):
        t, c = time.perf_counter_ns(), time.thread_time_ns()
        index.search(case.text)
        scpu.append((time.thread_time_ns() - c) / 1e6)
        swall.append((time.perf_counter_ns() - t) / 1e6)
    if show:
        for label, bad in (("known", known.bad), ("unknown", unknown.bad)):
            kinds = Counter(c.variant for c in bad)
            print(f"wrong direct answers, {label}: {dict(kinds)}", file=sys.stderr)
            for case in bad[:show]:
                m = understander.understand(case.text, index).place_matches
                seen = [(x.matched, x.score, x.exact, x.sure) for x in m[:3]]
                print(f"  {case.text!r} -> {seen}", file=sys.stderr)
    nk, nu = len(data.known), max(len(data.unknown), 1)
    return [
        ("index areas / names", f"{data.areas:,} / {len(index):,} ({data.villages})"),
        ("index build time", f"{build_s:.2f} s"),
        ("questions about known / unknown places", f"{nk:,} / {len(data.unknown):,}"),
        ("known: recall@1 (place meant found first)", f"{known.top1 / nk:.1%}"),
        ("known: recall@5", f"{known.top5 / nk:.1%}"),
        ("known: answered directly, right place", f"{known.right / nk:.1%}"),
        ("known: answered directly, WRONG place (goal ≤ 1%)", f"{known.wrong / nk:.2%}"),
        ("unknown: answered directly, WRONG place (goal ≤ 2%)", f"{unknown.wrong / nu:.2%}"),
        ("search p50 / p99 (CPU)", _p50_p99(scpu)),
        ("search p50 / p99 (wall)", _p50_p99(swall)),
        ("whole message p50 / p99 (CPU)", _p50_p99(known.cpu + unknown.cpu)),
        ("whole message p50 / p99 (wall)", _p50_p99(known.wall + unknown.wall)),
    ]


def _p50_p99(values: Sequence[float]) -> str:
    return f"{statistics.median(values):.3f} / {_pct(values, 0.99):.3f} ms"


def run() -> list[tuple[str, str]]:
    """The suite's rows (CPU-bound; ``bench.__main__`` runs it off the event loop)."""
    return evaluate()


if __name__ == "__main__":
    shown = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    for key, value in evaluate(show=shown):
        print(f"{key:<60}  {value}")
