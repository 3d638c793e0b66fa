"""Who may see and edit which practices in the admin.

Contributors get page permissions on the practice indexes (see the Contributors group),
which Wagtail would apply to every practice below them. The functions here narrow that
to the practices of the user's own organisations: the permission tester of a practice,
the page permission policy (explorer, admin search, reports, history) and the practice
form all use them. Users with the "work on all practices" permission (editors,
superusers) are not narrowed.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

ALL_PRACTICES_PERMISSION = "organisations.work_on_all_practices"
CONTRIBUTORS = "Contributors"
CONTRIBUTOR_PAGE_PERMISSIONS = ("add_page", "change_page")
_CACHE = "_practice_organisation_ids"


def is_scoped(user):
    """True for signed-in users who may work only on their own organisations' practices."""
    return bool(
        user.is_authenticated and user.is_active and not user.has_perm(ALL_PRACTICES_PERMISSION)
    )


def organisation_ids(user):
    """Ids of the organisations the user belongs to, cached on the user for the request."""
    if not hasattr(user, _CACHE):
        from goodpractice.organisations.models import Membership

        ids = Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
        setattr(user, _CACHE, set(ids))
    return getattr(user, _CACHE)


def own_practices(user):
    """The original (not alias) practices of the user's organisations."""
    from .models import PracticePage

    return PracticePage.objects.filter(
        alias_of__isnull=True, organisations__in=organisation_ids(user)
    ).distinct()


def hidden_practices(user):
    """Practice pages a scoped user may not see in the admin: others', and all aliases."""
    from .models import PracticePage

    return PracticePage.objects.exclude(pk__in=own_practices(user).values("pk"))


def without_hidden_practices(user, pages):
    """Narrow a page queryset to what the user may see."""
    if not is_scoped(user):
        return pages
    return pages.exclude(pk__in=hidden_practices(user).values("pk"))


def may_work_on(user, page):
    """May the user edit (or see the drafts and revisions of) this practice page?"""
    from .models import PracticePage

    if not is_scoped(user) or page.pk is None:
        return True
    if not issubclass(page.specific_class or type(page), PracticePage):
        return True
    if page.alias_of_id:
        # An alias follows its original; it is edited through the original only.
        return False
    return own_practices(user).filter(pk=page.pk).exists()


def may_choose_organisation(user, organisation_ids_chosen):
    """A scoped user's practice must belong to at least one of their organisations."""
    return not is_scoped(user) or bool(set(organisation_ids_chosen) & organisation_ids(user))


class PracticePermissionTester(PagePermissionTester):
    """Page permissions of a practice, with nothing left outside the user's organisations."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if not may_work_on(user, page):
            self.permissions = set()


class PracticeIndexPermissionTester(PagePermissionTester):
    """Contributors add practices under an index but do not edit the index page itself."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if is_scoped(user) and hasattr(self, "permissions"):
            self.permissions = self.permissions - {"change"}


class OrganisationScopedPagePolicy(PagePermissionPolicy):
    """Wagtail's page policy, without other organisations' practices for contributors."""

    def instances_user_has_any_permission_for(self, user, actions):
        return without_hidden_practices(
            user, super().instances_user_has_any_permission_for(user, actions)
        )

    def explorable_instances(self, user):
        return without_hidden_practices(user, super().explorable_instances(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return may_work_on(user, instance) and super().user_has_any_permission_for_instance(
            user, actions, instance
        )


def grant_contributor_page_permissions(pages):
    """Give the Contributors group its page permissions on the given practice indexes."""
    group = Group.objects.filter(name=CONTRIBUTORS).first()
    if group is None:
        return
    for page in pages:
        for codename in CONTRIBUTOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission__codename=codename,
                defaults={
                    "permission": Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    )
                },
            )


def visible_keywords(user, tags):
    """Keywords a scoped user may be offered: those of live practices and of their own.

    Another organisation's draft keywords are its unpublished work."""
    if not is_scoped(user):
        return tags
    from django.db.models import Q

    from .models import PracticeKeyword

    used = PracticeKeyword.objects.filter(
        Q(content_object__live=True) | Q(content_object__in=own_practices(user))
    ).values("tag_id")
    return tags.filter(pk__in=used)
