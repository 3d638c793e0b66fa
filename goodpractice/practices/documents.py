"""Whose documents are whose, and which are public.

A document belongs to the organisations of the user who uploaded it; one uploaded by
an editor (or anyone with no organisation) belongs to the editors. Contributors and
jurors see and attach only their organisations' documents; editors see all.

A document is served to the public only while a live page uses it (the reference
index records the practices' attachments and rich-text links); until then only the
editors and its organisation may download it.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

from . import permissions


def visible_documents(user, queryset=None):
    queryset = get_document_model().objects.all() if queryset is None else queryset
    if not permissions.is_scoped(user):
        return queryset
    return queryset.filter(
        Q(uploaded_by_user=user)
        | Q(uploaded_by_user__memberships__organisation__in=permissions.organisation_ids(user))
    ).distinct()


def may_use_document(user, document):
    return visible_documents(user).filter(pk=document.pk).exists()


def used_by_a_live_page(document):
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return Page.objects.filter(pk__in=[int(pk) for pk in page_ids], live=True).exists()


def may_download(user, document):
    if used_by_a_live_page(document):
        return True
    return user.is_authenticated and user.is_active and may_use_document(user, document)
