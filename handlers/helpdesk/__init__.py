"""Residents' cases, the staff side: the helpdesk and protection focal points."""
