"""Tips are deleted after the inbox's retention time, unless an editor keeps one."""

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from utgivare.tips import inbox as tip_inbox
from utgivare.tips.models import Tip, TipAccess, TipMessage


def test_tips_past_their_time_are_deleted_and_kept_ones_stay(inbox):
    today = timezone.localdate()
    old_day = today - dt.timedelta(days=91)
    tip_inbox.submit(inbox, "Gammalt tips.", [], old_day)
    tip_inbox.submit(inbox, "Gammalt men sparat.", [], old_day)
    tip_inbox.submit(inbox, "Färskt tips.", [], today - dt.timedelta(days=89))
    expired, kept, fresh = Tip.objects.order_by("pk")
    tip_inbox.set_kept(kept, True, editor=None)

    out = io.StringIO()
    call_command("delete_expired_tips", stdout=out)

    assert "1 tips raderade" in out.getvalue()
    assert set(Tip.objects.values_list("pk", flat=True)) == {kept.pk, fresh.pk}
    assert not TipMessage.objects.filter(tip_id=expired.pk).exists()
    assert TipAccess.objects.filter(action="expired", tip_number=expired.pk).exists()
