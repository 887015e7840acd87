-- What a distribution round gives out. Rounds imported before kinds existed were food.
ALTER TABLE distributions ADD COLUMN kind TEXT NOT NULL DEFAULT 'food'
    CHECK (kind IN ('food', 'kerosene', 'hygiene', 'cash'));
