"""Adoptions: organisations telling that they use a published practice too.

A signed-in member of an organisation registers the adoption from the practice page;
the practice page lists where it has spread, the map counts adoptions by region, and the
practice's own people (its organisations' members and the page owner) get an e-mail in
their own language. One adoption per practice and organisation: registering again
updates it.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goodpractice.i18n import user_language
from goodpractice.organisations.models import Membership, Organisation
from goodpractice.site_url import absolute_url

from .models import Adoption, PracticePage, original_practice
from .permissions import ALL_PRACTICES_PERMISSION

logger = logging.getLogger(__name__)

NOT_PUBLISHED_MESSAGE = gettext_lazy("Only published practices can be adopted.")
NOT_A_MEMBER_MESSAGE = gettext_lazy(
    "You can register adoptions only for organisations you belong to."
)


def member_organisations(user):
    """The organisations the user belongs to, in alphabetical order."""
    if not (user.is_authenticated and user.is_active):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).distinct().order_by("name_fi")


def is_adoptable(page):
    return PracticePage.objects.live().public().filter(pk=page.pk).exists()


def may_see_contacts(user, page):
    """Adopters' contacts are for the practice's own organisations and for editors."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.has_perm(ALL_PRACTICES_PERMISSION):
        return True
    practice = original_practice(page)
    return Membership.objects.filter(
        user=user, organisation__in=practice.organisations.all()
    ).exists()


def adoptions_of(page):
    """Adoptions of a practice in any language version, newest adoption first."""
    return (
        Adoption.objects.of_practice(page)
        .select_related("organisation__region")
        .order_by("-adopted_on", "pk")
    )


def adopted_by(organisation):
    """What the organisation (for a region: also its members) has adopted from others:
    [(practice page in the reader's language site, adoption)], newest adoption first."""
    from .queries import public_practices

    adoptions = Adoption.objects.public().select_related("organisation", "practice")
    if organisation.is_region:
        adoptions = adoptions.filter(organisation__region=organisation)
    else:
        adoptions = adoptions.filter(organisation=organisation)
    adoptions = list(adoptions.order_by("-adopted_on", "pk"))
    pages = {
        page.translation_key: page
        for page in public_practices().filter(
            translation_key__in=[a.practice.translation_key for a in adoptions]
        )
    }
    return [
        (pages[a.practice.translation_key], a)
        for a in adoptions
        if a.practice.translation_key in pages
    ]


def region_adoption_counts():
    """{region id: adoptions of published practices by organisations in that region}."""
    rows = (
        Adoption.objects.public()
        .filter(organisation__region__isnull=False)
        .values("organisation__region")
        .annotate(count=Count("pk"))
    )
    return {row["organisation__region"]: row["count"] for row in rows}


def public_adoption_total():
    return Adoption.objects.public().count()


def register_adoption(
    *,
    user,
    practice,
    organisation,
    adopted_on,
    changes="",
    contact_name,
    contact_email,
    contact_phone="",
    language=None,
    notify=True,
):
    """Record that organisation uses practice (any language version of it).

    Returns (adoption, created). A second registration by the same organisation updates
    the first. The practice's people are e-mailed about a new adoption only.
    """
    if not member_organisations(user).filter(pk=organisation.pk).exists():
        raise PermissionDenied(NOT_A_MEMBER_MESSAGE)
    if not is_adoptable(practice):
        raise ValidationError(NOT_PUBLISHED_MESSAGE, code="not_published")
    adoption, created = record_adoption(
        practice,
        organisation,
        user=user,
        adopted_on=adopted_on,
        changes=changes,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        language=language,
    )
    if created and notify:
        notify_authors(adoption, actor=user)
    return adoption, created


@transaction.atomic
def record_adoption(practice, organisation, *, user=None, language=None, **fields):
    """Create or update the adoption of practice (any version) by organisation, validated.

    The one write path for the site's form and the demo data. Returns (adoption, created).
    """
    original = original_practice(practice)
    fields["language"] = language or original.language
    adoption = (
        Adoption.objects.select_for_update()
        .filter(practice=original, organisation=organisation)
        .first()
    )
    created = adoption is None
    if created:
        adoption = Adoption(practice=original, organisation=organisation, created_by=user)
    for name, value in fields.items():
        setattr(adoption, name, value)
    adoption.full_clean()
    adoption.save()
    return adoption, created


def practice_version(practice, language):
    """The practice's page in a language's site (translation or alias), else itself."""
    version = (
        PracticePage.objects.live()
        .filter(translation_key=practice.translation_key, locale__language_code=language)
        .first()
    )
    return version or practice


def author_recipients(practice):
    """The practice's people: its organisations' members and the page's owner."""
    from django.contrib.auth import get_user_model

    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(memberships__organisation__in=practice.organisations.all())
    )
    ids = set(users.values_list("pk", flat=True))
    if practice.owner_id and practice.owner.is_active and practice.owner.email:
        ids.add(practice.owner_id)
    return list(
        get_user_model()
        .objects.filter(pk__in=ids)
        .select_related("wagtail_userprofile")
        .order_by("pk")
    )


def notify_authors(adoption, actor=None):
    """E-mail the practice's people that another organisation adopted it. Returns the
    number of e-mails sent."""
    practice = adoption.practice
    sent = 0
    for user in author_recipients(practice):
        if actor is not None and user.pk == actor.pk:
            continue
        language = user_language(user)
        version = practice_version(practice, language)
        with translation.override(language):
            context = {
                "user": user,
                "adoption": adoption,
                "organisation": adoption.organisation.name,
                "practice_title": version.title,
                "practice_url": absolute_url(version.get_url()),
                "site_name": settings.WAGTAIL_SITE_NAME,
            }
            subject = _("%(organisation)s uses your practice too") % {
                "organisation": adoption.organisation.name
            }
            body = render_to_string("practices/email/adoption_registered.txt", context)
        try:
            send_mail(subject, body.strip(), settings.DEFAULT_FROM_EMAIL, [user.email])
        except Exception:
            # One bad address must not keep the news from the others.
            logger.exception("Adoption notice to %s failed", user.email)
            continue
        sent += 1
    return sent
