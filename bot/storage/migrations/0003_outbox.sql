-- The durable outbox: every message a broadcast will send, one row per recipient.
-- Nothing about delivery lives only in memory: the dispatcher claims rows (state
-- 'sending', committed before the HTTP call goes out) and records every outcome here.

CREATE TABLE broadcasts (
    id           INTEGER PRIMARY KEY,
    created_by   INTEGER NOT NULL,                 -- Telegram user id of the staff member
    created_at   TEXT    NOT NULL,                 -- UTC ISO-8601
    priority     INTEGER NOT NULL CHECK (priority IN (0, 1)),  -- 0 urgent, 1 routine
    kind         TEXT    NOT NULL,                 -- announcement, food_reminder, ...
    paid         INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1)),  -- allow_paid_broadcast
    status       TEXT    NOT NULL DEFAULT 'active'
                 CHECK (status IN ('active', 'done', 'cancelled')),
    total        INTEGER NOT NULL,                 -- messages enqueued
    started_at   TEXT,                             -- first message claimed
    finished_at  TEXT                              -- last message settled
);

-- The distinct texts of a broadcast (one per language, usually): rows point here, so
-- 100,000 recipients do not store 100,000 copies of four texts.
CREATE TABLE outbox_contents (
    id            INTEGER PRIMARY KEY,
    broadcast_id  INTEGER NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    text          TEXT    NOT NULL,                -- fully rendered HTML
    reply_markup  TEXT                             -- Bot API JSON, or NULL
);
CREATE INDEX outbox_contents_by_broadcast ON outbox_contents (broadcast_id);

CREATE TABLE outbox_messages (
    id               INTEGER PRIMARY KEY,
    broadcast_id     INTEGER NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    content_id       INTEGER NOT NULL REFERENCES outbox_contents (id) ON DELETE CASCADE,
    chat_id          INTEGER NOT NULL,
    -- Copied from the broadcast: the queue index orders by them without a join.
    priority         INTEGER NOT NULL CHECK (priority IN (0, 1)),
    paid             INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1)),
    state            TEXT    NOT NULL DEFAULT 'queued'
                     CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'blocked')),
    attempts         INTEGER NOT NULL DEFAULT 0,   -- Bot API calls made for this row
    errors           INTEGER NOT NULL DEFAULT 0,   -- network/5xx failures (bounded by policy)
    next_attempt_at  REAL    NOT NULL DEFAULT 0,   -- unix seconds; queued rows wait until then
    error_code       TEXT,                         -- machine reason: blocked, chat_not_found, ...
    reason           TEXT,                         -- last error (queued) or why (failed, blocked)
    sent_at          REAL,                         -- unix seconds
    telegram_message_id INTEGER
);
-- The queue: due rows by priority then age. Partial, so settled rows cost nothing, and
-- next_attempt_at is in the key so rows waiting for a retry are skipped inside the index.
CREATE INDEX outbox_queue ON outbox_messages (priority, id, next_attempt_at)
    WHERE state = 'queued';
-- Progress and reports per broadcast (counts per state, failures by reason).
CREATE INDEX outbox_by_broadcast ON outbox_messages (broadcast_id, state);
-- /forget erases a resident's rows here too (the trigger below).
CREATE INDEX outbox_by_chat ON outbox_messages (chat_id);

CREATE TRIGGER outbox_forget_resident AFTER DELETE ON residents
BEGIN
    DELETE FROM outbox_messages WHERE chat_id = OLD.chat_id;
END;
