-- foreign_keys: off
-- Badini (kmr_Arab, Kurmanji in Arabic script) is a fifth resident language. SQLite cannot
-- change a CHECK constraint in place, so residents is rebuilt by SQLite's own procedure
-- (https://sqlite.org/lang_altertable.html#otheralter): with foreign keys off (the first
-- line above tells the migration runner), a new table, every row copied, the old one
-- dropped, the new one renamed; then what belonged to the old table is made again. With
-- foreign keys on, dropping residents would delete every resident's subscriptions (ON
-- DELETE CASCADE) and queued messages (the trigger below). The runner checks the foreign
-- keys (PRAGMA foreign_key_check) before it commits.
CREATE TABLE residents_with_badini (
    chat_id        INTEGER PRIMARY KEY,
    language       TEXT    NOT NULL CHECK (language IN ('ar', 'ckb', 'ku', 'kmr_Arab', 'en')),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    camp_id        INTEGER REFERENCES camps (id) ON DELETE SET NULL,
    sector_id      INTEGER REFERENCES camp_sectors (id) ON DELETE SET NULL,
    alerts_paused  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO residents_with_badini
    (chat_id, language, active, created_at, updated_at, camp_id, sector_id, alerts_paused)
    SELECT chat_id, language, active, created_at, updated_at, camp_id, sector_id, alerts_paused
    FROM residents;
DROP TABLE residents;
ALTER TABLE residents_with_badini RENAME TO residents;

-- Dropped with the old table (0003): /forget erases a resident's queued messages too.
CREATE TRIGGER outbox_forget_resident AFTER DELETE ON residents
BEGIN
    DELETE FROM outbox_messages WHERE chat_id = OLD.chat_id;
END;
