"""A whole prize round in Chromium: nomination, screening, scoring, decision, announcement.

The round's dates are moved in the database between the phases instead of waiting.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from goodpractice.awards import services
from goodpractice.awards.models import JuryMember, Nomination, Role, Round
from goodpractice.organisations.models import Organisation
from tests import files
from tests.awards.factories import make_user, shifted_schedule
from tests.browser.conftest import assert_accessible
from tests.factories import make_practice

pytestmark = pytest.mark.browser

PASSWORD = "pw-for-tests-only"
RATIONALE_FI = "Koulun ja sosiaalityön yhteinen tuki piti sijoitetut lapset koulussa."
RATIONALE_SV = "Skolans och socialarbetets gemensamma stöd höll placerade barn kvar i skolan."


def move_round_to(round_, phase):
    """Time control: put today in the given phase of the round."""
    Round.objects.filter(pk=round_.pk).update(
        **shifted_schedule(timezone.localdate(), phase), announcement_published=False
    )


@pytest.fixture
def prize(live_site, tmp_path):
    imatra = Organisation.objects.lookup("153")
    year = timezone.localdate().year
    round_ = services.create_round(
        year=year, **shifted_schedule(timezone.localdate(), "nomination")
    )
    practice = make_practice(title="Sisukas – koulunkäynnin tuki", organisations=("153",))

    def member(username, role=Role.JUROR, organisation=None):
        user = make_user(username, first_name=username.capitalize(), last_name="Tuomari")
        user.groups.add(Group.objects.get(name="Jury"))
        return JuryMember.objects.create(
            round=round_, user=user, role=role, organisation=organisation
        )

    jury = {
        "chair": member("puheenjohtaja", Role.CHAIR),
        "aino": member("aino"),
        "bertta": member("bertta"),
        # Works for Imatra's wellbeing services county: automatically conflicted.
        "kalle": member("kalle", organisation=imatra.region),
        # Left out of this nomination by the secretariat.
        "varajasen": member("varajasen"),
    }
    editor = make_user("sihteeri")
    editor.groups.add(Group.objects.get(name="Secretariat"))
    attachment = tmp_path / "kuvaus.pdf"
    attachment.write_bytes(files.PDF)
    return {
        "url": live_site.url,
        "round": round_,
        "nominee": imatra,
        "practice": practice,
        "jury": jury,
        "editor": editor,
        "attachment": attachment,
    }


@pytest.fixture
def sign_in(browser, prize):
    """Open a browser of a user's own, signed in to the admin; all closed after the test."""
    contexts = []

    def open_for(user):
        context = browser.new_context(locale="fi-FI")
        contexts.append(context)
        return signed_in(context.new_page(), prize, user)

    yield open_for
    for context in contexts:
        context.close()


def signed_in(page, prize, user):
    page.goto(f"{prize['url']}{reverse('wagtailadmin_login')}")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{prize['url']}{reverse('wagtailadmin_home')}")
    return page


def nominate(page, prize):
    with translation.override("fi"):
        url = reverse("awards_nominate")
    page.goto(f"{prize['url']}{url}")
    assert_accessible(page)
    nominee = page.get_by_role("combobox", name="Ehdotettu organisaatio")
    nominee.select_option(str(prize["nominee"].pk))
    page.get_by_label("Teon nimi").fill("Sisukas-malli Imatralla")
    # Labels end with a colon.
    page.get_by_label(re.compile("^Mitä tehtiin")).fill("Koulu ja sosiaalityö tukevat yhdessä.")
    page.get_by_label(re.compile("^Kenelle")).fill("Sijaishuollossa olevat koululaiset")
    page.get_by_label(re.compile("^Tulokset")).fill("Koulu jatkui keskeytyksittä.")
    practice = page.get_by_role("combobox", name="Käytäntö tietopankissa")
    practice.select_option(str(prize["practice"].pk))
    page.get_by_label("Liitetiedostot").set_input_files(str(prize["attachment"]))
    page.get_by_label("Ehdottajan nimi").fill("Nina Nimeäjä")
    page.get_by_label("Ehdottajan sähköposti").fill("nina@example.invalid")
    page.get_by_label("Teon kuvauksen saa julkaista tällä sivustolla.").check()
    page.get_by_role("button", name="Lähetä ehdotus").click()
    page.wait_for_selector("h1:has-text('Kiitos ehdotuksestasi')")
    return page.locator("main strong").inner_text()


def screen(page, prize, nomination):
    url = reverse("wagtailsnippets_awards_nomination:edit", args=[nomination.pk])
    page.goto(f"{prize['url']}{url}")
    assert page.get_by_role("link", name="kuvaus.pdf").is_visible()
    page.get_by_role("combobox", name="Seulonta").select_option("eligible")
    # Every member is ticked by default; the reserve member is left out of this one.
    assert page.get_by_label("Aino Tuomari (Tuomari)").is_checked()
    page.get_by_label("Varajasen Tuomari (Tuomari)").uncheck()
    page.get_by_role("button", name="Tallenna", exact=True).click()
    page.wait_for_url(re.compile(r".*/snippets/awards/nomination/(\?.*)?$"))


def score(page, prize, nomination, value):
    url = reverse("awards_jury:nomination", args=[prize["round"].pk, nomination.pk])
    page.goto(f"{prize['url']}{url}")
    criteria = page.locator("fieldset.jury-criterion")
    for index in range(criteria.count()):
        criteria.nth(index).get_by_label(str(value), exact=True).check()
    page.get_by_role("button", name="Lähetä pisteet").click()
    # Final, so confirmed after a summary.
    page.get_by_role("button", name="Vahvista ja lähetä").click()
    page.wait_for_selector("text=Pisteesi on lähetetty. Kiitos!")


def test_a_whole_round_from_nomination_to_the_winners_badge(page, prize, sign_in):
    round_, jury = prize["round"], prize["jury"]

    # 1. Anyone nominates, with a PDF attachment, and gets the reference number.
    reference = nominate(page, prize)
    assert reference == f"LT-{round_.year}-0001"
    nomination = Nomination.objects.get(reference=reference)
    assert nomination.attachments.get().original_name == "kuvaus.pdf"
    assert len(mail.outbox) == 1
    assert reference in mail.outbox[0].subject
    assert mail.outbox[0].to == ["nina@example.invalid"]

    # 2. Nominations close; the secretariat screens it eligible and assigns the jurors.
    move_round_to(round_, "screening")
    screen(sign_in(prize["editor"]), prize, nomination)
    nomination.refresh_from_db()
    assert nomination.is_eligible
    assert set(nomination.assigned_members.all()) == {
        jury[name] for name in ("chair", "aino", "bertta", "kalle")
    }

    # 3. Scoring: three jurors score; the conflicted one can neither read nor score it.
    move_round_to(round_, "scoring")
    for name, value in (("aino", 5), ("bertta", 4), ("chair", 5)):
        score(sign_in(jury[name].user), prize, nomination, value)
    kalle = sign_in(jury["kalle"].user)
    kalle.goto(
        f"{prize['url']}{reverse('awards_jury:nomination', args=[round_.pk, nomination.pk])}"
    )
    assert kalle.get_by_role("heading", name="Esteellisyys").is_visible()
    assert kalle.locator("fieldset.jury-criterion").count() == 0
    assert kalle.get_by_role("link", name="kuvaus.pdf").count() == 0
    reserve = sign_in(jury["varajasen"].user)
    reserve.goto(f"{prize['url']}{reverse('awards_jury:round', args=[round_.pk])}")
    assert "Sisukas-malli Imatralla" not in reserve.content()

    # 4. Scoring closes; the chair reads the ranking and records the decision.
    move_round_to(round_, "deliberation")
    chair = sign_in(jury["chair"].user)
    chair.goto(f"{prize['url']}{reverse('awards_jury:results', args=[round_.pk])}")
    ranking = chair.locator("table").filter(has_text="Sisukas-malli Imatralla").first
    assert ranking.is_visible()
    assert "Pisteitä puuttuu" not in ranking.inner_text()
    chair.goto(f"{prize['url']}{reverse('awards_jury:decision', args=[round_.pk])}")
    chair.get_by_role("radio", name=re.compile("Sisukas-malli Imatralla")).check()
    chair.get_by_label("Perustelut suomeksi").fill(RATIONALE_FI)
    chair.get_by_label("Perustelut ruotsiksi").fill(RATIONALE_SV)
    chair.get_by_role("button", name="Kirjaa päätös").click()
    chair.wait_for_selector("text=Päätös on kirjattu.")

    # 5. The announcement date comes and the daily job carries the announcement out.
    Round.objects.filter(pk=round_.pk).update(announcement_date=timezone.localdate())
    call_command("announce_due_rounds")
    with translation.override("fi"):
        round_url = reverse("awards_round", args=[round_.year])
    page.goto(f"{prize['url']}{round_url}")
    winner = page.locator(".prize-winner")
    assert "Sisukas-malli Imatralla" in winner.inner_text()
    assert RATIONALE_FI in winner.inner_text()
    assert "kuvaus.pdf" not in page.content()
    assert_accessible(page)

    winner.get_by_role("link", name="Sisukas-malli Imatralla").click()
    page.wait_for_url(f"{prize['url']}{prize['practice'].url}")
    badge = page.locator(".prize-badge")
    assert badge.inner_text().strip() == f"Kunnallinen lastensuojeluteko {round_.year}"
