"""A reader's API key on "Mitt konto": make one (shown once) or revoke it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import tokens


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_key(request):
    if request.method == "GET":
        return redirect("/konto/#api")
    action = request.POST.get("action", "")
    now = timezone.now()
    if action == "create":
        token, key = tokens.create(request.user, now)
        # Rendered, not redirected: the key exists only in this answer (never_cache:
        # no-store), and is never stored anywhere readable.
        return render(request, "api/key_created.html", {"token": token, "key": key})
    if action == "revoke" and tokens.revoke(request.user, now):
        messages.success(
            request,
            _(
                "API-nyckeln är återkallad. Program som använder den får inte längre "
                "läsa med din prenumeration."
            ),
        )
    return redirect("/konto/#api")
