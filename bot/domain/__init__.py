"""The vocabularies and records every part of Daleel shares, each defined once.

Languages, safety statuses, service categories, area levels, distribution statuses, roles,
announcement priorities and audiences, and the plain records (``Texts``, areas, camps,
services, distributions) that importing produces, storage writes and handlers show. Nothing
here touches a database, a file or Telegram, and nothing here imports another part of the
bot: every other package may import from here, so none needs to import another just for a
word list. The SQL CHECK constraints in the migrations are history and keep their own copy;
``tests/unit/test_domain.py`` checks that they agree with these.
"""
