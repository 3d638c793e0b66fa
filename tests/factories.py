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
