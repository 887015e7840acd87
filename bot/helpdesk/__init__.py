"""The staff side of residents' cases that is not Telegram: when a case is overdue, when
the reminders and the weekly digest run."""
