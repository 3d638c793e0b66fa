"""Fields of the frameworks' models whose names look personal but are not.

The personal data of the project's own models and of user accounts is registered by
the apps that own them (awards, practices, organisations).
"""

from . import registry

NOT_PERSONAL = {
    "auth.Group": (["name"], "a permission group"),
    "auth.Permission": (["name"], "a permission"),
    "taggit.Tag": (["name"], "a keyword"),
    "wagtailcore.Site": (["site_name"], "the site"),
    "wagtailcore.APIToken": (["name"], "an API token's label"),
    "wagtailcore.Collection": (["name"], "a media collection"),
    "wagtailcore.Workflow": (["name"], "a moderation workflow"),
    "wagtailcore.Task": (["name"], "a moderation task"),
    "wagtailcore.GroupApprovalTask": (["name"], "a moderation task"),
    "wagtailembeds.Embed": (
        ["author_name", "provider_name"],
        "the public author credit of embedded public media, from its provider",
    ),
    "wagtail_localize.StringTranslation": (["tool_name"], "a machine translation tool"),
    "django_tasks_database.DBTaskResult": (["queue_name", "backend_name"], "a task queue"),
}

for label, (fields, reason) in NOT_PERSONAL.items():
    registry.declare_not_personal(label, fields, reason)
