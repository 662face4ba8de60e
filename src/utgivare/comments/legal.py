"""Removing a comment as illegal: the grounds, and how long the sealed copy is kept.

Lag (1998:112) om ansvar för elektroniska anslagstavlor, 5 §, makes the
publisher remove a reader's message that is obviously hets mot folkgrupp,
olaga hot, uppvigling, olaga våldsskildring, barnpornografibrott or an
infringement of copyright; förtal is not on that list but is removed under
the publication's own responsibility. The law sets no time to keep a copy. Our
reading: keep it sealed as evidence for as long as the crime can be
prosecuted (brottsbalken 35 kap. 1 §: five years where the maximum penalty is
at most two years' imprisonment, which covers each ground here; two years for
crimes with fines only, but the grade is not known when the comment is
removed, so five), and not a day longer (data minimisation). Child sexual abuse
material is never kept: possessing a copy is itself a crime, so that ground
removes without a copy and the police are to be told at once.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LegalGround:
    key: str
    label: str
    keep_years: int
    keep_copy: bool = True


GROUNDS = {
    ground.key: ground
    for ground in (
        LegalGround("hets_mot_folkgrupp", _("Hets mot folkgrupp"), 5),
        LegalGround("olaga_hot", _("Olaga hot"), 5),
        LegalGround("forfal", _("Förtal"), 5),
        LegalGround("uppvigling", _("Uppvigling"), 5),
        LegalGround("olaga_valdsskildring", _("Olaga våldsskildring"), 5),
        LegalGround("upphovsratt", _("Intrång i upphovsrätt"), 5),
        LegalGround("barnpornografibrott", _("Barnpornografibrott (ingen kopia sparas)"), 0, False),
    )
}


def choices():
    return [(ground.key, ground.label) for ground in GROUNDS.values()]
