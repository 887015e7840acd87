"""Merge translations (Python dict files: msgid -> {lang: text or [plural forms]}) into locales/*/messages.po.

Usage: make update && python tools/fill_translations.py TRANSLATIONS.py... && make catalogues
"""
import sys, ast, pathlib
from babel.messages.pofile import read_po, write_po
from babel.messages.catalog import Catalog
root = pathlib.Path(__file__).resolve().parents[1] / "locales"
trans = {}
for f in sys.argv[1:]:
    trans.update(ast.literal_eval(pathlib.Path(f).read_text()))
AR = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
missing = {}
for lang in ["ar", "ckb", "ku", "en"]:
    po = root / lang / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as fh:
        cat = read_po(fh, locale=lang if lang != "ar" else "ar", domain="messages")
    for msg in cat:
        if not msg.id:
            continue
        key = msg.id if isinstance(msg.id, str) else msg.id[0]
        if lang == "en":
            if isinstance(msg.id, tuple):
                msg.string = (msg.id[0], msg.id[1])
            else:
                msg.string = msg.id
            continue
        t = trans.get(key, {}).get(lang)
        if t is None:
            if not (msg.string if isinstance(msg.string, str) else all(msg.string)):
                missing.setdefault(lang, []).append(key)
            continue
        msg.string = tuple(t) if isinstance(t, list) else t
        msg.flags.discard("fuzzy")
    with po.open("wb") as fh:
        write_po(fh, cat, width=0, sort_output=True, omit_header=False, ignore_obsolete=True, include_lineno=False)
    if lang == "ar":
        text = po.read_text(encoding="utf-8")
        import re
        text = re.sub(r'"Plural-Forms: [^"]*\\n"', '"Plural-Forms: ' + AR.replace('\\', '\\\\') + '\\\\n"', text)
        po.write_text(text, encoding="utf-8")
for lang, keys in missing.items():
    print("MISSING", lang, len(keys))
    for k in keys: print("   ", repr(k[:70]))
