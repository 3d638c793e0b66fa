"""Template helpers that show the prize elsewhere on the site: badges and the latest winner."""

from django import template

from ..winners import latest_decision, practice_in_language, prize_rounds_for

register = template.Library()


@register.simple_tag
def prize_wins(page):
    """The announced rounds this practice won, newest first."""
    if page is None or not getattr(page, "translation_key", None):
        return []
    return prize_rounds_for(page)


@register.simple_tag
def latest_prize_winner():
    """{round, winner, practice} of the latest announced round, or None."""
    decision = latest_decision()
    if decision is None:
        return None
    return {
        "round": decision.round,
        "winner": decision.winner,
        "practice": practice_in_language(decision.winner.practice),
    }


@register.simple_tag
def open_prize_round():
    """The round that accepts nominations today, for the home page's call to nominate."""
    from goodpractice.awards.views import open_round

    return open_round()
