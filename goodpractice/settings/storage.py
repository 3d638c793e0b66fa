"""Where uploaded media (images, documents) are kept: a local folder or an S3 bucket."""

from django.core.exceptions import ImproperlyConfigured

from .env import env, env_bool

LOCAL = "local"
S3 = "s3"


def _kind():
    kind = env("MEDIA_STORAGE", LOCAL).strip().lower()
    if kind not in (LOCAL, S3):
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3', not {kind!r}.")
    return kind


def media_storage():
    """The STORAGES["default"] entry for MEDIA_STORAGE=local (default) or s3.

    With s3, files go to S3_BUCKET at S3_ENDPOINT_URL (any S3-compatible service; empty
    for AWS itself). Files are private and their URLs signed for S3_QUERYSTRING_EXPIRE
    seconds unless S3_QUERYSTRING_AUTH is off (a public bucket or S3_CUSTOM_DOMAIN CDN).
    """
    if _kind() == LOCAL:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    bucket = env("S3_BUCKET")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET.")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "region_name": env("S3_REGION") or None,
            # Empty keys: boto3 finds credentials itself (instance role, ~/.aws).
            "access_key": env("S3_ACCESS_KEY_ID") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": env("S3_CUSTOM_DOMAIN") or None,
            "location": env("S3_LOCATION", "media"),
            "querystring_auth": env_bool("S3_QUERYSTRING_AUTH", True),
            "querystring_expire": int(env("S3_QUERYSTRING_EXPIRE", "3600")),
            "default_acl": None,  # the bucket's own policy decides; private by default
            "file_overwrite": False,  # a new upload never replaces another's file
            "addressing_style": env("S3_ADDRESSING_STYLE") or None,
            "signature_version": "s3v4",
        },
    }


def private_storage(private_media_root):
    """The STORAGES["private"] entry: files only permission-checking views may send.

    Locally a folder outside MEDIA_ROOT with no URL; with s3, the same bucket under
    S3_PRIVATE_LOCATION, never behind the public custom domain and always signed.
    """
    if _kind() == LOCAL:
        return {
            "BACKEND": "goodpractice.private_storage.PrivateStorage",
            "OPTIONS": {"location": private_media_root},
        }
    storage = media_storage()
    storage["OPTIONS"].update(
        location=env("S3_PRIVATE_LOCATION", "private"),
        custom_domain=None,
        querystring_auth=True,
    )
    return storage


def uses_s3(storages):
    return storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
