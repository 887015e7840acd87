"""Benchmark of the text core: place search over ≥25,000 names and free-text understanding.

The index holds every real name the product ships (``bot/data/iraq``) plus generated, plausible
village names (Arabic, Sorani and Latin spellings; seeded RNG, so the run is deterministic).
Queries mix exact names, typos, transliteration variants, Arabic with/without ``ال``, Latin
with/without ``al-``, Sorani and Kurmanji spellings.

Run ``python bench/bench_core.py`` for a table; ``run()`` returns (metric, value) rows.
Latencies are per call, first pass (no repetition), as wall-clock and as process CPU time:
on a shared machine the wall-clock tail includes time other processes held the CPU.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
if str(_REPO) not in sys.path:  # allow "python bench/bench_core.py" from anywhere
    sys.path.insert(0, str(_REPO))

from bot.places.gazetteer import load_iraq_gazetteer  # noqa: E402
from bot.places.index import PlaceIndex, PlaceName  # noqa: E402
from bot.understanding.intent import Understander  # noqa: E402
from bot.understanding.lexicon import load_lexicons  # noqa: E402

SEED = 20170201
TARGET_NAMES = 26_000
N_QUERIES = 2_400
N_MESSAGES = 2_000

# (Latin, Arabic, Sorani) building blocks of village names.
_PREFIXES: tuple[tuple[str, str, str], ...] = (
    ("Tall", "تل", "گردی"), ("Kani", "كاني", "کانی"), ("Gird", "كرد", "گرد"),
    ("Bir", "بئر", "بیر"), ("Ain", "عين", "عەین"), ("Umm", "ام", "ئوم"), ("Abu", "ابو", "ئەبو"),
    ("Khirbat", "خربة", "خرابەی"), ("Qasr", "قصر", "قەسر"), ("Hajj", "حاج", "حاجی"),
    ("Sheikh", "شيخ", "شێخ"), ("Imam", "امام", "ئیمام"), ("Dair", "دير", "دێر"),
)
_OPEN: tuple[tuple[str, str, str], ...] = (
    ("ba", "با", "با"), ("bi", "بي", "بی"), ("bu", "بو", "بو"), ("da", "دا", "دا"),
    ("di", "دي", "دی"), ("ga", "كا", "گا"), ("ha", "حا", "حا"), ("ja", "جا", "جا"),
    ("ka", "كا", "کا"), ("kha", "خا", "خا"), ("la", "لا", "لا"), ("ma", "ما", "ما"),
    ("mi", "مي", "می"), ("na", "نا", "نا"), ("qa", "قا", "قا"), ("ra", "را", "ڕا"),
    ("sa", "سا", "سا"), ("sha", "شا", "شا"), ("ta", "تا", "تا"), ("wa", "وا", "وا"),
    ("ya", "يا", "یا"), ("za", "زا", "زا"), ("fa", "فا", "فا"), ("ku", "كو", "کو"),
    ("su", "سو", "سو"), ("ru", "رو", "ڕو"), ("hu", "هو", "هو"), ("tu", "تو", "تو"),
)
_CLOSED: tuple[tuple[str, str, str], ...] = (
    ("bar", "بر", "بەر"), ("dar", "در", "دەر"), ("kan", "كان", "کان"), ("mal", "مل", "مەل"),
    ("sin", "سن", "سن"), ("tal", "تل", "تەل"), ("qas", "قص", "قەس"), ("ham", "حم", "حەم"),
    ("khal", "خل", "خەل"), ("gir", "كر", "گر"), ("zor", "زور", "زۆر"), ("sor", "سور", "سۆر"),
    ("mir", "مير", "میر"), ("shir", "شير", "شیر"), ("kur", "كور", "کور"), ("haj", "حج", "حەج"),
    ("bash", "باش", "باش"), ("dos", "دوس", "دۆس"), ("nas", "نص", "نەس"), ("jal", "جل", "جەل"),
    ("sal", "سل", "سەل"), ("mar", "مر", "مەر"), ("qar", "قر", "قەر"), ("dul", "دل", "دول"),
    ("kab", "كب", "کەب"), ("rash", "رش", "ڕەش"), ("hus", "حس", "حوس"), ("zan", "زان", "زان"),
)
_ENDINGS: tuple[tuple[str, str, str], ...] = (
    ("a", "ة", "ە"), ("an", "ان", "ان"), ("awa", "اوة", "اوە"), ("iya", "ية", "یە"),
    ("ok", "وك", "ۆک"), ("ke", "كه", "کە"), ("i", "ي", "ی"), ("", "", ""), ("", "", ""),
)


def _village(rng: random.Random) -> tuple[str, str, str]:
    parts = [rng.choice(_OPEN)]
    for _ in range(rng.randint(1, 2)):
        parts.append(rng.choice(_CLOSED if rng.random() < 0.6 else _OPEN))
    parts.append(rng.choice(_ENDINGS))
    lat = "".join(p[0] for p in parts)
    ar = "".join(p[1] for p in parts)
    ckb = "".join(p[2] for p in parts)
    if rng.random() < 0.35:
        pre = rng.choice(_PREFIXES)
        return f"{pre[0]} {lat.capitalize()}", f"{pre[1]} {ar}", f"{pre[2]} {ckb}"
    if rng.random() < 0.3:
        return f"Al-{lat.capitalize()}", "ال" + ar, ckb
    return lat.capitalize(), ar, ckb


def _translit_variant(rng: random.Random, name: str) -> str:
    """A field worker's other spelling of a Latin name."""
    s = name.lower()
    ops: list[Callable[[str], str]] = [
        lambda t: t.replace("q", rng.choice(("k", "g")), 1),
        lambda t: t.replace("kh", "x", 1) if "kh" in t else t.replace("h", "kh", 1),
        lambda t: t.replace("e", "a", 1) if "e" in t else t.replace("a", "e", 1),
        lambda t: t.replace("i", "e", 1) if "i" in t else t.replace("u", "o", 1),
        lambda t: t + "h" if t.endswith("a") else t.rstrip("h"),
        lambda t: t.replace("iya", "ia") if "iya" in t else t.replace("y", "yy", 1),
        lambda t: _double_one(rng, t),
        lambda t: t.replace("al-", "") if t.startswith("al-") else "al-" + t,
    ]
    for op in rng.sample(ops, 2):
        s = op(s)
    return s.title()


def _double_one(rng: random.Random, s: str) -> str:
    idx = [i for i, ch in enumerate(s) if ch in "bdklmnrst"]
    if not idx:
        return s
    i = rng.choice(idx)
    return s[: i + 1] + s[i] + s[i + 1 :]


def _kurmanji(name: str) -> str:
    s = name.replace("sh", "ş").replace("Sh", "Ş").replace("kh", "x").replace("Kh", "X")
    s = s.replace("ch", "ç").replace("Ch", "Ç").replace("ee", "î").replace("oo", "û")
    return s.replace("i", "î", 1)


def _typo(rng: random.Random, s: str) -> str:
    if len(s) < 5:
        return s
    i = rng.randrange(1, len(s) - 1)
    kind = rng.randrange(4)
    pool = "abdeghiklmnoqrstuyz" if s.isascii() else "ابتجحدرزسشعفقكلمنهوي"
    if kind == 0:
        return s[:i] + rng.choice(pool) + s[i + 1 :]
    if kind == 1:
        return s[:i] + s[i + 1 :]
    if kind == 2:
        return s[:i] + rng.choice(pool) + s[i:]
    return s[: i - 1] + s[i] + s[i - 1] + s[i + 1 :]


def build_corpus(
    rng: random.Random,
) -> tuple[list[PlaceName], dict[int, list[PlaceName]], list[str]]:
    """Real names plus generated villages; returns names, names per area and generic words."""
    gaz = load_iraq_gazetteer()  # the places and camps the product ships
    names = list(gaz.names)
    next_id = 100_000
    while len(names) < TARGET_NAMES:
        lat, ar, ckb = _village(rng)
        names.append(PlaceName(next_id, lat, "name_en"))
        names.append(PlaceName(next_id, ar, "name_ar"))
        if rng.random() < 0.5:
            names.append(PlaceName(next_id, ckb, "name_ckb"))
        if rng.random() < 0.3:
            names.append(PlaceName(next_id, _translit_variant(rng, lat), "alias"))
        next_id += 1
    by_area: dict[int, list[PlaceName]] = {}
    for n in names:
        by_area.setdefault(n.area_id, []).append(n)
    generic = [w for lex in load_lexicons() for w in lex.place_generic]
    return names, by_area, generic


def _is_arabic(s: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in s)


def make_queries(
    rng: random.Random, by_area: dict[int, list[PlaceName]]
) -> list[tuple[str, int, str]]:
    """(query, intended area, kind) covering the spelling variants residents produce."""
    areas = sorted(by_area)
    out: list[tuple[str, int, str]] = []
    while len(out) < N_QUERIES:
        area = rng.choice(areas)
        names = by_area[area]
        latin = [n.text for n in names if not _is_arabic(n.text)]
        arabic = [n.text for n in names if n.kind == "name_ar" and _is_arabic(n.text)]
        sorani = [n.text for n in names if n.kind == "name_ckb"]
        r = rng.random()
        if r < 0.14 and latin:
            out.append((rng.choice(latin), area, "exact latin"))
        elif r < 0.24 and arabic:
            out.append((rng.choice(arabic), area, "exact arabic"))
        elif r < 0.32 and sorani:
            out.append((rng.choice(sorani), area, "sorani"))
        elif r < 0.42 and arabic:
            a = rng.choice(arabic)
            out.append((a[2:] if a.startswith("ال") else "ال" + a, area, "arabic +/- al"))
        elif r < 0.52 and latin:
            t = rng.choice(latin)
            low = t.lower()
            q = t[3:] if low.startswith(("al-", "al ")) else f"Al-{t}"
            out.append((q, area, "latin +/- al-"))
        elif r < 0.66 and latin:
            out.append((_translit_variant(rng, rng.choice(latin)), area, "transliterated"))
        elif r < 0.74 and latin:
            out.append((_kurmanji(rng.choice(latin)), area, "kurmanji"))
        elif r < 0.88 and latin:
            out.append((_typo(rng, rng.choice(latin)), area, "typo latin"))
        elif arabic:
            out.append((_typo(rng, rng.choice(arabic)), area, "typo arabic"))
    return out


_REAL_QUERIES = (
    "Qayyarah", "Qayara", "Al-Qayarra", "القيارة", "القياره", "قەیارە", "Qayyrah", "Mosul",
    "Mosl", "Mawsil", "الموصل", "Sinjar", "Şingal", "شەنگال", "سنجار", "Debaga", "Dibaga",
    "ديبكة", "Tel Afar", "Telafar", "تلعفر", "Hasansham", "Hassan Sham", "Hamdaniya",
    "Al-Hamdaniyah", "Hammam al-Alil", "حمام العليل", "Makhmur", "Mexmur", "Duhok", "Zaxo",
)

_TEMPLATES: dict[str, tuple[str, ...]] = {
    "ar": (
        "متى توزيع الطحين؟", "وين المستوصف", "هل رجعوا أهل {ar}", "{ar} امان؟", "شلونكم",
        "اسمي مو موجود بالقائمة", "ما استلمت الحصة التموينية", "وين اسجل للهوية",
        "اكو الغام ب{ar}؟", "ممكن نرجع على {ar}", "شوكت يوزعون السلة الغذائية بالمخيم",
        "ابني مريض وين الدكتور", "ماكو ماي بالحمامات", "نحتاج بطانيات وصوبة",
    ),
    "ckb": (
        "کەی خۆراک دابەش دەکرێت؟", "نەخۆشخانە لەکوێیە", "{ckb} ئارامە؟", "سڵاو",
        "ناوم لە لیستدا نییە", "مین لە {ckb} هەیە؟", "یارمەتی", "ئاو نییە لە کەمپ",
    ),
    "ku": (
        "Kengê belavkirina xwarinê ye?", "Nexweşxane li ku ye?", "{lat} ewle ye?", "Silav",
        "alîkarî", "navê min di lîstê de tune", "em dikarin vegerin {lat}?",
    ),
    "en": (
        "is {lat} safe to go back", "{lat} safe?", "when is the food distribution",
        "where is the clinic", "hello", "help", "my ration card was stopped",
        "are there mines in {lat}", "I need a lawyer", "{lat}",
    ),
}


def make_messages(
    rng: random.Random, by_area: dict[int, list[PlaceName]]
) -> list[str]:
    areas = sorted(by_area)
    msgs: list[str] = []
    langs = sorted(_TEMPLATES)
    while len(msgs) < N_MESSAGES:
        names = by_area[rng.choice(areas)]
        lat = next((n.text for n in names if not _is_arabic(n.text)), "Qayara")
        ar = next((n.text for n in names if n.kind == "name_ar"), "القيارة")
        ckb = next((n.text for n in names if n.kind == "name_ckb"), ar)
        r = rng.random()
        if r < 0.05:
            msgs.append(rng.choice(("asdfgh", "😀😀😀", "", "???", "<b>hi</b>", "ok")))
        elif r < 0.08:
            msgs.append("x" * 10_000)
        else:
            tpl = rng.choice(_TEMPLATES[rng.choice(langs)])
            msgs.append(tpl.format(lat=lat, ar=ar, ckb=ckb))
    return msgs


def _pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run() -> list[tuple[str, str]]:
    rng = random.Random(SEED)
    names, by_area, generic = build_corpus(rng)
    t0 = time.perf_counter()
    index = PlaceIndex.build(names, generic_words=generic)
    build_s = time.perf_counter() - t0

    queries = make_queries(rng, by_area)
    queries += [(q, -1, "real data") for q in _REAL_QUERIES]
    times: list[float] = []
    cpu: list[float] = []
    top1 = top5 = judged = 0
    for q, area, _kind in queries:
        t, c = time.perf_counter_ns(), time.process_time_ns()
        res = index.search(q)
        cpu.append((time.process_time_ns() - c) / 1e6)
        times.append((time.perf_counter_ns() - t) / 1e6)
        if area >= 0:
            judged += 1
            ids = [m.area_id for m in res]
            top1 += bool(ids) and ids[0] == area
            top5 += area in ids

    understander = Understander.build(load_lexicons())
    msgs = make_messages(rng, by_area)
    mtimes: list[float] = []
    mcpu: list[float] = []
    for m in msgs:
        t, c = time.perf_counter_ns(), time.process_time_ns()
        understander.understand(m, index)
        mcpu.append((time.process_time_ns() - c) / 1e6)
        mtimes.append((time.perf_counter_ns() - t) / 1e6)

    return [
        ("index names+aliases", f"{len(index):,}"),
        ("index areas", f"{len(by_area):,}"),
        ("build time", f"{build_s:.2f} s"),
        ("search queries", f"{len(queries):,}"),
        ("search median (wall)", f"{statistics.median(times):.3f} ms"),
        ("search p99 (wall)", f"{_pct(times, 0.99):.3f} ms"),
        ("search max (wall)", f"{max(times):.3f} ms"),
        ("search median (CPU)", f"{statistics.median(cpu):.3f} ms"),
        ("search p99 (CPU)", f"{_pct(cpu, 0.99):.3f} ms"),
        ("search recall@1 (intended area first)", f"{top1 / judged:.1%}"),
        ("search recall@5", f"{top5 / judged:.1%}"),
        ("understand messages", f"{len(msgs):,}"),
        ("understand median (wall)", f"{statistics.median(mtimes):.3f} ms"),
        ("understand p99 (wall)", f"{_pct(mtimes, 0.99):.3f} ms"),
        ("understand max (wall)", f"{max(mtimes):.3f} ms"),
        ("understand median (CPU)", f"{statistics.median(mcpu):.3f} ms"),
        ("understand p99 (CPU)", f"{_pct(mcpu, 0.99):.3f} ms"),
    ]


if __name__ == "__main__":
    rows = run()
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
