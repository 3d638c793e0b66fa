"""Test data builders. Practices are created through the same service as the importer."""

import itertools

from goodpractice.organisations.models import Organisation
from goodpractice.practices.models import EvidenceLevel, PracticePage, TargetGroup, Theme
from goodpractice.practices.services import save_practice

_counter = itertools.count(1)


def make_practice(
    *,
    title=None,
    language="fi",
    themes=("family-centre",),
    target_groups=(),
    organisations=("853",),
    evidence_level="described",
    publish=True,
    keywords=(),
    links=(),
    **fields,
):
    number = next(_counter)
    page = PracticePage(
        title=title or f"Käytäntö {number}",
        slug=fields.pop("slug", f"kaytanto-{number}"),
        summary=fields.pop("summary", "Lyhyt kuvaus käytännöstä."),
        description=fields.pop("description", "<p>Mitä tehdään, vaihe vaiheelta.</p>"),
        evidence_level=EvidenceLevel.objects.get(slug=evidence_level) if evidence_level else None,
        **fields,
    )
    return save_practice(
        page,
        language=language,
        themes=Theme.objects.filter(slug__in=themes),
        target_groups=TargetGroup.objects.filter(slug__in=target_groups),
        organisations=[Organisation.objects.lookup(ref) for ref in organisations],
        keywords=keywords,
        links=links,
        publish=publish,
    )


def make_user(*, groups=(), superuser=False, **fields):
    """A user who can sign in with the password "pw"."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    number = next(_counter)
    fields.setdefault("username", f"user{number}")
    fields.setdefault("email", f"user{number}@example.invalid")
    model = get_user_model()
    create = model.objects.create_superuser if superuser else model.objects.create_user
    user = create(password="pw", **fields)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def make_member(organisation, role="contributor", **fields):
    """A contributor (or organisation admin) of the organisation given by code or name."""
    from goodpractice.organisations.models import Membership

    if not isinstance(organisation, Organisation):
        organisation = Organisation.objects.lookup(organisation)
    user = make_user(groups=("Contributors",), **fields)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def make_adoption(practice, organisation, **fields):
    """An adoption of practice (any language version) by the organisation given by code."""
    import datetime

    from goodpractice.practices.adoptions import record_adoption

    if not isinstance(organisation, Organisation):
        organisation = Organisation.objects.lookup(organisation)
    fields.setdefault("adopted_on", datetime.date(2024, 5, 2))
    fields.setdefault("changes", "Toteutettu pienemmällä tiimillä.")
    fields.setdefault("contact_name", "Kaisa Käyttöönottaja")
    fields.setdefault("contact_email", f"kaisa@{organisation.slug}.example")
    adoption, _created = record_adoption(practice, organisation, **fields)
    return adoption
