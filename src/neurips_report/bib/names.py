"""pybtex name styles: APA ('Doe, J.') and GB/T 7714 ('DOE J')."""

from __future__ import annotations

from pybtex.richtext import Text
from pybtex.style.names import BaseNameStyle, name_part
from pybtex.style.template import join


def _initials(person, sep: str, dot: str) -> str:
    """'Jean-Bastien Carl' -> 'J.-B. C.'. A nickname in parentheses ('Daniel (Zhaohan) Guo') gives no
    initial, initials run together ('N.P') give one each, and an initial is the first letter of a
    piece, not a bracket or quote before it."""
    names = person.first_names + person.middle_names
    out = []
    for name in names:
        name = name.replace("{", "").replace("}", "")
        if name.startswith("(") or name.endswith(")"):
            continue
        for part in name.split("."):          # 'N.P' (initials run together) counts as 'N. P.'
            letters = [next((ch for ch in p if ch.isalpha()), "") for p in part.split("-")]
            if any(letters):
                out.append("-".join(ch + dot for ch in letters if ch))
    return sep.join(out)


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


class ApaNameStyle(BaseNameStyle):
    """Last, F. M."""

    def format(self, person, abbr=True):
        initials = _initials(person, " ", ".")
        return join[
            name_part(tie=True)[person.rich_prelast_names],
            name_part[person.rich_last_names],
            name_part(before=", ")[Text(initials) if initials else None],
        ]


class GbtNameStyle(BaseNameStyle):
    """LAST F M for Western names; CJK names as written."""

    def format(self, person, abbr=True):
        last = " ".join(person.prelast_names + person.last_names).replace("{", "").replace("}", "")
        if _is_cjk(last):
            return join[Text(last + "".join(person.first_names + person.middle_names))]
        initials = _initials(person, " ", "")
        return join[Text(last.upper()), name_part(before=" ")[Text(initials) if initials else None]]
