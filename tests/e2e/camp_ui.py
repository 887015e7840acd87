"""The camp screens as a reader of each language sees them, and helpers shared by the
camp, services and food tests: pressing by label, picking a camp and sector, reading
what was stored, pressing forged buttons."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.camps import Camp, camp_sectors, list_camps
from bot.storage.services_food import ResidentCamp, resident_camp
from handlers.kit.context import DaleelApp
from handlers.kit.homes import CampAlerts
from sandbox import BotMessage, SandboxClient, SimulatedUser
from tests.e2e.conftest import choose_language, plain


@dataclass(frozen=True)
class Words:
    """What a reader of one language sees on the camp screens."""

    erbil: str
    ninewa: str
    duhok: str
    debaga: str
    khazer: str
    khanke: str
    baharka: str
    sector: str  # a sector button, with {} for the code
    whole_camp: str
    picker: str
    stale: str
    services: str
    food: str


WORDS = {
    "ar": Words(
        "اربيل", "نينوى", "دهوك", "ديبكة 1 (الرئيسي)", "خازر M1", "خانكه", "بحركة",
        "القطاع {}", "لا أعرف / المخيم كله",
        "في أي مخيم تسكن؟ اختر المحافظة، أو اكتب اسم المخيم.",
        "هذا الزر لم يعد صالحًا. أرسل /menu للبدء من جديد.",
        "🏥 خدمات المخيم", "🍞 توزيع الغذاء",
    ),
    "ckb": Words(
        "هەولێر", "نەینەوا", "دهۆک", "دیبەگە 1", "خازر M1", "خانکێ", "بەحرکە",
        "کەرتی {}", "نازانم / هەموو کەمپەکە",
        "لە کام کەمپ دەژیت؟ پارێزگاکە هەڵبژێرە، یان ناوی کەمپەکە بنووسە.",
        "ئەم دوگمەیە چیتر کار ناکات. /menu بنێرە بۆ ئەوەی لە سەرەتاوە دەست پێبکەیتەوە.",
        "🏥 خزمەتگوزارییەکانی کەمپ", "🍞 دابەشکردنی خۆراک",
    ),
    "ku": Words(
        "Hewlêr", "Neynewa", "Duhok", "Dîbege 1", "Xazir M1", "Xanke", "Behirke",
        "Sektora {}", "Nizanim / hemû kamp",
        "Tu li kîjan kampê dijî? Parêzgehê hilbijêre, an navê kampê binivîse.",
        "Ev bişkok êdî ne derbasdar e. /menu bişîne da ku ji nû ve dest pê bikî.",
        "🏥 Xizmetên kampê", "🍞 Belavkirina xwarinê",
    ),
    "en": Words(
        "Erbil", "Ninewa", "Duhok", "Debaga 1", "Khazer M1", "Khanke", "Baharka",
        "Sector {}", "I don't know / the whole camp",
        "Which camp do you live in? Choose the governorate, or type the camp's name.",
        "This button is no longer valid. Send /menu to start again.",
        "🏥 Camp services", "🍞 Food distribution",
    ),
    # Badini: names of places and camps through its fallback (Sorani, Arabic script).
    "kmr_Arab": Words(
        "هەولێر", "نەینەوا", "دهۆک", "دیبەگە 1", "خازر M1", "خانکێ", "بەحرکە",
        "سێکتەرا {}", "نزانم / هەمی کەمپ",
        "تو ل کیژان کەمپێ دژی؟ پارێزگەهێ هەلبژێرە، یان ناڤێ کەمپێ بنڤیسە.",
        "ئەڤ بشکۆک ئێدی نە دەرباسدارە. /menu بهنێرە دا کو ژ نوو ڤە دەست پێ بکی.",
        "🏥 خزمەتێن کەمپێ", "🍞 بەلاڤکرنا خوارنێ",
    ),
}
CONFIRM = {
    "ar": "مخيمك الآن: ديبكة 1 (الرئيسي)، القطاع B.",
    "ckb": "کەمپەکەت ئێستا: دیبەگە 1، کەرتی B.",
    "ku": "Kampa te niha Dîbege 1 e, sektora B.",
    "en": "Your camp is now Debaga 1, sector B.",
    "kmr_Arab": "کەمپا تە نوکە دیبەگە 1 یە، سێکتەرا B.",
}
LANGS = ["ar", "ckb", "ku", "en", "kmr_Arab"]


def confirmed(message: BotMessage) -> bool:
    """The message that confirms a chosen camp (it offers to switch announcements off)."""
    off = CampAlerts("off").encode()
    return any(button.callback_data == off for button in message.buttons)


def headline(message: BotMessage) -> str:
    """The first paragraph of a message, as read."""
    return plain(message.text).split("\n\n")[0]


async def press(user: SimulatedUser, label: str) -> str:
    """Press the newest button that reads ``label`` (ignoring invisible direction marks)."""
    for message in reversed(await user.messages()):
        for text in message.button_texts:
            if plain(text) == label:
                return await user.press(text, message_id=message.message_id)
    raise LookupError(f"no button {label!r}")


def has_button(label: str) -> object:
    return lambda m: label in [plain(t) for t in m.button_texts]


async def pick_camp(
    user: SimulatedUser, code: str, governorate: str, camp: str, sector: str | None
) -> BotMessage:
    """From an open camp picker: governorate → camp → sector; returns the confirmation."""
    words = WORDS[code]
    await press(user, governorate)
    await user.reply(predicate=has_button(camp))
    await press(user, camp)
    if sector is None:  # a camp without sectors is stored at once
        return await user.reply(predicate=confirmed)
    label = words.whole_camp if sector == "" else words.sector.format(sector)
    await user.reply(predicate=has_button(label))
    await press(user, label)
    return await user.reply(predicate=confirmed)


async def camp_ids(app: DaleelApp) -> dict[str, Camp]:
    return {camp.code: camp for camp in await list_camps(app.bot_data.db)}


async def sector_id(app: DaleelApp, camp_code: str, sector: str) -> int:
    camp = (await camp_ids(app))[camp_code]
    return next(s.id for s in await camp_sectors(app.bot_data.db, camp.id) if s.code == sector)


async def stored(app: DaleelApp, user: SimulatedUser) -> ResidentCamp | None:
    return await resident_camp(app.bot_data.db, user.chat_id)


async def forged(client: SandboxClient, user: SimulatedUser, data: str) -> str | None:
    """Press a button with any payload on the newest bot message; the bot's answer text,
    as read (without direction marks)."""
    message_id = (await user.messages())[-1].message_id
    query_id = await client.press(user.user_id, message_id, data)
    text = (await client.wait_callback_answer(query_id)).text
    return None if text is None else plain(text)


async def resident_in(
    user: SimulatedUser, code: str, governorate: str, camp: str, sector: str | None
) -> None:
    """A resident in ``code`` who chose a camp with /camp."""
    await choose_language(user, code)
    await user.send("/camp")
    await user.reply(predicate=has_button(governorate))
    await pick_camp(user, code, governorate, camp, sector)
    await user.reply(predicate=lambda m: len(m.buttons) == 6)  # back to the main menu


NNBSP = "\u202f"  # English times: "3:00 PM" with a narrow no-break space


@dataclass(frozen=True)
class ServiceTexts:
    """What a reader of one language sees of the demo clinic in Debaga 1."""

    health: str
    clinic: str
    location: str
    hours: str
    open_now: str
    demo: str


SERVICE_TEXTS = {
    "ar": ServiceTexts(
        "🩺 الصحة", "مركز الرعاية الصحية الأولية", "📍 قرب البوابة الرئيسية",
        "🕒 من الأحد إلى الخميس، من الساعة 8:00 ص إلى 3:00 م",
        "✅ مفتوح الآن حتى الساعة 3:00 م",
        "🧪 بيانات تجريبية — ليست معلومات حقيقية.",
    ),
    "ckb": ServiceTexts(
        "🩺 تەندروستی", "بنکەی چاودێریی تەندروستیی سەرەتایی", "📍 نزیک دەروازەی سەرەکی",
        "🕒 یەکشەممە تا پێنجشەممە، لە کاتژمێر 8:00 ب.ن تا 3:00 د.ن",
        "✅ ئێستا کراوەیە تا کاتژمێر 3:00 د.ن",
        "🧪 داتای تاقیکاری — زانیاریی ڕاستەقینە نییە.",
    ),
    "ku": ServiceTexts(
        "🩺 Tenduristî", "Navenda lênêrîna tenduristiyê ya seretayî", "📍 Nêzîkî deriyê sereke",
        "🕒 Yekşem heta Pêncşem, ji saet 08:00 heta 15:00",
        "✅ Niha vekirî ye, heta saet 15:00",
        "🧪 Daneyên ceribandinê — ne agahiyên rastîn in.",
    ),
    "en": ServiceTexts(
        "🩺 Health", "Primary health care centre", "📍 Near the main gate",
        f"🕒 Sunday to Thursday, from 8:00{NNBSP}AM to 3:00{NNBSP}PM",
        f"✅ Open now, until 3:00{NNBSP}PM",
        "🧪 Demo data — not real information.",
    ),
    "kmr_Arab": ServiceTexts(
        "🩺 ساخلەمی", "بنکەی چاودێریی تەندروستیی سەرەتایی", "📍 نزیک دەروازەی سەرەکی",
        "🕒 ئێکشەمبی هەتا پێنجشەمبی، ژ دەمژمێر 08:00 هەتا 15:00",
        "✅ نوکە ڤەکرییە، هەتا دەمژمێر 15:00",
        "🧪 دانەیێن تاقیکرنێ — نە ئاگەهیێن راستینن.",
    ),
}
