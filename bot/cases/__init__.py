"""Cases: a resident reaching a person (pure rules, no Telegram, no SQL).

A case number residents can read aloud and type (:mod:`.numbers`), what a case text may be
(:mod:`.limits`), how long its content is kept (:mod:`.retention`), what the resident is
always shown beside it (:mod:`.contacts`), and the aggregate figures staff may export
(:mod:`.export`). The SQL is :mod:`bot.storage.cases`; the vocabulary is
:mod:`bot.domain.cases`.
"""
