"""What a native reader of each language presses and reads in the safety feature, and
helpers to press a button by its label or ask about an area directly."""

from __future__ import annotations

from bot.storage.areas import area_ids_by_pcode
from handlers.kit.context import DaleelApp
from sandbox import BotMessage, SimulatedUser
from tests.e2e.conftest import plain

STALE_BUTTON = {
    "ar": "هذا الزر لم يعد صالحًا. أرسل /menu للبدء من جديد.",
    "en": "This button is no longer valid. Send /menu to start again.",
}

# What a native reader presses and reads, language by language.
UI = {
    "ar": {
        "menu": "⚠️ هل منطقتي آمنة؟",
        "ask": "اكتب اسم بلدتك أو قريتك، بأي لغة أو بأي طريقة كتابة.",
        "browse": "🗺️ تصفّح حسب المحافظة",
        "governorate": "نينوى", "district": "الموصل", "subdistrict": "القيارة",
        "village": "حاج علي",
        "place": "📍 حاج علي (قرية) — القيارة",
        "headline": "🔷 مُطهَّرة من الألغام والمتفجرات. طُهِّرت هذه المنطقة من الألغام "
                    "والمتفجرات في 10 تشرين الثاني 2026، بحسب دائرة شؤون الألغام.",
        "residual": "لكن قد يبقى بعض الخطر",
        "updated": "🗓️ آخر تحديث: 10 تشرين الثاني 2026، من دائرة شؤون الألغام.",
        "english_note": "📝 ملاحظة (باللغة الإنجليزية): Clearance finished",
        "risk": "لا تلمس أي جسم غريب، ولا تحرّكه، ولا تلتقطه.",
        "demo": "🧪 بيانات تجريبية — ليست معلومات حقيقية.",
        "alert": "🔔 نبّهني عندما يتغيّر هذا",
        "again": "🔎 ابحث عن مكان آخر",
        "all_of": "📍 القيارة بالكامل",
    },
    "ckb": {
        "menu": "⚠️ ئایا ناوچەکەم سەلامەتە؟",
        "ask": "ناوی شارۆچکە یان گوندەکەت بنووسە",
        "browse": "🗺️ گەڕان بەپێی پارێزگا",
        "governorate": "نەینەوا", "district": "مووسڵ", "subdistrict": "قەیارە",
        "village": "حاجی عەلی",
        "place": "📍 حاجی عەلی (گوند) — قەیارە",
        "headline": "🔷 لە مین و تەقەمەنی پاک کراوەتەوە. بەپێی فەرمانگەی کاروباری مین، ئەم "
                    "ناوچەیە لە 10ی تشرینی دووەمی 2026 لە مین و تەقەمەنی پاک کراوەتەوە.",
        "residual": "لەوانەیە هەندێک مەترسی هێشتا مابێت",
        "updated": "🗓️ دوایین نوێکردنەوە: 10ی تشرینی دووەمی 2026، لەلایەن "
                   "فەرمانگەی کاروباری مینەوە.",
        "english_note": "📝 تێبینی (بە زمانی ئینگلیزی): Clearance finished",
        "risk": "دەست لە هیچ شتێکی نەناسراو مەدە",
        "demo": "🧪 داتای تاقیکاری — زانیاریی ڕاستەقینە نییە.",
        "alert": "🔔 ئاگادارم بکەرەوە کاتێک ئەمە گۆڕا",
        "again": "🔎 بەدوای شوێنێکی تردا بگەڕێ",
        "all_of": "📍 هەموو قەیارە",
    },
    "ku": {
        "menu": "⚠️ Ma devera min ewle ye?",
        "ask": "Navê bajarok an gundê xwe binivîse",
        "browse": "🗺️ Li gorî parêzgehê bigere",
        "governorate": "Neynewa", "district": "Mûsil", "subdistrict": "Al-Qayarra",
        "village": "Hecî Elî",
        "place": "📍 Hecî Elî (gund) — Al-Qayarra",
        "headline": "🔷 Ji mîn û teqemeniyan hat paqijkirin. Li gorî Rêveberiya Karûbarên "
                    "Mînan, ev dever di 10 Çiriya Duyê 2026 de ji mîn û teqemeniyan hat "
                    "paqijkirin.",
        "residual": "Lê dibe ku hinek xeterî hê bimîne",
        "updated": "🗓️ Nûkirina dawî: 10 Çiriya Duyê 2026, ji aliyê Rêveberiya Karûbarên Mînan "
                   "ve.",
        "risk": "Destê xwe nede tiştên nenas",
        "demo": "🧪 Daneyên ceribandinê — ne agahiyên rastîn in.",
        "alert": "🔔 Dema ev biguhere, min agahdar bike",
        "again": "🔎 Li cihekî din bigere",
        "all_of": "📍 Hemû Al-Qayarra",
    },
    "en": {
        "menu": "⚠️ Is my area safe?",
        "ask": "Type the name of your town or village, in any language or spelling.",
        "browse": "🗺️ Browse by governorate",
        "governorate": "Ninewa", "district": "Al-Mosul", "subdistrict": "Al-Qayarra",
        "village": "Hajj Ali",
        "place": "📍 Hajj Ali (village) — Al-Qayarra",
        "headline": "🔷 Cleared. Directorate of Mine Action cleared this area on "
                    "November 10, 2026.",
        "residual": "Some danger can still remain: stay on roads and paths",
        "updated": "🗓️ Updated November 10, 2026 by Directorate of Mine Action.",
        "risk": "Do not touch, move or pick up unknown objects.",
        "demo": "🧪 Demo data — not real information.",
        "alert": "🔔 Alert me when this changes",
        "again": "🔎 Search another place",
        "all_of": "📍 All of Al-Qayarra",
    },
    # Badini: place names through its fallback (Sorani), the authority in Badini.
    "kmr_Arab": {
        "menu": "⚠️ ئەرێ دەڤەرا من بێ مەترسییە؟",
        "ask": "ناڤێ باژێرۆک یان گوندێ خۆ بنڤیسە",
        "browse": "🗺️ ل گۆری پارێزگەهێ بگەرە",
        "governorate": "نەینەوا", "district": "مووسڵ", "subdistrict": "قەیارە",
        "village": "حاجی عەلی",
        "place": "📍 حاجی عەلی (گوند) — قەیارە",
        "headline": "🔷 ژ مین و تەقەمەنیان هاتیە پاقژکرن. رێڤەبەریا کاروبارێن مینان ئەڤ "
                    "دەڤەرە د 10 چریا دووێ 2026 دا ژ مین و تەقەمەنیان پاقژ کر.",
        "residual": "لێ دبیت هندەک مەترسی هێشتا مابیت",
        "updated": "🗓️ نووکرنا داوی: 10 چریا دووێ 2026، ژ لایێ رێڤەبەریا کاروبارێن مینان ڤە.",
        "english_note": "📝 تێبینی (ب ئنگلیزی): Clearance finished",
        "risk": "دەستێ خۆ نەدە تشتێن نەناس",
        "demo": "🧪 دانەیێن تاقیکرنێ — نە ئاگەهیێن راستینن.",
        "alert": "🔔 دەما ئەڤ بگوهۆریت، من ئاگەهدار بکە",
        "again": "🔎 ل جهەکێ دی بگەرە",
        "all_of": "📍 هەمی قەیارە",
    },
}


async def press_plain(user: SimulatedUser, label: str) -> None:
    """Press the button that reads ``label`` (direction marks aside) on the newest message
    that has one."""
    for message in reversed(await user.messages()):
        for text in message.button_texts:
            if plain(text) == label:
                await user.press(text, message_id=message.message_id)
                return
    raise LookupError(f"no button reads {label!r}")


def labels(message: BotMessage) -> list[str]:
    return [plain(text) for text in message.button_texts]


async def area_id(app: DaleelApp, pcode: str) -> int:
    return (await area_ids_by_pcode(app.bot_data.db, [pcode]))[pcode]


async def ask_about(user: SimulatedUser, pcode: str, app: DaleelApp) -> BotMessage:
    """Press an area's button as if it were on the last message (the server re-checks)."""
    last = (await user.messages())[-1]
    user.cursor = await user.client.last_seq()
    await user.client.press(user.user_id, last.message_id, f"safe:v1:area:{await area_id(app, pcode)}")
    return await user.reply(predicate=lambda m: m.event == "sent")
