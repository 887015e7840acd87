-- Cases: a resident reaching a person (a question, feedback, a complaint or a sensitive
-- report), the staff who answer them, and what is kept of a case once its text is erased.

-- Two new grantable roles: helpdesk (answers the cases of their camps) and protection
-- (a protection focal point: the only one who sees sensitive reports). SQLite cannot
-- change a CHECK constraint in place, so the table is rebuilt.
ALTER TABLE roles RENAME TO roles_before_cases;
CREATE TABLE roles (
    user_id     INTEGER NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('staff', 'operator', 'helpdesk', 'protection')),
    granted_by  INTEGER NOT NULL,
    granted_at  TEXT    NOT NULL,
    PRIMARY KEY (user_id, role)
) WITHOUT ROWID;
INSERT INTO roles (user_id, role, granted_by, granted_at)
    SELECT user_id, role, granted_by, granted_at FROM roles_before_cases;
DROP TABLE roles_before_cases;

-- The camps whose cases a helpdesk member answers (granted with the role).
CREATE TABLE helpdesk_camps (
    user_id  INTEGER NOT NULL,
    camp_id  INTEGER NOT NULL REFERENCES camps (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, camp_id)
) WITHOUT ROWID;

-- The gender a protection focal point declared, so a resident who asks for a staff member
-- of their own gender is routed to one. NULL: not declared (sees only requests without one).
CREATE TABLE focal_points (
    user_id  INTEGER PRIMARY KEY,
    gender   TEXT    CHECK (gender IN ('female', 'male'))
);

-- One case. chat_id is the only link to the resident, never shown to staff (staff see the
-- number); it is set to NULL by /forget. The content (messages below) is erased after
-- [feedback] retention_days or by /forget; what stays is for statistics only.
CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    number           TEXT    NOT NULL UNIQUE,       -- random, shown to resident and staff
    chat_id          INTEGER,                       -- NULL once the resident used /forget
    topic            TEXT    NOT NULL
                         CHECK (topic IN ('question', 'feedback', 'complaint', 'sensitive')),
    camp_id          INTEGER REFERENCES camps (id) ON DELETE SET NULL,
    language         TEXT    NOT NULL,              -- the resident's language when writing
    gender_wanted    TEXT    CHECK (gender_wanted IN ('female', 'male')),  -- sensitive only
    state            TEXT    NOT NULL DEFAULT 'open'
                         CHECK (state IN ('open', 'taken', 'answered', 'referred', 'closed')),
    assignee_id      INTEGER,                       -- staff user id who took it
    referred_to      TEXT,                          -- 'camp:<id>' or 'outside' (+ a note)
    outcome          TEXT    CHECK (outcome IN ('resolved', 'referred', 'not_possible',
                                                'no_response', 'duplicate')),
    helped           INTEGER CHECK (helped IN (0, 1)),  -- the resident's answer after closing
    created_at       TEXT    NOT NULL,              -- UTC ISO-8601
    updated_at       TEXT    NOT NULL,
    first_answer_at  TEXT,
    closed_at        TEXT,
    reminded_at      TEXT,                          -- last overdue reminder to its queue
    erased_at        TEXT                           -- content erased (retention or /forget)
);
CREATE INDEX cases_queue ON cases (topic, state, camp_id, created_at);
CREATE INDEX cases_by_chat ON cases (chat_id);

-- What was written in a case, by whom. body and photo are NULL once erased. A photo is
-- kept as its Telegram file_id only (the file stays on Telegram's servers).
CREATE TABLE case_messages (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    author      TEXT    NOT NULL CHECK (author IN ('resident', 'staff', 'note')),
    staff_id    INTEGER,                            -- staff and note: who wrote it
    body        TEXT,
    photo       TEXT,
    created_at  TEXT    NOT NULL
);
CREATE INDEX case_messages_by_case ON case_messages (case_id, id);
