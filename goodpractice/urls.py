from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from goodpractice.awards import views as award_views
from goodpractice.operations import health
from goodpractice.organisations import account_views
from goodpractice.organisations import views as organisation_views
from goodpractice.practices import adoption_views
from goodpractice.practices import views as practice_views
from goodpractice.practices.api import urls as practice_api_urls
from goodpractice.practices.feeds import NewPracticesFeed
from goodpractice.sitemaps import sitemaps
from search import api as search_api
from search import views as search_views

handler500 = "goodpractice.operations.errors.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/search/", search_api.search_api, name="search_api"),
    path("api/search/autocomplete/", search_views.autocomplete, name="search_autocomplete"),
    path("api/awards/", award_views.awards_api, name="awards_api"),
    path("api/", include(practice_api_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", health.health, name="health"),
]

urlpatterns += i18n_patterns(
    path(_("organisations/"), organisation_views.organisation_list, name="organisation_list"),
    path(
        _("organisations/<slug:slug>/"),
        organisation_views.organisation_detail,
        name="organisation_detail",
    ),
    path(_("account-request/"), account_views.account_request, name="account_request"),
    path(
        _("account-request/thanks/"),
        account_views.account_request_thanks,
        name="account_request_thanks",
    ),
    path(
        _("account/set-password/<uidb64>/<token>/"),
        account_views.SetPasswordView.as_view(),
        name="account_set_password",
    ),
    path(
        _("account/password-set/"),
        account_views.PasswordSetView.as_view(),
        name="account_password_set",
    ),
    path(_("themes/"), practice_views.theme_list, name="theme_list"),
    path(_("themes/<slug:slug>/"), practice_views.theme_detail, name="theme_detail"),
    path(_("map/"), practice_views.practice_map, name="practice_map"),
    path(_("we-use-this-too/<int:pk>/"), adoption_views.adopt, name="practice_adopt"),
    path(_("feed/"), NewPracticesFeed(), name="practice_feed"),
    path(_("search/"), search_views.search_page, name="search"),
    path(_("prize/"), include("goodpractice.awards.urls")),
    path("", include(wagtail_urls)),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
