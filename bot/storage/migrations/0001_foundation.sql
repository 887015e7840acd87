-- Residents: only what the features need. No names, usernames or phone numbers, ever.
CREATE TABLE residents (
    chat_id     INTEGER PRIMARY KEY,
    language    TEXT    NOT NULL CHECK (language IN ('ar', 'ckb', 'ku', 'en')),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
