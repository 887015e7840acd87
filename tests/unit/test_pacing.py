"""Pacing with a fake clock: token buckets, one message per second per chat, pauses,
the outage detector, priority order of claimed rows and the retry backoff."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

import pytest

from bot.config import RateLimits
from bot.delivery.pacing import Backlog, ChatSpacing, Pacer, RetryPolicy, TokenBucket


def test_bucket_starts_with_a_tenth_of_a_second_and_refills_at_the_rate() -> None:
    bucket = TokenBucket(30.0, now=100.0)
    assert bucket.capacity == pytest.approx(3.0)
    for _ in range(3):
        assert bucket.wait(100.0) == 0.0
        bucket.take(100.0)
    assert bucket.wait(100.0) == pytest.approx(1 / 30)
    assert bucket.wait(100.0 + 1 / 30) == pytest.approx(0.0)
    # Idle for a minute: still only the capacity saved up, never a minute's worth.
    assert bucket.wait(160.0) == 0.0
    assert bucket.tokens == pytest.approx(3.0)


def test_slow_rates_still_hold_one_token() -> None:
    bucket = TokenBucket(0.5, now=0.0)
    assert bucket.capacity == 1.0
    bucket.take(0.0)
    assert bucket.wait(0.0) == pytest.approx(2.0)


def _send_greedily(pacer: Pacer, chats: list[int], *, paid: bool, until: float) -> list[float]:
    """A sender that goes the moment the pacer allows, on a fake clock."""
    now, sent, i = 0.0, [], 0
    while now < until:
        wait = max(pacer.wait(paid, now), pacer.chat_wait(chats[i % len(chats)], now))
        if wait > 0:
            now += wait
            continue
        pacer.take(chats[i % len(chats)], paid, now)
        sent.append(now)
        i += 1
    return sent


def test_the_global_rate_holds_over_every_second() -> None:
    pacer = Pacer(RateLimits(global_per_second=30.0), 0.0)
    sent = _send_greedily(pacer, list(range(1, 10_000)), paid=False, until=20.0)
    assert 29.9 * 20 <= len(sent) <= 30 * 20 + 3
    # No window of one second ever holds more than the rate plus the small burst.
    j = 0
    for i, at in enumerate(sent):
        while sent[j] <= at - 1.0:
            j += 1
        assert i - j + 1 <= 30 + 3


def test_paid_broadcasts_draw_from_their_own_bucket() -> None:
    pacer = Pacer(RateLimits(global_per_second=30.0, paid_per_second=1000.0), 0.0)
    sent = _send_greedily(pacer, list(range(1, 100_000)), paid=True, until=2.0)
    assert 1990 <= len(sent) <= 2101
    # The free bucket was never touched.
    assert pacer.wait(False, 2.0) == 0.0


def test_one_message_per_second_to_a_chat() -> None:
    pacer = Pacer(RateLimits(global_per_second=1000.0, per_chat_per_second=1.0), 0.0)
    sent = _send_greedily(pacer, [42], paid=False, until=10.0)
    assert len(sent) == 10
    # A second apart, plus a small margin for requests that travel at different speeds.
    assert all(b - a == pytest.approx(1.05) for a, b in itertools.pairwise(sent))


def test_chats_do_not_wait_for_each_other_and_holds_never_shorten() -> None:
    spacing = ChatSpacing(1.0)
    spacing.take(1, 10.0)
    assert spacing.wait(1, 10.5) == pytest.approx(0.55)
    assert spacing.wait(2, 10.5) == 0.0
    spacing.hold(1, 15.0)  # a 429 for chat 1
    spacing.hold(1, 12.0)
    assert spacing.wait(1, 11.0) == pytest.approx(4.0)


def test_a_slow_answer_pushes_the_next_message_to_that_chat_back() -> None:
    """Telegram counts arrivals: a request that waited on the way (answered 0.4 s after
    it left) must not let the next one arrive within a second of it."""
    spacing = ChatSpacing(1.0)
    spacing.take(1, 10.0)
    spacing.answered(1, 10.4)
    assert spacing.wait(1, 11.05) == pytest.approx(0.35)
    spacing.answered(2, 10.0)  # a quick answer never shortens the usual spacing
    spacing.take(3, 10.0)
    spacing.answered(3, 10.01)
    assert spacing.wait(3, 10.5) == pytest.approx(0.55)


def test_chat_spacing_forgets_chats_once_they_may_send_again() -> None:
    spacing = ChatSpacing(1.0)
    for i in range(10_000):
        spacing.take(i, i * 0.01)  # 100 chats a second
    assert len(spacing) <= 106


def test_a_pause_stops_every_send_and_is_never_shortened() -> None:
    pacer = Pacer(RateLimits(), 0.0)
    pacer.pause_all(5.0)
    pacer.pause_all(3.0)
    assert pacer.wait(False, 1.0) == pytest.approx(4.0)
    assert pacer.wait(True, 1.0) == pytest.approx(4.0)
    assert pacer.wait(False, 5.0) == 0.0


def test_consecutive_network_failures_pause_everything_doubling() -> None:
    pacer = Pacer(RateLimits(), 0.0, outage_after=3, outage_max_pause=10.0)
    assert pacer.transient_failure(0.0) == 0.0
    assert pacer.transient_failure(0.0) == 0.0
    assert pacer.transient_failure(0.0) == 1.0
    assert pacer.transient_failure(0.0) == 2.0
    assert pacer.transient_failure(0.0) == 4.0
    assert pacer.transient_failure(0.0) == 8.0
    assert pacer.transient_failure(0.0) == 10.0  # capped
    assert pacer.wait(False, 0.0) == pytest.approx(10.0)
    pacer.succeeded()
    assert pacer.transient_failure(20.0) == 0.0


@dataclass(frozen=True)
class Row:
    id: int
    priority: int


def test_backlog_sends_urgent_first_then_oldest() -> None:
    backlog: Backlog[Row] = Backlog()
    for row in (Row(1, 1), Row(2, 1), Row(3, 1)):
        backlog.push(row)
    assert backlog.pop() == Row(1, 1)
    # Urgent rows claimed later overtake the routine rows already waiting.
    backlog.push(Row(9, 0))
    backlog.push(Row(8, 0))
    assert [backlog.pop(), backlog.pop(), backlog.pop(), backlog.pop()] == [
        Row(8, 0), Row(9, 0), Row(2, 1), Row(3, 1)
    ]
    assert backlog.pop() is None


def test_backlog_drains_in_order() -> None:
    backlog: Backlog[Row] = Backlog()
    for row in (Row(5, 1), Row(7, 0), Row(6, 1)):
        backlog.push(row)
    assert backlog.drain() == [Row(7, 0), Row(5, 1), Row(6, 1)]
    assert len(backlog) == 0


def test_retry_backoff_doubles_with_jitter_and_is_capped() -> None:
    policy = RetryPolicy(max_attempts=5, base_delay=1.0, max_delay=8.0, jitter=0.2)
    rng = random.Random(7)
    for errors, raw in ((1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (10, 8.0)):
        delays = [policy.delay(errors, rng) for _ in range(200)]
        assert min(delays) >= raw * 0.8
        assert max(delays) <= raw * 1.2
        assert max(delays) - min(delays) > raw * 0.2  # jittered, not constant
    assert not policy.gives_up(4)
    assert policy.gives_up(5)


@pytest.mark.parametrize(
    "kwargs",
    [{"max_attempts": 0}, {"base_delay": 0}, {"base_delay": 5, "max_delay": 1}, {"jitter": 1}],
)
def test_retry_policy_rejects_nonsense(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        RetryPolicy(**kwargs)  # type: ignore[arg-type]
