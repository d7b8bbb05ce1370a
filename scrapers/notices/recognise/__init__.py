"""Recognisers: the facts of a notice (document number, title, dates, platforms, contacts) from its text."""
