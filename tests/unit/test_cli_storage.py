"""``daleel import`` and ``export`` with a config that has only the storage settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import cli
from bot.config import ConfigError, load_storage_settings

AREAS = "pcode,level,parent_pcode,name_en\nIQG15,governorate,,Ninewa\n"
PARTNER = "village,governorate,population\nKharab,Ninewa,120\n"


def storage_only(tmp_path: Path) -> Path:
    config = tmp_path / "data.toml"
    config.write_text('[storage]\ndatabase = "d.sqlite3"\n', encoding="utf-8")
    return config


def test_storage_settings_need_no_token(tmp_path: Path) -> None:
    settings = load_storage_settings(storage_only(tmp_path))
    assert settings.database == tmp_path / "d.sqlite3"
    assert str(settings.timezone) == "Asia/Baghdad" and settings.confirmation_hours == 48
    bad = tmp_path / "bad.toml"
    bad.write_text("[telegram]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"storage\.database"):
        load_storage_settings(bad)


def test_import_and_export_with_only_storage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DALEEL_BOT_TOKEN", raising=False)
    config = storage_only(tmp_path)
    areas, partner, out = tmp_path / "a.csv", tmp_path / "p.csv", tmp_path / "out.csv"
    areas.write_text(AREAS, encoding="utf-8")
    partner.write_text(PARTNER, encoding="utf-8")
    assert cli.main(["--config", str(config), "import", "areas", str(areas)]) == 0
    assert cli.main(["--config", str(config), "import", "areas", str(partner)]) == 0
    printed = capsys.readouterr().out
    # The unused column is said at the top and again at the end, where it cannot be missed.
    assert "WARNING (row 1): column 'population' is not used" in printed
    assert printed.rstrip().splitlines()[-1] == (
        "WARNING: 1 column(s) NOT USED, their values were ignored: 'population'")
    assert cli.main(["--config", str(config), "export", "areas", str(out)]) == 0
    exported = out.read_text(encoding="utf-8")
    assert "DL-IQG15-1,village,IQG15" in exported and "Kharab" in exported
