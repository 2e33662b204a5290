"""Author-year labels: a pybtex label style giving '2031', or '2031a'/'2031b' when two
entries would otherwise be cited alike."""

from __future__ import annotations

from pybtex.style.labels import BaseLabelStyle

from .entry import people

# How the names part of a citation reads, per language: (two-author joiner, many-author suffix)
NAME_FORMS = {
    "en": (" and ", " et al."),
    "zh": (" 和 ", " 等"),
}


def surnames(entry) -> list[str]:
    return [_plain(p) for p in people(entry)]


def _plain(person) -> str:
    parts = person.prelast_names + person.last_names
    return " ".join(parts).replace("{", "").replace("}", "")


def cited_names(entry, lang: str, forms: tuple[str, str] | None = None) -> str:
    """'Doe et al.' / 'Doe 等' / 'Lee and Kim' / 'Smith'; `forms` overrides NAME_FORMS[lang]."""
    names = surnames(entry) or ["Anon."]
    two, many = forms or NAME_FORMS.get(lang, NAME_FORMS["en"])
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return names[0] + two + names[1]
    return names[0] + many


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels are the year, with a letter added where names and year collide."""

    def format_labels(self, sorted_entries):
        groups: dict[tuple, list] = {}
        for entry in sorted_entries:
            groups.setdefault(self._collision_key(entry), []).append(entry)
        suffix = {}
        for members in groups.values():
            if len(members) > 1:
                ordered = sorted(members, key=lambda e: (e.fields.get("title", "").casefold(), e.key))
                for i, entry in enumerate(ordered):
                    suffix[entry.key] = _letters(i)
        for entry in sorted_entries:
            yield entry.fields.get("year", "n.d.").strip() + suffix.get(entry.key, "")

    @staticmethod
    def _collision_key(entry):
        names = surnames(entry)
        short = tuple(names) if len(names) <= 2 else (names[0], "et al.")
        return short, entry.fields.get("year", "").strip()


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters
