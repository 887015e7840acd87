"""Helpers of the safety-operator tests: operators made through the real bot, pressing
button data, the audit log, proposal ids, and what a follower of an area reads."""

from __future__ import annotations

import re

from bot.storage.audit import AuditEntry, recent
from bot.storage.roles import grant_role
from handlers.kit.context import DaleelApp
from sandbox import BotMessage, CallbackAnswer, SandboxClient, SimulatedUser
from tests.e2e.conftest import ADMIN, choose_language, eventually, has_text, plain

OP_A, OP_B = 720001, 720002
STALE = "This button is no longer valid. Send /menu to start again."
FOR_OPERATORS = {
    "en": "This command is for Daleel safety operators.",
    "ar": "هذا الأمر مخصص لمسؤولي السلامة في «دليل».",
}
AWSAJA = "Awsaja (village) — Al-Qayarra"
_PROPOSAL = re.compile(r"#(\d+)")

# What a follower of the area reads, language by language, when it turns to confirmed
# danger on the demo morning according to the Iraqi Kurdistan Mine Action Agency.
IKMAA = "Iraqi Kurdistan Mine Action Agency"
# Residents read the agency's name in their own language (bot/data/safety/sources.toml).
IKMAA_AR = "مديرية شؤون الألغام في إقليم كوردستان"
IKMAA_CKB = "دەزگای کاروباری مین لە هەرێمی کوردستان"
IKMAA_KU = "Dezgeha Karûbarên Mînan a Herêma Kurdistanê"
IKMAA_BADINI = "دەزگەها کاروبارێن مینان ل هەرێما کوردستانێ"
ALERT = {
    "en": {
        "header": "🚨 Safety status changed",
        "place": "📍 Karamles (village) — Markaz Al-Hamdaniya",
        "headline": "⛔ Confirmed danger. A survey confirmed explosive hazards in this area.",
        "updated": f"🗓️ Updated November 24, 2026 by {IKMAA}.",
        "risk": "Do not touch, move or pick up unknown objects.",
    },
    "ar": {
        "header": "🚨 تغيّر وضع السلامة",
        "place": "📍 كرمليس (قرية) — مركز الحمدانية",
        "headline": "⛔ خطر مؤكَّد. أكّد المسح وجود مخاطر متفجرة في هذه المنطقة.",
        "updated": f"🗓️ آخر تحديث: 24 تشرين الثاني 2026، من {IKMAA_AR}.",
        "risk": "لا تلمس أي جسم غريب، ولا تحرّكه، ولا تلتقطه.",
    },
    "ckb": {
        "header": "🚨 دۆخی سەلامەتی گۆڕا",
        "place": "📍 کەرەملیس (گوند) — ناوەندی حەمدانیە",
        "headline": "⛔ مەترسی پشتڕاست کراوەتەوە. پشکنینێک دەریخست کە تەقەمەنیی مەترسیدار "
                    "لەم ناوچەیەدا هەیە.",
        "updated": f"🗓️ دوایین نوێکردنەوە: 24ی تشرینی دووەمی 2026، لەلایەن {IKMAA_CKB}ەوە.",
        "risk": "دەست لە هیچ شتێکی نەناسراو مەدە",
    },
    "ku": {
        "header": "🚨 Rewşa ewlehiyê guherî",
        "place": "📍 Kermlîs (gund) — Markaz Al-Hamdaniya",
        "headline": "⛔ Xetereya piştrastkirî. Lêkolînekê piştrast kir ku li vê deverê "
                    "teqemeniyên xeternak hene.",
        "updated": f"🗓️ Nûkirina dawî: 24 Çiriya Duyê 2026, ji aliyê {IKMAA_KU} ve.",
        "risk": "Destê xwe nede tiştên nenas",
    },
    # Badini: place names through its fallback (Sorani), the agency in Badini.
    "kmr_Arab": {
        "header": "🚨 رەوشا سلامەتیێ هاتە گوهۆرین",
        "place": "📍 کەرەملیس (گوند) — ناوەندی حەمدانیە",
        "headline": "⛔ مەترسیا پشتراستکری. پشکنینەکێ پشتراست کر کو ل ڤێ دەڤەرێ "
                    "تەقەمەنیێن مەترسیدار هەنە.",
        "updated": f"🗓️ نووکرنا داوی: 24 چریا دووێ 2026، ژ لایێ {IKMAA_BADINI} ڤە.",
        "risk": "دەستێ خۆ نەدە تشتێن نەناس",
    },
}


async def make_operators(
    client: SandboxClient, app: DaleelApp, languages: tuple[str, str] = ("en", "en")
) -> tuple[SimulatedUser, SimulatedUser]:
    users = []
    for user_id, code in zip((OP_A, OP_B), languages, strict=True):
        await grant_role(app.bot_data.db, user_id, "operator", ADMIN)
        user = client.user(user_id)
        await choose_language(user, code)
        users.append(user)
    return users[0], users[1]


async def confirm_area(user: SimulatedUser, command: str, label: str | None = None) -> BotMessage:
    """Send an operator command naming an area exactly: the bot shows the one place (with
    where it is) and acts only once it is pressed; returns the next reply."""
    await user.send(command)
    question = await user.reply()
    asked, where = plain(question.text).split("\n")
    assert "?" in asked or "؟" in asked, asked  # a question, in the operator's language
    assert where.startswith("📍 ") and where.count(", ") >= 2, where  # up to the governorate
    assert len(question.buttons) == 1
    assert labels(question)[0] == (label or labels(question)[0]), labels(question)
    await user.press(question.button_texts[0], message_id=question.message_id)
    return await user.reply()


async def press_data(user: SimulatedUser, data: str) -> CallbackAnswer:
    """Press a button with any payload (a forged one too) on the user's latest message."""
    last = (await user.messages())[-1]
    user.cursor = await user.client.last_seq()
    query = await user.client.press(user.user_id, last.message_id, data)
    return await user.client.wait_callback_answer(query)


async def audit_of(app: DaleelApp, user_id: int) -> list[AuditEntry]:
    """The user's audit entries, oldest first."""
    entries = [e for e in await recent(app.bot_data.db, 500) if e.user_id == user_id]
    return list(reversed(entries))


async def audited(app: DaleelApp, user_id: int, entry: tuple[str, str, str | None]) -> None:
    """Wait until the entry is in the audit log (it is written as the handler returns)."""

    async def present() -> bool:
        return entry in [(e.action, e.outcome, e.detail) for e in await audit_of(app, user_id)]

    await eventually(present, within=5)


async def audit_count(app: DaleelApp, user_id: int, n: int) -> list[AuditEntry]:
    """The user's audit entries once there are ``n`` of them."""

    async def enough() -> bool:
        return len(await audit_of(app, user_id)) >= n

    await eventually(enough, within=5)
    return await audit_of(app, user_id)


def proposal_id(message: BotMessage) -> int:
    match = _PROPOSAL.search(plain(message.text))
    assert match, message.text
    return int(match[1])


def labels(message: BotMessage) -> list[str]:
    return [plain(text) for text in message.button_texts]


async def ask(user: SimulatedUser, typed: str) -> str:
    """A resident types a place's name and reads the answer."""
    await user.send(typed)
    return plain((await user.reply(predicate=has_text("📍"))).text)
