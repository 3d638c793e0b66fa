"""Nomination attachments: sent with the public form, kept private, removed with the nomination."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from goodpractice.awards import privacy, services
from goodpractice.awards.attachments import store_attachments
from goodpractice.awards.models import Nomination, NominationAttachment
from tests import files

from .factories import at, make_juror, make_nomination, make_round, organisations, shifted_schedule
from .test_public import form_data, nominate_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean():
    cache.clear()


@pytest.fixture
def open_round():
    return make_round(schedule=shifted_schedule(timezone.localdate(), "nomination"))


def stored_files(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


def test_files_are_stored_privately_with_the_nomination(client, open_round, private_files):
    orgs = organisations()
    data = form_data(orgs["imatra"], attachments=[files.pdf(), files.png(), files.jpeg()])
    response = client.post(nominate_url(), data)
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    attachments = list(nomination.attachments.all())
    assert [(a.original_name, a.content_type) for a in attachments] == [
        ("kuvaus.pdf", "application/pdf"),
        ("kuva.png", "image/png"),
        ("valokuva.jpg", "image/jpeg"),
    ]
    # Outside the public media folder, under random names, with no URL of their own.
    on_disk = stored_files(private_files)
    assert len(on_disk) == 3
    assert not settings.PRIVATE_MEDIA_ROOT.is_relative_to(settings.MEDIA_ROOT)
    assert all("kuva" not in path.name for path in on_disk)
    assert attachments[0].file.read() == files.PDF
    assert "LT-2026-0001" in mail.outbox[0].subject


def test_the_form_is_multipart_and_names_the_limits(client, open_round, settings):
    settings.AWARDS_ATTACHMENT_MAX_COUNT = 5
    settings.AWARDS_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    organisations()
    content = client.get(nominate_url()).content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert 'type="file"' in content and "multiple" in content
    assert "enintään 5 tiedostoa" in content
    assert "kukin enintään 10,0\xa0MB" in content


def test_a_disguised_file_is_refused_and_the_answers_kept(client, open_round, private_files):
    orgs = organisations()
    data = form_data(
        orgs["imatra"], attachments=[files.pdf(), files.upload("liite.pdf", files.HTML)]
    )
    response = client.post(nominate_url("en"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "The content of “liite.pdf” is not PDF" in content
    assert "choose them again" in content
    # The typed answers are still in the form.
    assert 'value="Hyvinvointineuvola"' in content
    assert "Tuki neuvolasta alkaen." in content
    assert not Nomination.objects.exists()
    assert stored_files(private_files) == []
    assert not mail.outbox


def test_a_huge_upload_is_refused_and_nothing_stored(client, open_round, private_files, settings):
    settings.AWARDS_ATTACHMENT_MAX_BYTES = 1024 * 1024
    orgs = organisations()
    huge = files.upload("esitys.pdf", files.PDF + b"0" * (3 * 1024 * 1024))
    response = client.post(nominate_url("en"), form_data(orgs["imatra"], attachments=[huge]))
    assert response.status_code == 200
    assert (
        "“esitys.pdf” is too large (3.0\xa0MB). The largest allowed size is 1.0\xa0MB."
        in response.content.decode()
    )
    assert not Nomination.objects.exists()
    assert not NominationAttachment.objects.exists()
    assert stored_files(private_files) == []


def test_too_many_files_are_refused(client, open_round, settings):
    settings.AWARDS_ATTACHMENT_MAX_COUNT = 2
    orgs = organisations()
    data = form_data(orgs["imatra"], attachments=[files.pdf(), files.png(), files.jpeg()])
    response = client.post(nominate_url("en"), data)
    assert "Attach at most 2 files." in response.content.decode()
    assert not Nomination.objects.exists()


def test_the_service_checks_files_for_every_entry_point(open_round, private_files):
    orgs = organisations()
    from django.core.exceptions import ValidationError

    from .factories import nomination_fields

    with pytest.raises(ValidationError):
        services.submit_nomination(
            open_round,
            attachments=[files.upload("kuva.png", files.broken_png())],
            **nomination_fields(orgs["imatra"]),
        )
    assert not Nomination.objects.exists()
    assert stored_files(private_files) == []


def test_attachments_are_never_public(client, open_round, private_files):
    orgs = organisations()
    client.post(nominate_url(), form_data(orgs["imatra"], attachments=[files.pdf()]))
    attachment = NominationAttachment.objects.get()
    with pytest.raises(ValueError):
        # The private storage has no base URL: it cannot even build a public link.
        attachment.file.storage.url(attachment.file.name)
    client.logout()
    with translation.override("fi"):
        pages = [reverse("awards_index"), reverse("awards_round", args=[2026])]
    for url in [*pages, reverse("awards_api")]:
        assert "kuvaus.pdf" not in client.get(url, follow=True).content.decode()
    assert client.get(attachment.get_download_url()).status_code == 302  # to sign-in


def test_deleting_a_nomination_removes_its_files(open_round, private_files):
    orgs = organisations()
    nomination = make_nomination(open_round, orgs["imatra"], now=timezone.now())
    store_attachments(nomination, [files.pdf(), files.png()])
    assert len(stored_files(private_files)) == 2
    nomination.delete()
    assert stored_files(private_files) == []


def test_removing_contacts_keeps_the_attachments(private_files):
    # They describe the achievement, not the nominator; the jury's record needs them.
    orgs = organisations()
    round_ = make_round(2024, schedule=shifted_schedule(timezone.localdate(), "nomination"))
    nomination = make_nomination(round_, orgs["imatra"], now=timezone.now())
    store_attachments(nomination, [files.pdf()])
    round_.announcement_date = timezone.localdate().replace(year=2020)
    round_.save(update_fields=["announcement_date"])
    report = privacy.purge_nominator_contacts()
    assert report.nominations == 1
    nomination.refresh_from_db()
    assert nomination.nominator_email == ""
    assert nomination.attachments.count() == 1
    assert len(stored_files(private_files)) == 1


def test_jurors_and_the_secretariat_see_the_attachments(client, private_files):
    orgs = organisations()
    schedule = shifted_schedule(timezone.localdate(), "scoring")
    round_ = make_round(schedule=schedule)
    juror = make_juror(round_, organisation=orgs["oulu"])
    nomination = make_nomination(round_, orgs["imatra"], now=at(schedule["nominations_open"]))
    store_attachments(nomination, [files.pdf()])
    attachment = nomination.attachments.get()
    client.force_login(juror.user)
    page = client.get(reverse("awards_jury:nomination", args=[round_.pk, nomination.pk]))
    assert attachment.get_download_url() in page.content.decode()
    response = client.get(attachment.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="kuvaus.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == files.PDF

    from .factories import in_group

    client.force_login(in_group("Secretariat"))
    edit = client.get(reverse("wagtailsnippets_awards_nomination:edit", args=[nomination.pk]))
    assert attachment.get_download_url() in edit.content.decode()
    assert "kuvaus.pdf" in edit.content.decode()
