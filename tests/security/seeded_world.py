"""One dataset full of secrets: per organisation, per juror and per nominator.

Each secret is a distinct string with the roles allowed to see it; the leak guard asks
every admin URL as every role and looks for the others' secrets in the answers.
"""

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Revision, TaskState, WorkflowState

from goodpractice.awards import services
from goodpractice.awards.models import Role
from goodpractice.organisations.models import Membership, Organisation
from goodpractice.practices.models import PracticePage
from goodpractice.practices.models.practice import PracticeDocument
from tests.awards.factories import (
    at,
    make_juror,
    make_nomination,
    make_round,
    organisations,
    shifted_schedule,
)
from tests.factories import make_practice, make_user

TURKU, HELSINKI = "853", "091"
ROLES = (
    "contributor_a",
    "contributor_b",
    "org_admin_a",
    "juror",
    "panel",
    "chair",
    "secretariat",
    "editor",
)
EDITORS = {"editor"}
JURY_DONE = {"panel", "chair", "secretariat"}  # those who may read submitted scores


def organisation_secrets(tag, code, members):
    """Secrets of one organisation's unpublished practice, its document and contact."""
    allowed = set(members) | EDITORS
    words = {
        "title": f"Salainen luonnos {tag}otsikko",
        "summary": f"Salainen {tag}tiivistelma",
        "keyword": f"salainen{tag}avainsana",
        "document": f"Salainen {tag}liite",
        "email": f"salainen.{tag}@yhteys.example",
        "phone": f"+358 40 {ord(tag)} 3456",
    }
    user = make_user(username=f"leak-author-{tag}")
    page = make_practice(
        title=words["title"],
        organisations=(code,),
        publish=False,
        summary=words["summary"],
        keywords=(words["keyword"],),
        contact_name="Yhteyshenkilö",
        contact_email=words["email"],
        contact_phone=words["phone"],
    )
    document = get_document_model().objects.create(
        title=words["document"], file=ContentFile(b"%PDF-1.4 secret", name=f"{tag}.pdf")
    )
    PracticeDocument.objects.create(page=page, document=document)
    revision = page.save_revision(user=user)
    # In moderation: a workflow state and task state exist for the page.
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    return page, document, revision, dict.fromkeys(words.values(), allowed)


def seed():
    secrets = {}
    ids = {}
    orgs_ = {code: Organisation.objects.lookup(code) for code in (TURKU, HELSINKI)}
    users = {
        role: make_user(username=f"leak-{role}", groups=(group,))
        for role, group in (
            ("contributor_a", "Contributors"),
            ("contributor_b", "Contributors"),
            ("org_admin_a", "Contributors"),
            ("editor", "Editors"),
            ("secretariat", "Secretariat"),
        )
    }
    Membership.objects.create(user=users["contributor_a"], organisation=orgs_[TURKU])
    Membership.objects.create(user=users["contributor_b"], organisation=orgs_[HELSINKI])
    Membership.objects.create(user=users["org_admin_a"], organisation=orgs_[TURKU], role="admin")
    for tag, code, members in (
        ("a", TURKU, ("contributor_a", "org_admin_a")),
        ("b", HELSINKI, ("contributor_b",)),
    ):
        page, document, revision, found = organisation_secrets(tag, code, members)
        secrets.update(found)
        ids.setdefault("pages", []).append(page.pk)
        ids.setdefault("documents", []).append(document.pk)
        ids.setdefault("revisions", []).append(revision.pk)
    live = make_practice(title="Julkinen perhekeskus", organisations=(TURKU,))
    ids["pages"].append(live.pk)

    today = timezone.localdate()
    schedule = shifted_schedule(today, "scoring")
    prize_orgs = organisations()
    round_ = make_round(today.year, schedule=schedule)
    opened = at(schedule["nominations_open"])
    nominations = {}
    for key, eligible in (("eligible", True), ("pending", None), ("ineligible", False)):
        nominator = f"nimeaja.{key}@salainen.example"
        nominations[key] = make_nomination(
            round_,
            prize_orgs["imatra"],
            eligible=eligible,
            now=opened,
            title=f"Ehdotus {key} salainen",
            nominator_name=f"Nimeaja Salainen{key.capitalize()}",
            nominator_email=nominator,
            nominator_phone=f"+358 50 {len(key)}00 0{len(key)}00",
        )
        secrets[nominator] = {"secretariat", "editor"}
        secrets[f"Nimeaja Salainen{key.capitalize()}"] = {"secretariat", "editor"}
    # Titles of nominations the jury never reads.
    for key in ("pending", "ineligible"):
        secrets[f"Ehdotus {key} salainen"] = {"secretariat"}
    members = {
        "juror": make_juror(round_),
        "juror2": make_juror(round_),
        "panel": make_juror(round_, role=Role.PANEL),
        "chair": make_juror(round_, role=Role.CHAIR),
    }
    for role in ("juror", "panel", "chair"):
        users[role] = members[role].user
    eligible = nominations["eligible"]
    scoring = at(today)
    criteria = list(round_.criteria.all())

    def score(member, comment, submit):
        services.save_scores(
            member, eligible, dict.fromkeys(criteria, (3, comment)), submit=submit, now=scoring
        )

    score(members["juror"], "Salainen luonnoskommentti tuomari", submit=False)
    secrets["Salainen luonnoskommentti tuomari"] = {"juror"}
    for role in ("juror2", "panel", "chair"):
        comment = f"Salainen perustelu {role}"
        score(members[role], comment, submit=True)
        secrets[comment] = (JURY_DONE | {role}) - {"juror"}

    ids["nominations"] = [n.pk for n in nominations.values()]
    ids["rounds"] = [round_.pk]
    ids["scores"] = list(eligible.scores.values_list("pk", flat=True)[:1])
    # Accounts others must not read: a colleague elsewhere and a fellow juror.
    ids["users"] = [users["contributor_b"].pk, members["juror2"].user.pk]
    page_ids = ids["pages"]
    revisions = Revision.objects.filter(object_id__in=[str(p) for p in page_ids[:2]])
    states = WorkflowState.objects.filter(base_content_type__isnull=False)
    ids["second"] = sorted(
        set(revisions.values_list("pk", flat=True))
        | set(states.values_list("pk", flat=True))
        | set(TaskState.objects.filter(workflow_state__in=states).values_list("pk", flat=True))
        | set(ids["nominations"])
    )
    first = set()
    for key in ("pages", "documents", "nominations", "rounds", "scores", "users"):
        first |= set(ids[key])
    ids["first"] = sorted(first)
    assert set(secrets) and PracticePage.objects.filter(pk__in=page_ids).count() == 3
    return {"users": users, "secrets": secrets, "ids": ids, "round": round_}


def visible_secrets(world, role):
    return {s for s, allowed in world["secrets"].items() if role in allowed}


def hidden_secrets(world, role):
    return {s for s, allowed in world["secrets"].items() if role not in allowed}
