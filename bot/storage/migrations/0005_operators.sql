-- Operators: status proposals awaiting a second operator, status feeds, and which status
-- changes still owe their subscribers an alert.

-- A change toward return (cleared, cancelled) waits here until a second, different
-- operator confirms it; every change a feed brings waits here until an operator accepts
-- it. Residents keep seeing the current status meanwhile.
CREATE TABLE status_proposals (
    id               INTEGER PRIMARY KEY,
    area_id          INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    status           TEXT    NOT NULL CHECK (status IN
                         ('unknown', 'suspected', 'confirmed', 'in_progress', 'cleared', 'cancelled')),
    status_date      TEXT    NOT NULL,             -- the day the authority assessed it
    source           TEXT    NOT NULL,
    note             TEXT,
    origin           TEXT    NOT NULL CHECK (origin IN ('operator', 'feed', 'import')),
    proposed_by      INTEGER,                      -- the operator; NULL: a feed's or an
                                                   -- imported file's, not yet endorsed
    feed_id          INTEGER REFERENCES status_feeds (id) ON DELETE SET NULL,
    base_history_id  INTEGER,                      -- the status current when proposed
    urgent           INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    created_at       TEXT    NOT NULL,             -- UTC ISO-8601
    expires_at       TEXT    NOT NULL,             -- UTC ISO-8601
    state            TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN
                         ('pending', 'confirmed', 'rejected', 'expired', 'superseded')),
    decided_by       INTEGER,
    decided_at       TEXT,
    history_id       INTEGER REFERENCES area_status_history (id)
);
CREATE INDEX status_proposals_pending ON status_proposals (state, expires_at);
CREATE INDEX status_proposals_by_area ON status_proposals (area_id, state);

-- A URL serving HXL-tagged CSV or JSON with area statuses, polled on a schedule.
CREATE TABLE status_feeds (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE,
    url             TEXT    NOT NULL,
    added_by        INTEGER NOT NULL,
    added_at        TEXT    NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    etag            TEXT,                          -- for conditional requests
    last_modified   TEXT,
    body_sha256     TEXT,                          -- the last body processed
    last_polled_at  TEXT,
    last_outcome    TEXT,                          -- short machine-readable outcome
    last_detail     TEXT,                          -- JSON: the counts /feeds shows
    reported_failure TEXT                          -- the failure operators were last told of
);

-- A change of effective status owes its area's subscribers an urgent alert: 1 until the
-- alert is in the outbox, so a crash in between is caught up at start-up.
ALTER TABLE area_status_history ADD COLUMN alert_due INTEGER NOT NULL DEFAULT 0;
ALTER TABLE area_status_history ADD COLUMN alert_broadcast_id INTEGER;
CREATE INDEX area_status_history_alert_due ON area_status_history (alert_due) WHERE alert_due = 1;

-- Areas and aliases operators add by hand (villages missing from the data, residents'
-- spellings) are marked as such: re-importing a file keeps the aliases operators added.
ALTER TABLE areas ADD COLUMN added_by INTEGER;
ALTER TABLE area_aliases ADD COLUMN added_by INTEGER;

-- What an operator's button will do, kept on the server: the button carries only a random
-- token, so a payload cannot be altered to act on another area or replayed once used.
CREATE TABLE action_tokens (
    token       TEXT    PRIMARY KEY,
    user_id     INTEGER NOT NULL,                 -- only this user may use it
    action      TEXT    NOT NULL,                 -- e.g. 'setstatus'
    payload     TEXT    NOT NULL,                 -- JSON: ids and values the action needs
    created_at  TEXT    NOT NULL,                 -- UTC ISO-8601
    used_at     TEXT
) WITHOUT ROWID;
