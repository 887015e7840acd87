"""Injected faults, flood limits and blocked users, as PTB's exceptions see them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import telegram
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from sandbox import Fault, Limits, SandboxClient
from tests.sandbox.conftest import USER, start_chat


@pytest.fixture(autouse=True)
def timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """PTB 22 warns on int retry_after unless opted in to timedelta (warnings are errors)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    yield


@pytest.mark.parametrize(
    ("fault", "error", "message"),
    [
        (Fault("retry_after", retry_after=7), RetryAfter, "Flood control exceeded"),
        (Fault("blocked"), Forbidden, "bot was blocked by the user"),
        (Fault("deactivated"), Forbidden, "user is deactivated"),
        (Fault("chat_not_found"), BadRequest, "Chat not found"),
        (Fault("bad_request", description="Bad Request: TOPIC_CLOSED"), BadRequest, "Topic_closed"),
        (Fault("server_error", status=502), NetworkError, "Bad Gateway"),
        (Fault("server_error", status=500), NetworkError, "Internal Server Error"),
        (Fault("drop_connection"), NetworkError, "Server disconnected"),
    ],
)
async def test_fault_kinds(
    bot: telegram.Bot,
    client: SandboxClient,
    fault: Fault,
    error: type[Exception],
    message: str,
) -> None:
    await start_chat(client, bot)
    await client.inject(fault)
    with pytest.raises(error, match=message) as caught:
        await bot.send_message(USER, "alert")
    if isinstance(caught.value, RetryAfter):
        assert caught.value.retry_after == dt.timedelta(seconds=7)
    assert await client.messages(USER) == [], "a faulted send is not delivered"
    await bot.send_message(USER, "next one goes through")
    stats = await client.stats()
    assert stats.delivered == 1
    assert stats.calls("sendMessage") == 2


async def test_delay_fault_times_out_the_client(bot: telegram.Bot, client: SandboxClient) -> None:
    await start_chat(client, bot)
    mark = await client.last_seq()
    await client.inject(Fault("delay", method="sendMessage", delay_seconds=0.5))
    with pytest.raises(TimedOut):
        await bot.send_message(USER, "slow", read_timeout=0.1)
    # The server still delivers it late, as Telegram can: the bot must not assume failure.
    late = await client.wait_for(USER, after_seq=mark)
    assert late.text == "slow"


async def test_faults_match_method_chat_and_times(bot: telegram.Bot, client: SandboxClient) -> None:
    await start_chat(client, bot, USER)
    await start_chat(client, bot, USER + 1)
    await client.inject(Fault("blocked", method="SENDMESSAGE", chat_id=USER + 1, times=2))
    await bot.send_message(USER, "unaffected chat")
    await bot.send_location(USER + 1, 1.0, 1.0)
    for _ in range(2):
        with pytest.raises(Forbidden):
            await bot.send_message(USER + 1, "hit")
    await bot.send_message(USER + 1, "rule used up")
    await client.inject(Fault("server_error", status=503))
    await client.clear_faults()
    await bot.send_message(USER, "cleared")
    stats = await client.stats()
    assert stats.outcome("sendMessage", 403) == 2
    assert stats.delivered == 4


async def test_per_chat_limit_allows_a_short_burst(
    bot: telegram.Bot, client: SandboxClient
) -> None:
    await start_chat(client, bot)
    await client.set_limits(Limits(global_per_second=100, per_chat_per_second=1, per_chat_burst=3))
    for n in range(3):
        await bot.send_message(USER, f"part {n}")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(USER, "part 3")
    assert caught.value.retry_after == dt.timedelta(seconds=1)
    stats = await client.stats()
    assert (stats.too_many_requests, stats.delivered) == (1, 3)
    assert len(await client.messages(USER)) == 3


async def test_global_limit_and_paid_broadcast(bot: telegram.Bot, client: SandboxClient) -> None:
    users = [USER + n for n in range(4)]
    for user in users:
        await start_chat(client, bot, user)
    await client.set_limits(Limits(global_per_second=2, paid_per_second=1000))
    await bot.send_message(users[0], "alert")
    await bot.send_message(users[1], "alert")
    with pytest.raises(RetryAfter):
        await bot.send_message(users[2], "alert")
    # Paid broadcasts draw from their own, much larger bucket.
    for user in users:
        await bot.send_message(user, "paid alert", allow_paid_broadcast=True)
    stats = await client.stats()
    assert (stats.delivered, stats.too_many_requests) == (6, 1)
    assert (await client.limits()).global_per_second == 2


async def test_block_sends_my_chat_member_then_403(
    bot: telegram.Bot, client: SandboxClient
) -> None:
    offset = await start_chat(client, bot)
    await client.block(USER)
    (update,) = await bot.get_updates(offset=offset, timeout=5)
    member = update.my_chat_member
    assert member is not None
    assert (member.old_chat_member.status, member.new_chat_member.status) == ("member", "kicked")
    assert member.from_user.id == USER and member.chat.id == USER
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(USER, "are you there?")
    await client.unblock(USER)
    (update,) = await bot.get_updates(offset=update.update_id + 1, timeout=5)
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "member"
    await bot.send_message(USER, "welcome back")
    await client.deactivate(USER)
    with pytest.raises(Forbidden, match="user is deactivated"):
        await bot.send_message(USER, "gone")
