from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page

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
        from search.listing import engine_practice_list

        from ..filters import PracticeFilterForm, apply_filters
        from ..queries import public_practices

        context = super().get_context(request, *args, **kwargs)
        form = PracticeFilterForm(request.GET or None)
        ordering = request.GET.get("sort")
        # The search engine filters when it is available; the database otherwise.
        practices = engine_practice_list(
            public_practices(),
            form.active_filters(),
            ordering,
            Locale.get_active().language_code,
            request.GET.get("page"),
            PAGE_SIZE,
        )
        if practices is None:
            practices = apply_filters(public_practices(), form.active_filters())
            practices = practices.order_by(
                "title" if ordering == "title" else "-first_published_on", "pk"
            )
        page = Paginator(practices, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=form,
            practices=page,
            result_count=page.paginator.count,
            query_string=query.urlencode(),
        )
        return context
