"""Where a practice has spread: the adoptions section of the practice page."""

from django import template
from django.urls import reverse

from .. import adoptions
from ..adoption_views import SESSION_KEY
from ..models import original_practice

register = template.Library()


def _saved_notice(request, page):
    """The outcome of the reader's own registration, shown once after the redirect."""
    saved = getattr(request, "session", {}).get(SESSION_KEY)
    if not saved or saved.get("translation_key") != str(page.translation_key):
        return None
    request.session.pop(SESSION_KEY)
    return saved


@register.simple_tag(takes_context=True)
def practice_spread(context, page):
    """{adoptions, count, show_contacts, can_register, form_url, saved} for a practice."""
    request = context.get("request")
    user = getattr(request, "user", None)
    listed = list(adoptions.adoptions_of(page))
    signed_in = bool(user and user.is_authenticated)
    # The preview of a practice not yet saved has nothing to adopt.
    saved_page = page.pk is not None
    can_register = False
    if signed_in and saved_page:
        own = original_practice(page).organisations.values("pk")
        can_register = adoptions.member_organisations(user).exclude(pk__in=own).exists()
    saved = _saved_notice(request, page) if request is not None else None
    if saved:
        saved["organisation"] = next(
            (a.organisation for a in listed if a.organisation_id == saved["organisation"]), None
        )
    return {
        "adoptions": listed,
        "count": len(listed),
        "show_contacts": bool(listed) and signed_in and adoptions.may_see_contacts(user, page),
        "signed_in": signed_in,
        "can_register": can_register,
        "form_url": reverse("practice_adopt", args=(page.pk,)) if saved_page else None,
        "saved": saved,
    }


@register.filter
def region_map_label(region):
    """ "Region: 2 practices, 1 adoption": the name and tooltip of a region on the map."""
    from django.utils.translation import ngettext

    practices = ngettext("%(count)d practice", "%(count)d practices", region.practice_count) % {
        "count": region.practice_count
    }
    adopted = getattr(region, "adoption_count", 0)
    if not adopted:
        return f"{region.name}: {practices}"
    adoptions_text = ngettext("%(count)d adoption", "%(count)d adoptions", adopted) % {
        "count": adopted
    }
    return f"{region.name}: {practices}, {adoptions_text}"
