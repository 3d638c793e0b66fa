from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with users' organisations in the user listing (see users.py)."""

    user_viewset = "goodpractice.organisations.users.UserViewSet"
