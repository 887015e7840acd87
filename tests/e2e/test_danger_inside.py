"""An area with places inside it hides no danger: on the demo data, the Qayyarah
sub-district (no status of its own) is headlined by the danger inside it — Safina
confirmed, Awsaja and Qayyarah town under clearance — never by "No information", with
the places with danger one press away."""

from __future__ import annotations

from handlers.kit.context import DaleelApp
from sandbox import SandboxClient, SimulatedUser
from tests.e2e.conftest import choose_language, plain

SUBDISTRICT = "Al-Qayarra (sub-district) — Al-Mosul"


async def press_plain(user: SimulatedUser, label: str) -> None:
    """Press the button that reads ``label`` on the newest message that has one."""
    for message in reversed(await user.messages()):
        for text in message.button_texts:
            if plain(text) == label:
                await user.press(text, message_id=message.message_id)
                return
    raise AssertionError(f"no button {label!r}")


async def test_a_subdistrict_is_headlined_with_the_danger_inside(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    user = client.user(732001)
    await choose_language(user, "en")
    await user.send("Qayyarah")
    await user.reply(predicate=lambda m: SUBDISTRICT in [plain(t) for t in m.button_texts])
    await press_plain(user, SUBDISTRICT)
    answer = await user.reply(predicate=lambda m: m.event == "sent" and "📍" in m.text)
    text = plain(answer.text)
    lines = text.split("\n")
    assert lines[1] == f"📍 {SUBDISTRICT}"
    # The danger inside is the headline, and "no information" is nowhere.
    assert lines[2] == (
        "⛔ Confirmed danger inside this area. A survey confirmed explosive hazards in places "
        "inside it."
    )
    assert "No information" not in text and "no information" not in text
    assert lines[3] == (
        "Places inside: ⛔ confirmed danger: 1 · 🚧 clearance in progress: 2 · "
        "⚠️ suspected danger: 1 · 🔷 cleared: 1"
    )
    assert lines[4:9] == [
        "Places with danger:",
        "• Safina (village) — ⛔ confirmed danger, November 5, 2026, Directorate of Mine Action",
        "• Awsaja (village) — 🚧 clearance in progress, November 18, 2026, UNMAS partner",
        "• Qayyarah (town) — 🚧 clearance in progress, November 16, 2026, UNMAS partner",
        "• Imam Gharbi (village) — ⚠️ suspected danger, September 30, 2026, "
        "Directorate of Mine Action",
    ]
    assert "Do not go there. Wait until the area has been cleared." in lines
    assert "Do not touch, move or pick up unknown objects." in text
    assert [plain(t) for t in answer.button_texts][:4] == [
        "Safina (village)", "Awsaja (village)", "Qayyarah (town)", "Imam Gharbi (village)",
    ]

    # One press on a place with danger answers for it.
    await press_plain(user, "Safina (village)")
    safina = await user.reply(predicate=lambda m: m.event == "sent" and "📍" in m.text)
    assert plain(safina.text).split("\n")[1:3] == [
        "📍 Safina (village) — Al-Qayarra",
        "⛔ Confirmed danger. A survey confirmed explosive hazards in this area.",
    ]


async def test_an_arabic_subdistrict_answer_is_headlined_with_the_danger_inside(
    client: SandboxClient, demo_bot: DaleelApp
) -> None:
    user = client.user(732002)
    await choose_language(user, "ar")
    await user.send("القيارة")
    await user.reply(predicate=lambda m: len(m.buttons) > 1)
    await press_plain(user, "القيارة (ناحية) — الموصل")
    answer = await user.reply(predicate=lambda m: m.event == "sent" and "📍" in m.text)
    lines = plain(answer.text).split("\n")
    assert lines[2].startswith("⛔ ")
    assert "لا توجد معلومات" not in plain(answer.text)
