"""The source's side: /tipsa/ to send a tip, /tipsa/las/ to come back with the code phrase.

No session and no CSRF cookie (see middleware.py and tokens.py); uploads stay
in memory, so no unencrypted copy of an attachment is written to a temporary
file on disk.
"""

from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import inbox as tip_inbox
from . import tokens
from .forms import MAX_REQUEST_BYTES, FollowUpForm, PhraseForm, TipForm


def _too_large(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES
    except ValueError:
        return True


def _prepare_post(request) -> HttpResponse | None:
    if _too_large(request):
        return HttpResponse(_("Det du skickade är för stort."), status=413)
    request.upload_handlers = [MemoryFileUploadHandler(request)]
    return None


def _refused_token(form) -> None:
    form.add_error(
        None,
        _(
            "Formuläret är för gammalt eller redan skickat. Kontrollera om du redan fått en "
            "kodfras; annars skriv in texten igen och skicka."
        ),
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def submit(request):
    inbox = tip_inbox.current_inbox()
    if inbox is None:
        return TemplateResponse(request, "tips/closed.html", status=503)
    if request.method == "POST":
        refused = _prepare_post(request)
        if refused:
            return refused
        form = TipForm(request.POST, request.FILES)
        if form.is_valid():
            if tokens.check(form.cleaned_data["token"]):
                phrase = tip_inbox.submit(
                    inbox,
                    form.cleaned_data["text"],
                    form.cleaned_data["attachments"],
                    timezone.localdate(),
                )
                return TemplateResponse(request, "tips/received.html", {"phrase": phrase})
            _refused_token(form)
        data = form.data.copy()
        data["token"] = tokens.new_token()
        form.data = data
    else:
        form = TipForm(initial={"token": tokens.new_token()})
    return TemplateResponse(
        request, "tips/submit.html", {"form": form, "retention_days": inbox.retention_days}
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def come_back(request):
    inbox = tip_inbox.current_inbox()
    if inbox is None:
        return TemplateResponse(request, "tips/closed.html", status=503)
    if request.method == "GET":
        return TemplateResponse(request, "tips/come_back.html", {"phrase_form": PhraseForm()})
    refused = _prepare_post(request)
    if refused:
        return refused
    adding = "text" in request.POST
    phrase_form = PhraseForm({"phrase": request.POST.get("phrase", "")})
    access = None
    if phrase_form.is_valid():
        access = tip_inbox.find(inbox, phrase_form.cleaned_data["phrase"])
        if access is None:
            phrase_form.add_error("phrase", _("Inget tips har den kodfrasen."))
    if access is None:
        return TemplateResponse(
            request, "tips/come_back.html", {"phrase_form": phrase_form}, status=400
        )
    phrase = phrase_form.cleaned_data["phrase"]
    added = False
    if adding:
        follow_up = FollowUpForm(request.POST, request.FILES)
        if follow_up.is_valid() and tokens.check(follow_up.cleaned_data["token"]):
            tip_inbox.add_from_source(
                access,
                follow_up.cleaned_data["text"],
                follow_up.cleaned_data["attachments"],
                timezone.localdate(),
            )
            added = True
            follow_up = None
        elif follow_up.is_valid():
            _refused_token(follow_up)
    if not adding or added:
        follow_up = FollowUpForm(initial={"phrase": phrase, "token": tokens.new_token()})
    else:
        data = follow_up.data.copy()
        data["token"] = tokens.new_token()
        follow_up.data = data
    return TemplateResponse(
        request,
        "tips/conversation.html",
        {
            "messages_opened": tip_inbox.conversation(access.tip, access.private_key),
            "form": follow_up,
            "added": added,
        },
    )
