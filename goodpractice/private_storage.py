"""File storage for private files: on disk outside MEDIA_ROOT, and never given a URL."""

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        # FileSystemStorage would fall back to MEDIA_URL; a private file must be sent
        # by a view that checks the reader's permission.
        raise ValueError("Private files have no URL; serve them through a permission check.")
