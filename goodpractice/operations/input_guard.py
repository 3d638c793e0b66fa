"""Refuse requests whose query string or form body is not valid text.

Django decodes invalid UTF-8 into replacement characters and passes NUL bytes on, which
PostgreSQL refuses in text ("A string literal cannot contain NUL"), so a hostile query
could turn into a server error or store mangled text. Such a request is answered 400
with a plain message before any view sees it. NUL bytes in form fields are left to the
forms, which show their own clear error next to the field.
"""

from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

FORM_BODY = "application/x-www-form-urlencoded"


def _is_text(raw, allow_nul=False):
    data = unquote_to_bytes(raw.replace(b"+", b" "))
    if not allow_nul and b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # WSGI hands the query string over as latin-1 text: its bytes are the client's.
        query = request.META.get("QUERY_STRING", "").encode("latin-1", "replace")
        if not _is_text(query):
            return self.refuse()
        if request.method == "POST" and request.content_type == FORM_BODY:
            try:
                body = request.body
            except RequestDataTooBig:
                return self.get_response(request)  # Django's own limit answers 400
            if not _is_text(body, allow_nul=True):
                return self.refuse()
        return self.get_response(request)

    @staticmethod
    def refuse():
        return HttpResponseBadRequest(
            _(
                "The request was refused: it contained text that is not valid UTF-8, "
                "or a NUL character in the address."
            ),
            content_type="text/plain; charset=utf-8",
        )
