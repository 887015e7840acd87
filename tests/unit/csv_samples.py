"""Small CSV samples and result helpers shared by the import tests (test_import_*)."""

from __future__ import annotations

import datetime
from typing import Any

from bot.importing import ParseResult, RowError

TODAY = datetime.date(2026, 11, 24)
AREA_HEADER = "pcode,level,parent_pcode,name_en,name_ar,aliases,lat,lon,demo"
AREA_HXL = (
    "#loc+code,#loc+type,#loc+code+parent,#loc+name+i_en,#loc+name+i_ar,#loc+name+alt,"
    "#geo+lat,#geo+lon,#meta+demo"
)
AREA_ROWS = (
    "IQG15,governorate,,Ninewa,نينوى,Nineveh | Ninawa,,,no",
    "IQG15Q05N01,subdistrict,IQG15Q05,Al-Qayarra,القيارة,Qayyarah;Qayara,35.84924,43.27062,",
)
STATUS_HEADER = "pcode,status,date,source,note"


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def codes(result: ParseResult[Any]) -> list[tuple[int, str]]:
    return [(error.row, error.code) for error in result.errors]


def one_error(result: ParseResult[Any]) -> RowError:
    assert len(result.errors) == 1, result.errors
    return result.errors[0]
