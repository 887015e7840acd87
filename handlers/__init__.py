"""The Telegram surface. Each feature module exposes ``register(app)``.

Order matters: the middleware comes first (group -1) and the fallback last, so it only
answers what no feature claimed.
"""

from __future__ import annotations

from types import ModuleType

from handlers.admin import audit, roles
from handlers.admin import stats as admin
from handlers.camp import choose as camp
from handlers.camp import food, reminders, services
from handlers.helpdesk import case as helpdesk_case
from handlers.helpdesk import close as helpdesk_close
from handlers.helpdesk import helped as helpdesk_helped
from handlers.helpdesk import queue as helpdesk_queue
from handlers.helpdesk import refer as helpdesk_refer
from handlers.helpdesk import reminders as helpdesk_reminders
from handlers.helpdesk import writing as helpdesk_writing
from handlers.kit import commands, errors, middleware
from handlers.kit.app import Features
from handlers.kit.context import DaleelApp
from handlers.operators import areas as areas_admin
from handlers.operators import digest, feeds
from handlers.operators import status as operators
from handlers.residents import (
    alerts,
    fallback,
    feedback,
    language,
    membership,
    menu,
    my_cases,
    privacy,
    start,
    understand,
)
from handlers.safety import answers as safety
from handlers.staff import announce, reports, schedules, scheduling

__all__ = ["FEATURES", "features", "register_all"]

FEATURES: tuple[ModuleType, ...] = (
    middleware,
    start,
    language,
    menu,
    camp,
    services,
    food,
    safety,
    alerts,
    privacy,
    feedback,  # residents reach a person: before understand, which would read their words
    my_cases,
    membership,
    admin,
    roles,  # staff and operators: roles, audit, announcements, schedules, reports
    audit,
    announce,  # before understand: a draft's typed answers are not questions
    schedules,
    reports,
    operators,  # safety operators: status changes, proposals, history
    areas_admin,  # operators add areas and aliases
    feeds,  # operators configure status feeds
    helpdesk_writing,  # before understand: a case's answer or note is not a question
    helpdesk_queue,  # helpdesk and protection: the queue of residents' cases
    helpdesk_case,
    helpdesk_refer,
    helpdesk_close,
    helpdesk_helped,  # residents answer "Did this help?"
    understand,  # free text: after every command and button of the features
    errors,
    fallback,  # keep last
)


def register_all(app: DaleelApp) -> None:
    for feature in FEATURES:
        feature.register(app)


async def on_started(app: DaleelApp) -> None:
    await commands.publish_command_menus(app)
    await scheduling.start(app)  # schedules registered with the JobQueue, missed ones caught up
    await reminders.start(app)
    await announce.restore_waiting(app)
    await operators.start(app)  # proposal expiry, alerts owed after a crash, staleness digest
    await feeds.start(app)  # feed polling
    await digest.start(app)  # the operators' daily digest of old statuses
    await helpdesk_reminders.start(app)  # overdue cases daily, the admins' weekly digest
    await my_cases.start(app)  # the daily erasure of old case content
    await safety.start(app)  # the daily purge of old "Did you mean" offers


def features() -> Features:
    return Features(register=register_all, on_started=on_started)
