"""Signals the prize app sends to the rest of the site."""

from django.dispatch import Signal

# A round's winners became public. Arguments: round, translation_keys (of the winning
# practices), so the search layer can reindex every language version of them.
prize_winners_changed = Signal()
