"""The Contributors group, and knowledge-base rights for Wagtail's Editors group.

Contributors write their own organisations' practices: the page permissions go on the
practice index of every language (site setup grants them again for indexes created
later), and code narrows them to the user's organisations. Editors moderate every
practice and manage organisations, memberships, account requests and the taxonomy.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")

CONTRIBUTORS = "Contributors"
EDITORS = "Editors"

MODEL_PERMISSIONS = {
    CONTRIBUTORS: [("wagtailadmin", "access_admin")],
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        ("organisations", "work_on_all_practices"),
        *(("organisations", f"{action}_{model}") for model in ("organisation", "membership")
          for action in ALL),
        ("organisations", "view_accountrequest"),
        ("organisations", "change_accountrequest"),
        *(("practices", f"{action}_{model}") for model in ("theme", "targetgroup", "evidencelevel")
          for action in ALL),
    ],
}
# Contributors upload images and attachments for their practices. They may reuse any
# image, but documents (which may belong to another organisation's unpublished practice)
# only through uploading.
COLLECTION_PERMISSIONS = {
    CONTRIBUTORS: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
    ],
}
ROOT_PAGE_PERMISSIONS = {EDITORS: ("add_page", "change_page", "publish_page")}
INDEX_PAGE_PERMISSIONS = {CONTRIBUTORS: ("add_page", "change_page")}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for label in ("organisations", "practices", "wagtailcore", "wagtailimages", "wagtaildocs"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    PracticeIndexPage = apps.get_model("practices", "PracticeIndexPage")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in MODEL_PERMISSIONS}
    for name, codes in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*(permission(app, code) for app, code in codes))

    root_collection = Collection.objects.filter(depth=1).first()
    for name, codes in COLLECTION_PERMISSIONS.items():
        for app_label, codename in codes:
            if root_collection is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name],
                    collection=root_collection,
                    permission=permission(app_label, codename),
                )

    targets = [
        (ROOT_PAGE_PERMISSIONS, Page.objects.filter(depth=1)),
        (INDEX_PAGE_PERMISSIONS, PracticeIndexPage.objects.all()),
    ]
    for grants, pages in targets:
        for name, codenames in grants.items():
            for page in pages:
                for codename in codenames:
                    GroupPagePermission.objects.get_or_create(
                        group=groups[name],
                        page_id=page.pk,
                        permission=permission("wagtailcore", codename),
                    )


def remove_contributors(apps, schema_editor):
    # Editors is Wagtail's own group; only ours goes.
    apps.get_model("auth", "Group").objects.filter(name=CONTRIBUTORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_accounts"),
        ("practices", "0002_personal_identity_code_guard"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, remove_contributors)]
