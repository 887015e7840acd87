"""Cleaning and reading single cell values. Every reader raises BadValue with a machine
code and a specific English message; the row parser turns that into a RowError."""

from __future__ import annotations

import datetime
import re
import unicodedata

__all__ = [
    "CATEGORY_WORDS",
    "DAY_NAMES",
    "DISTRIBUTION_WORDS",
    "HAZARD_WORDS",
    "KIND_WORDS",
    "LEVEL_WORDS",
    "BadValue",
    "clean_line",
    "clean_text",
    "format_days",
    "read_bool",
    "read_code",
    "read_coordinate",
    "read_date",
    "read_days",
    "read_list",
    "read_phone",
    "read_time",
    "read_word",
]

NAME_MAX = 120
TEXT_MAX = 1000
LAT_RANGE = (28.5, 38.0)  # Iraq's bounding box, with a small margin
LON_RANGE = (38.5, 49.0)


class BadValue(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# Zero-width and bidi controls, ALM, soft hyphen; and every C0/C1 control but \n and \t.
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c\u00ad\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_SORANI = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ە", "ۀ": "ە"})


def clean_text(value: str, *, multiline: bool = False, lang: str | None = None) -> str:
    """NFC, no invisible or control characters, spaces collapsed, trimmed.

    Free texts keep their line breaks (at most one blank line in a row); Sorani (`ckb`)
    text also gets the standard letters (ی ک ە) and legacy ه + ZWNJ becomes ە.
    """
    if lang == "ckb":
        value = value.replace("ه\u200c", "ە").translate(_SORANI)
    if value.isascii() and value.isprintable():  # the common case, made fast
        return value.strip() if "  " not in value else _SPACES.sub(" ", value).strip()
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    if multiline:
        lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def clean_line(value: str, limit: int = NAME_MAX, lang: str | None = None) -> str:
    text = clean_text(value, lang=lang)
    if len(text) > limit:
        raise BadValue("too_long", f"{len(text)} characters; at most {limit} allowed")
    return text


_CODE = re.compile(r"[A-Za-z0-9_.\-]{1,40}")


def read_code(value: str, *, upper: bool = False) -> str:
    text = clean_text(value)
    if not _CODE.fullmatch(text):
        raise BadValue(
            "bad_code",
            f"{text[:50]!r} is not a valid code: use 1-40 letters A-Z, digits, '_', '.' or '-'",
        )
    return text.upper() if upper else text.lower()


def read_word(value: str, vocabulary: dict[str, str], code: str, what: str) -> str:
    """Map free wording onto a canonical word (case-insensitive, spaces/_/- alike)."""
    key = _word_key(value)
    found = vocabulary.get(key)
    if found is None:
        allowed = ", ".join(sorted(set(vocabulary.values())))
        raise BadValue(code, f"{clean_text(value)[:60]!r} is not a known {what}; use {allowed}")
    return found


def _word_key(value: str) -> str:
    text = clean_text(value).casefold()
    return re.sub(r"[\s_\-]+", " ", text).strip()


_TRUE = {"yes", "y", "true", "1", "demo", "نعم", "بەڵێ", "erê"}
_FALSE = {"", "no", "n", "false", "0", "لا", "نەخێر", "na"}


def read_bool(value: str) -> bool:
    key = clean_text(value).casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise BadValue("bad_boolean", f"{key[:30]!r} is not yes/no; use yes or no (empty = no)")


def _number(value: str) -> str:
    return clean_text(value).translate(_DIGITS).replace("٫", ".")


_FLOAT = re.compile(r"-?\d{1,3}(\.\d{1,15})?")


def read_coordinate(value: str, axis: str) -> float:
    text = _number(value)
    low, high = LAT_RANGE if axis == "lat" else LON_RANGE
    if not _FLOAT.fullmatch(text):
        raise BadValue("bad_number", f"{text[:30]!r} is not a decimal number like 35.8492")
    number = float(text)
    if not low <= number <= high:
        raise BadValue(
            "out_of_range",
            f"{axis} {number} is outside Iraq; allowed {low} to {high} (decimal degrees)",
        )
    return number


_PHONE = re.compile(r"\+?[0-9][0-9 \-]*")


def read_phone(value: str) -> str:
    text = _number(value)
    if not 6 <= len(text) <= 20 or not _PHONE.fullmatch(text):
        raise BadValue(
            "bad_phone",
            f"{text[:30]!r} is not a phone number: 6-20 characters, digits, spaces, '-' "
            "and a leading '+' only",
        )
    return text


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def read_date(value: str) -> datetime.date:
    text = _number(value)
    match = _DATE.fullmatch(text)
    try:
        if not match:
            raise ValueError
        day = datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise BadValue(
            "bad_date", f"{text[:30]!r} is not a date; write YYYY-MM-DD, e.g. 2026-11-24"
        ) from None
    if not 2000 <= day.year <= 2100:
        raise BadValue("bad_date", f"{text} is not a plausible date (years 2000-2100)")
    return day


_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::00)?")


def read_time(value: str) -> datetime.time:
    text = _number(value)
    match = _TIME.fullmatch(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise BadValue(
            "bad_time", f"{text[:30]!r} is not a time; write HH:MM (24-hour), e.g. 08:30"
        )
    return datetime.time(int(match[1]), int(match[2]))


def read_list(value: str, limit: int = NAME_MAX) -> tuple[str, ...]:
    """Split on '|' or ';' (also Arabic '؛'); drop empties and repeats, keep order."""
    kept: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"[|;؛]", value):
        text = clean_line(part, limit)
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return tuple(kept)


# Weekday names: English, Arabic (several spellings), Sorani, Kurmanji. 0 = Monday.
DAY_NAMES: tuple[tuple[str, ...], ...] = (
    ("mon", "monday", "الاثنين", "الإثنين", "اثنين", "إثنين", "دووشەممە", "duşem", "dusem"),
    ("tue", "tuesday", "الثلاثاء", "ثلاثاء", "سێشەممە", "sêşem", "sesem"),
    ("wed", "wednesday", "الأربعاء", "الاربعاء", "اربعاء", "أربعاء", "چوارشەممە", "çarşem"),
    ("thu", "thursday", "الخميس", "خميس", "پێنجشەممە", "pêncşem", "pencsem"),
    ("fri", "friday", "الجمعة", "جمعة", "الجمعه", "هەینی", "ھەینی", "în", "înî", "ini"),
    ("sat", "saturday", "السبت", "سبت", "شەممە", "şemî", "semi"),
    ("sun", "sunday", "الأحد", "الاحد", "أحد", "احد", "یەکشەممە", "yekşem", "yeksem"),
)
_DAY = {name: number for number, names in enumerate(DAY_NAMES) for name in names}
_DAILY = {
    *("daily", "every day", "everyday", "all"),
    *("يوميا", "يومياً", "كل يوم", "هەموو ڕۆژێک", "rojane", "her roj"),
}
_RANGE = {"-", "to", "until", "الى", "إلى", "حتى", "تا", "heta"}
_SKIP = {"from", "and", "من", "و", "ji", "û", "لە"}
_TOKEN = re.compile(r"-|[^\s,،;/\-]+")


def read_days(value: str) -> frozenset[int]:
    """'daily', 'sun-thu', 'mon,wed,fri', 'من الأحد إلى الخميس', ... -> {0..6}."""
    text = clean_text(value).casefold().replace("–", "-").replace("—", "-")
    if not text:
        return frozenset()
    if text in _DAILY:
        return frozenset(range(7))
    days: set[int] = set()
    pending: int | None = None  # the start of a range waiting for its end
    last: int | None = None
    for token in _TOKEN.findall(text):
        if token in _SKIP:
            continue
        if token in _RANGE:
            if last is None or pending is not None:
                raise _bad_days(text)
            pending, last = last, None
            continue
        day = _DAY.get(token)
        if day is None and token.startswith("و"):  # Arabic "and" written onto the word
            day = _DAY.get(token[1:])
        if day is None:
            raise _bad_days(text)
        if pending is not None:
            span = (day - pending) % 7
            days.update((pending + step) % 7 for step in range(span + 1))
            pending = None
        days.add(day)
        last = day
    if pending is not None or not days:
        raise _bad_days(text)
    return frozenset(days)


def _bad_days(text: str) -> BadValue:
    return BadValue(
        "bad_days",
        f"{text[:40]!r} is not a list of days; write e.g. daily, sun-thu, or mon,wed,fri",
    )


def format_days(days: frozenset[int]) -> str:
    """'daily', a range such as 'sun-thu' when the days run on, else 'sat,mon,wed'
    (weeks start on Saturday, as in Iraq)."""
    if len(days) == 7:
        return "daily"
    ordered = sorted(days, key=lambda day: (day - 5) % 7)
    for start in ordered:  # a cyclic run of 3+ days, e.g. sun..thu or fri..mon
        run = [(start + step) % 7 for step in range(len(days))]
        if len(days) >= 3 and set(run) == days:
            return f"{DAY_NAMES[run[0]][0]}-{DAY_NAMES[run[-1]][0]}"
    return ",".join(DAY_NAMES[day][0] for day in ordered)


def vocabulary(pairs: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """A lookup from accepted wording (folded) to the canonical word."""
    table: dict[str, str] = {}
    for canonical, wordings in pairs.items():
        for wording in (canonical, *wordings):
            table[_word_key(wording)] = canonical
    return table


HAZARD_WORDS = vocabulary(
    {
        "unknown": ("no information", "not known", "غير معروف", "لا توجد معلومات", "نەزانراو"),
        "suspected": (
            *("sha", "suspected hazardous area", "suspect"),
            *("مشتبه", "مشتبه به", "منطقة خطرة مشتبه بها", "گوماناوی"),
        ),
        "confirmed": ("cha", "confirmed hazardous area", "مؤكد", "مؤكدة", "منطقة خطرة مؤكدة"),
        "in_progress": (
            *("clearance in progress", "in progress", "clearance ongoing"),
            *("قيد التطهير", "جاري التطهير", "قيد الإزالة"),
        ),
        "cleared": ("released", "cleared and released", "مطهرة", "مطهر", "تم التطهير", "پاککراوە"),
        "cancelled": ("canceled", "no evidence", "ملغاة", "ملغى", "ملغي"),
    }
)
LEVEL_WORDS = vocabulary(
    {
        "governorate": ("adm1", "province", "محافظة", "پارێزگا"),
        "district": ("adm2", "qada", "qadha", "قضاء", "قەزا"),
        "subdistrict": ("sub district", "adm3", "nahiya", "nahia", "ناحية", "ناحیە"),
        "town": ("city", "مدينة", "بلدة", "شار", "شارۆچکە"),
        "village": ("قرية", "گوند", "gund"),
    }
)
CATEGORY_WORDS = vocabulary(
    {
        "health": ("clinic", "medical", "صحة"),
        "water_sanitation": ("wash", "water", "water sanitation hygiene", "مياه"),
        "food": ("food security", "fsl", "غذاء"),
        "shelter_items": ("shelter", "nfi", "shelter nfi", "non food items", "مأوى"),
        "registration_documents": (
            *("registration", "documentation", "documents", "civil documentation"),
            *("تسجيل", "وثائق"),
        ),
        "legal_protection": ("protection", "legal", "legal aid", "حماية"),
        "education": ("school", "تعليم"),
        "psychosocial": ("mhpss", "psychosocial support", "دعم نفسي"),
        "other": (),
    }
)
KIND_WORDS = vocabulary(
    {
        "food": ("food basket", "rations", "غذاء", "سلة غذائية", "خۆراک", "xwarin"),
        "kerosene": ("fuel", "heating fuel", "نفط", "نفط أبيض", "کاز", "نەوت", "gaz"),
        "hygiene": ("hygiene kit", "hygiene items", "مواد نظافة", "پاکوخاوێنی", "paqijî"),
        "cash": ("cash assistance", "mpca", "نقد", "مساعدة نقدية", "پارە", "pere"),
    }
)
DISTRIBUTION_WORDS = vocabulary(
    {
        "planned": ("scheduled", "upcoming", "مخطط", "مجدول"),
        "postponed": ("delayed", "rescheduled", "مؤجل", "مؤجلة", "دواخرا"),
        "done": ("completed", "complete", "distributed", "تم", "منجز", "مكتمل"),
        "cancelled": ("canceled", "ملغى", "ملغاة"),
    }
)
