from django.urls import path

from . import views

urlpatterns = [
    path("", views.api_index, name="api_index"),
    path("practices/", views.practice_list, name="api_practice_list"),
    path("practices/<int:pk>/", views.practice_detail, name="api_practice_detail"),
]
