"""Status feeds: partners' HXL exports polled on a schedule, each change a proposal.

- :mod:`bot.feeds.parse` reads a feed (pure; reuses the importer's statuses parser);
- :mod:`bot.feeds.fetch` gets it over HTTP (conditional, bounded in time and size);
- :mod:`bot.feeds.poll` turns a poll into proposals, a stored outcome, an audit entry
  and reports to operators (:mod:`bot.feeds.report`, :mod:`bot.feeds.outcome`).
"""
