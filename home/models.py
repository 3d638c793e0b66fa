from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from goodpractice.practices.models import PracticeIndexPage
        from goodpractice.practices.queries import newest, public_practices

        context = super().get_context(request, *args, **kwargs)
        practices = public_practices()
        context.update(
            featured_practices=newest(practices.filter(featured=True), 3),
            newest_practices=newest(practices, 6),
            practice_index=PracticeIndexPage.objects.live()
            .filter(locale=self.locale)
            .order_by("pk")
            .first(),
        )
        return context
