-- Places, camps, services, food distributions, area safety status, subscriptions and
-- aggregate question counts. Per-language texts are columns: the four languages are fixed.

CREATE TABLE areas (
    id          INTEGER PRIMARY KEY,
    pcode       TEXT    NOT NULL UNIQUE,          -- OCHA P-code, GN<geonameid>, or our own code
    level       TEXT    NOT NULL CHECK (level IN
                    ('governorate', 'district', 'subdistrict', 'town', 'village')),
    parent_id   INTEGER REFERENCES areas (id) ON DELETE RESTRICT,
    name_en     TEXT,
    name_ar     TEXT,
    name_ckb    TEXT,
    name_ku     TEXT,
    lat         REAL,
    lon         REAL,
    demo        INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    updated_at  TEXT    NOT NULL,
    CHECK (COALESCE(name_en, name_ar, name_ckb, name_ku) IS NOT NULL)
);
CREATE INDEX areas_by_parent ON areas (parent_id, level);

CREATE TABLE area_aliases (
    area_id     INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    alias       TEXT    NOT NULL,
    PRIMARY KEY (area_id, alias)
) WITHOUT ROWID;

-- Every status ever recorded for an area, newest last; the current one is pointed to.
CREATE TABLE area_status_history (
    id            INTEGER PRIMARY KEY,
    area_id       INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    status        TEXT    NOT NULL CHECK (status IN
                      ('unknown', 'suspected', 'confirmed', 'in_progress', 'cleared', 'cancelled')),
    status_date   TEXT    NOT NULL,               -- the day the authority assessed it
    source        TEXT    NOT NULL,               -- the authority or organisation
    note          TEXT,
    origin        TEXT    NOT NULL CHECK (origin IN ('import', 'operator', 'feed')),
    recorded_by   TEXT    NOT NULL,               -- operator user id, or the imported file
    confirmed_by  TEXT,                           -- the second operator, for changes toward return
    recorded_at   TEXT    NOT NULL,
    demo          INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
);
CREATE INDEX area_status_history_by_area ON area_status_history (area_id, id);

CREATE TABLE area_status (
    area_id     INTEGER PRIMARY KEY REFERENCES areas (id) ON DELETE CASCADE,
    history_id  INTEGER NOT NULL REFERENCES area_status_history (id)
);

CREATE TABLE camps (
    id                 INTEGER PRIMARY KEY,
    code               TEXT    NOT NULL UNIQUE,
    name_en            TEXT,
    name_ar            TEXT,
    name_ckb           TEXT,
    name_ku            TEXT,
    governorate_pcode  TEXT,
    district_pcode     TEXT,
    left_off_en        TEXT,                      -- what to do when left off the food list
    left_off_ar        TEXT,
    left_off_ckb       TEXT,
    left_off_ku        TEXT,
    lat                REAL,
    lon                REAL,
    demo               INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    updated_at         TEXT    NOT NULL,
    CHECK (COALESCE(name_en, name_ar, name_ckb, name_ku) IS NOT NULL)
);

CREATE TABLE camp_aliases (
    camp_id  INTEGER NOT NULL REFERENCES camps (id) ON DELETE CASCADE,
    alias    TEXT    NOT NULL,
    PRIMARY KEY (camp_id, alias)
) WITHOUT ROWID;

CREATE TABLE camp_sectors (
    id       INTEGER PRIMARY KEY,
    camp_id  INTEGER NOT NULL REFERENCES camps (id) ON DELETE CASCADE,
    code     TEXT    NOT NULL,                    -- as written on the ground: "A", "Block 3"
    UNIQUE (camp_id, code)
);

CREATE TABLE services (
    id           INTEGER PRIMARY KEY,
    camp_id      INTEGER NOT NULL REFERENCES camps (id) ON DELETE CASCADE,
    code         TEXT    NOT NULL,
    category     TEXT    NOT NULL CHECK (category IN
                     ('health', 'water_sanitation', 'food', 'shelter_items',
                      'registration_documents', 'legal_protection', 'education',
                      'psychosocial', 'other')),
    name_en TEXT, name_ar TEXT, name_ckb TEXT, name_ku TEXT,
    location_en TEXT, location_ar TEXT, location_ckb TEXT, location_ku TEXT,
    notes_en TEXT, notes_ar TEXT, notes_ckb TEXT, notes_ku TEXT,
    days         INTEGER NOT NULL DEFAULT 0,      -- bit d set = open on weekday d (0 = Monday)
    opens        TEXT,                            -- HH:MM camp time
    closes       TEXT,
    phone        TEXT,
    lat          REAL,
    lon          REAL,
    demo         INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    updated_at   TEXT    NOT NULL,
    UNIQUE (camp_id, code)
);
CREATE INDEX services_by_camp ON services (camp_id, category);

CREATE TABLE distributions (
    id          INTEGER PRIMARY KEY,
    camp_id     INTEGER NOT NULL REFERENCES camps (id) ON DELETE CASCADE,
    code        TEXT    NOT NULL,
    sector_id   INTEGER REFERENCES camp_sectors (id) ON DELETE CASCADE,  -- NULL: whole camp
    date        TEXT    NOT NULL,                 -- YYYY-MM-DD camp date
    starts      TEXT    NOT NULL,                 -- HH:MM
    ends        TEXT    NOT NULL,
    point_en TEXT, point_ar TEXT, point_ckb TEXT, point_ku TEXT,
    items_en TEXT, items_ar TEXT, items_ckb TEXT, items_ku TEXT,
    bring_en TEXT, bring_ar TEXT, bring_ckb TEXT, bring_ku TEXT,
    status      TEXT    NOT NULL CHECK (status IN ('planned', 'postponed', 'done', 'cancelled')),
    reason_en TEXT, reason_ar TEXT, reason_ckb TEXT, reason_ku TEXT,
    demo        INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    updated_at  TEXT    NOT NULL,
    UNIQUE (camp_id, code)
);
CREATE INDEX distributions_by_camp_date ON distributions (camp_id, date);

-- A resident's camp and sector: what the features need, nothing more.
ALTER TABLE residents ADD COLUMN camp_id INTEGER REFERENCES camps (id) ON DELETE SET NULL;
ALTER TABLE residents ADD COLUMN sector_id INTEGER REFERENCES camp_sectors (id) ON DELETE SET NULL;
-- /stop pauses every alert without erasing the resident.
ALTER TABLE residents ADD COLUMN alerts_paused INTEGER NOT NULL DEFAULT 0;

CREATE TABLE subscriptions (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL REFERENCES residents (chat_id) ON DELETE CASCADE,
    topic       TEXT    NOT NULL CHECK (topic IN ('camp', 'food', 'area')),
    area_id     INTEGER REFERENCES areas (id) ON DELETE CASCADE,
    created_at  TEXT    NOT NULL,
    CHECK ((topic = 'area') = (area_id IS NOT NULL))
);
CREATE UNIQUE INDEX subscriptions_unique ON subscriptions (chat_id, topic, IFNULL(area_id, 0));
CREATE INDEX subscriptions_by_area ON subscriptions (area_id) WHERE area_id IS NOT NULL;

-- What staff may see: how often each topic is asked about, per day and place. Never who.
CREATE TABLE question_counts (
    day      TEXT    NOT NULL,
    topic    TEXT    NOT NULL,
    area_id  INTEGER NOT NULL DEFAULT 0,          -- 0: no area
    camp_id  INTEGER NOT NULL DEFAULT 0,          -- 0: no camp
    count    INTEGER NOT NULL,
    PRIMARY KEY (day, topic, area_id, camp_id)
) WITHOUT ROWID;
