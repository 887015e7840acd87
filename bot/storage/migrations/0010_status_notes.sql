-- Status notes per language: a JSON object language -> text ({"ar": "…", "en": "…"}), like
-- announcements' texts, so a resident reads the note in their language when an operator or
-- a partner file gave one, and a labelled note in another language otherwise.
--
-- The key "und" (BCP 47: undetermined) holds a note whose language nobody stated: the old
-- single `note`/`#description` import column and a feed's plain `#description`. It is shown
-- as before, labelled with the language its letters suggest (bot/safety/notes.py).
--
-- Existing notes move under "und", not under a guessed language: their language was never
-- stated, the guess from letters is made again (by the same code) each time one is shown,
-- so every reader sees exactly what they saw before; and an export writes them back to the
-- plain `note` column, so export -> import gives them back unchanged. A guess written into
-- the data would instead pass for a statement (a Kurmanji note without ê î û ç ş would be
-- stored as English for good).
--
-- The old `note` column stays as it was (a frozen copy: nothing reads or writes it any
-- more), so going back to an older release loses no note; dropping it gains nothing.
ALTER TABLE area_status_history ADD COLUMN notes TEXT CHECK (notes IS NULL OR json_valid(notes));
ALTER TABLE status_proposals ADD COLUMN notes TEXT CHECK (notes IS NULL OR json_valid(notes));

UPDATE area_status_history SET notes = json_object('und', note)
    WHERE note IS NOT NULL AND trim(note) <> '';
UPDATE status_proposals SET notes = json_object('und', note)
    WHERE note IS NOT NULL AND trim(note) <> '';
