-- Roles and the audit log (staff and operators), announcements and their schedules, and
-- what residents were last told about each food distribution.

-- Admins come from the config file; these are the roles they grant.
CREATE TABLE roles (
    user_id     INTEGER NOT NULL,                 -- Telegram user id
    role        TEXT    NOT NULL CHECK (role IN ('staff', 'operator')),
    granted_by  INTEGER NOT NULL,
    granted_at  TEXT    NOT NULL,
    PRIMARY KEY (user_id, role)
) WITHOUT ROWID;

-- Who did (or tried to do) what, when, and how it ended. Never message texts.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT    NOT NULL,                    -- UTC ISO-8601
    user_id  INTEGER NOT NULL,                    -- 0: Daleel itself (a schedule, a job)
    action   TEXT    NOT NULL,                    -- e.g. 'announce.send', 'grant'
    outcome  TEXT    NOT NULL CHECK (outcome IN ('ok', 'refused', 'rejected', 'failed')),
    detail   TEXT                                 -- ids and counts only
);
CREATE INDEX audit_log_by_user ON audit_log (user_id, id);

-- An announcement: a draft while staff compose it, then sent or scheduled. Texts are
-- plain text as staff wrote them (escaped when rendered): a JSON object mapping a
-- language code, or "all" for one text in every language, to the text.
CREATE TABLE announcements (
    id            INTEGER PRIMARY KEY,
    author_id     INTEGER NOT NULL,
    state         TEXT    NOT NULL DEFAULT 'draft'
                      CHECK (state IN ('draft', 'sent', 'scheduled', 'discarded')),
    step          TEXT    NOT NULL DEFAULT 'mode', -- what the draft waits for next
    mode          TEXT    CHECK (mode IN ('all', 'each')),
    texts         TEXT    NOT NULL DEFAULT '{}',
    audience      TEXT    CHECK (audience IN ('everyone', 'camp', 'sector', 'area', 'language')),
    audience_ref  TEXT,                           -- camp id, sector id, area id or language
    priority      TEXT    CHECK (priority IN ('urgent', 'routine')),
    broadcast_id  INTEGER,                        -- when sent at once
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX announcements_by_author ON announcements (author_id, state);

-- When an announcement goes out: a one-off date and time, or a recurring rule, in camp
-- wall-clock time. next_run (UTC) is the run the JobQueue waits for; NULL once finished.
CREATE TABLE schedules (
    id               INTEGER PRIMARY KEY,
    announcement_id  INTEGER NOT NULL REFERENCES announcements (id),
    created_by       INTEGER NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('once', 'daily', 'weekly', 'monthly')),
    at_time          TEXT    NOT NULL,            -- HH:MM camp time
    on_date          TEXT,                        -- once: YYYY-MM-DD camp date
    weekdays         INTEGER NOT NULL DEFAULT 0,  -- weekly: bit d = weekday d (0 = Monday)
    month_day        INTEGER CHECK (month_day BETWEEN 1 AND 31),
    state            TEXT    NOT NULL DEFAULT 'active'
                         CHECK (state IN ('active', 'done', 'missed', 'cancelled')),
    next_run         TEXT,
    cancelled_by     INTEGER,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX schedules_active ON schedules (state, next_run);

-- One row per run that fell due: it is claimed ('firing') before the broadcast is queued
-- and finished after, so a restart neither loses nor repeats a run (a crash between the
-- two re-sends that one run).
CREATE TABLE schedule_runs (
    schedule_id   INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    due_at        TEXT    NOT NULL,               -- UTC
    outcome       TEXT    NOT NULL
                      CHECK (outcome IN ('firing', 'sent', 'empty', 'missed', 'refused', 'failed')),
    broadcast_id  INTEGER,
    recorded_at   TEXT    NOT NULL,
    PRIMARY KEY (schedule_id, due_at)
) WITHOUT ROWID;

-- What food-reminder subscribers were last told about a distribution, to notice a
-- postponement (status or date changed since) and to remind only once.
CREATE TABLE food_notices (
    distribution_id  INTEGER PRIMARY KEY REFERENCES distributions (id) ON DELETE CASCADE,
    status           TEXT    NOT NULL,
    date             TEXT    NOT NULL,
    reminded_for     TEXT,                        -- the date a reminder was sent for
    updated_at       TEXT    NOT NULL
);
