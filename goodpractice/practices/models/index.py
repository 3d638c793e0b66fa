from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

PAGE_SIZE = 12


class PracticeIndexPage(Page):
    """The knowledge base: every practice, with filters and pagination."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["practices.PracticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("practice index")

    def permissions_for_user(self, user):
        from ..permissions import PracticeIndexPermissionTester

        return PracticeIndexPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from search.listing import practice_page

        from ..filters import PracticeFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = PracticeFilterForm(request.GET or None)
        page = practice_page(
            form.active_filters(), request.GET.get("sort"), request.GET.get("page"), PAGE_SIZE
        )
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=form,
            practices=page,
            result_count=page.paginator.count,
            query_string=query.urlencode(),
        )
        return context
