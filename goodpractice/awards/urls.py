from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path("", views.prize_index, name="awards_index"),
    path("<int:year>/", views.round_detail, name="awards_round"),
    path(_("nominate/"), views.nominate, name="awards_nominate"),
    path(_("nominate/thanks/"), views.nomination_thanks, name="awards_nomination_thanks"),
]
