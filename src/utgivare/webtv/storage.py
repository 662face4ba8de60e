"""Where web-TV files live: never under the public /media/ folder.

Paid videos must reach only entitled readers, so the original, its HLS
renditions and its captions are stored where no web server serves them by
name: `VAR_DIR/private-media/` on local disk, or the S3 bucket (private
objects) when AWS_STORAGE_BUCKET_NAME is set. Readers get them only through
`webtv.views.media`, which checks the signed address first.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import LazyObject


class _PrivateStorage(LazyObject):
    def _setup(self):
        if getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
            # The S3 default storage keeps objects private and signs its URLs.
            self._wrapped = storages["default"]
        else:
            self._wrapped = FileSystemStorage(
                location=settings.VAR_DIR / "private-media", base_url=None
            )


private_storage = _PrivateStorage()


def get_private_storage():
    """Callable for FileField(storage=...): keeps the location out of migrations."""
    return private_storage
