-- Spellings residents type for places, counted so operators can accept the frequent ones
-- as aliases. Never who: no chat id, no message text, only the folded words of the place
-- name and a count. area_id 0: typed and not found; otherwise the place the resident
-- picked from "Did you mean".
CREATE TABLE place_spellings (
    spelling    TEXT    NOT NULL CHECK (length(spelling) BETWEEN 1 AND 64),
    area_id     INTEGER NOT NULL DEFAULT 0,
    count       INTEGER NOT NULL DEFAULT 1,
    last_day    TEXT    NOT NULL,                  -- UTC date of the last count
    PRIMARY KEY (spelling, area_id)
) WITHOUT ROWID;
CREATE INDEX place_spellings_by_count ON place_spellings (count DESC);

-- A "Did you mean" message keeps the spelling it was offered for here, under a random
-- token its buttons carry (callback data cannot hold Arabic text); no chat id.
CREATE TABLE place_spelling_offers (
    token       TEXT    PRIMARY KEY,
    spelling    TEXT    NOT NULL CHECK (length(spelling) BETWEEN 1 AND 64),
    created_day TEXT    NOT NULL                   -- UTC date; old offers are dropped
) WITHOUT ROWID;
