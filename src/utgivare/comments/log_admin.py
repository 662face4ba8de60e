"""The moderation log the ansvarig utgivare answers for: export, removal as illegal,
and the sealed copies of removed comments (opened with the tip inbox passphrase)."""

import csv
import datetime as dt
import json

from django import forms
from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from utgivare.tips import inbox as tip_inbox
from utgivare.tips import sealing, unlocking
from utgivare.tips.models import TipAccess

from . import legal, moderating
from .admin_views import moderator_required
from .models import Comment, ModerationEvent, SealedComment


class ExportForm(forms.Form):
    fran = forms.DateField(label=gettext_lazy("Från"))
    till = forms.DateField(label=gettext_lazy("Till och med"))
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("json", "JSON")])


def log_rows(start: dt.date, end: dt.date) -> list[dict]:
    """Every log line from the start of `start` to the end of `end` (Stockholm), oldest first."""
    zone = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    events = (
        ModerationEvent.objects.filter(created_at__gte=since, created_at__lt=until)
        .select_related("page", "comment__page")
        .order_by("created_at", "pk")
    )
    rows = []
    for event in events:
        page = event.page or (event.comment.page if event.comment else None)
        rows.append(
            {
                "time": timezone.localtime(event.created_at).isoformat(),
                "action": event.action,
                "what": str(event.get_action_display()),
                "who": event.actor_label,
                "comment": event.comment_id,
                "page": page.title if page else "",
                "why": event.reason,
                "changes": event.changes,
            }
        )
    return rows


@moderator_required
def export(request):
    form = ExportForm(request.GET or None)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "comments/admin/export.html",
            {"form": form, "header_title": _("Exportera historiken")},
            status=400 if request.GET else 200,
        )
    start, end = form.cleaned_data["fran"], form.cleaned_data["till"]
    rows = log_rows(start, end)
    name = f"modereringslogg-{start}-{end}"
    if form.cleaned_data["format"] == "json":
        response = JsonResponse(rows, safe=False, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = csv.DictWriter(response, fieldnames=list(rows[0]) if rows else ["time"])
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "changes": json.dumps(row["changes"], ensure_ascii=False)})
    return response


class IllegalForm(forms.Form):
    ground = forms.ChoiceField(label=gettext_lazy("Rättslig grund"), choices=legal.choices)
    reason = forms.CharField(
        label=gettext_lazy("Varför (visas i historiken)"), required=False, max_length=500
    )


@require_POST
@moderator_required
def remove_as_illegal(request, comment_id):
    comment = get_object_or_404(Comment, pk=comment_id)
    form = IllegalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Välj den rättsliga grunden."))
        return redirect("comments_admin:detail", comment.pk)
    inbox = tip_inbox.current_inbox()
    ground = legal.GROUNDS[form.cleaned_data["ground"]]
    if ground.keep_copy and inbox is None:
        messages.error(
            request,
            _(
                "En förseglad kopia kräver tipslådans nyckel: den ansvariga utgivaren "
                "öppnar tipslådan först (Tips i menyn)."
            ),
        )
        return redirect("comments_admin:detail", comment.pk)
    moderating.remove_as_illegal(
        comment,
        ground.key,
        actor=request.user,
        reason=form.cleaned_data["reason"],
        public_key=bytes(inbox.public_key) if inbox else None,
        now=timezone.now(),
    )
    messages.success(request, _("Kommentaren är borttagen som olaglig."))
    return redirect("comments_admin:detail", comment.pk)


@moderator_required
def sealed_copies(request):
    private_key = unlocking.recall(request.session)
    copies = []
    for copy in SealedComment.objects.all()[:200]:
        opened = None
        if private_key is not None:
            try:
                opened = json.loads(sealing.open_sealed(private_key, bytes(copy.sealed)))
            except sealing.WrongSecret:
                opened = None
        ground = legal.GROUNDS.get(copy.ground)
        label = ground.label if ground else copy.ground
        copies.append({"copy": copy, "ground": label, "opened": opened})
    if private_key is not None and copies:
        # Opening them is a read like a tip's: who and when, in the tip inbox's log.
        tip_inbox.record(TipAccess.Action.SEALED_COMMENTS, request.user)
    return TemplateResponse(
        request,
        "comments/admin/sealed.html",
        {
            "copies": copies,
            "unlocked": private_key is not None,
            "header_title": _("Förseglade kopior"),
        },
    )
