"""Reference-list styles as pybtex formatting styles: APA-like (en), GB/T 7714-like (zh)."""

from __future__ import annotations

from pybtex.richtext import HRef, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.template import field, join, node, optional, tag

from .entry import link_url, people
from .labels import AuthorYearLabelStyle
from .names import ApaNameStyle, GbtNameStyle


@node
def author_list(children, context, limit=None, etal=""):
    """Formatted authors (or editors), cut after `limit` with `etal`."""
    entry, style = context["entry"], context["style"]
    names = [style.format_name(p, True).format_data(context) for p in people(entry)]
    if limit and len(names) > limit:
        return join(sep=", ")[names[:limit]].format_data(context) + Text(etal)
    if style.name_joiner is None:
        return join(sep=", ")[names].format_data(context)
    return join(sep=", ", sep2=", " + style.name_joiner, last_sep=", " + style.name_joiner)[names].format_data(context)


@node
def label(children, context):
    return Text(context["label"])


@node
def link(children, context):
    """The entry's URL (or DOI) as a link, or nothing."""
    url = link_url(context["entry"].fields)
    return HRef(url, Text(url)) if url else Text()


def _link():
    return link


class EnglishStyle(BaseStyle):
    """APA-like: Authors (Year). Title. In *Venue* (pp.). URL"""

    default_label_style = AuthorYearLabelStyle
    default_sorting_style = "author_year_title"
    name_joiner = "& "

    def __init__(self, **kwargs):
        super().__init__(name_style=ApaNameStyle, **kwargs)

    def _head(self):
        return join[author_list, " (", label, "). ", field("title"), "."]

    def get_inproceedings_template(self, e):
        return join(sep=" ")[self._head(), join["In ", tag("em")[field("booktitle")],
                                               optional[" (pp. ", field("pages"), ")"], "."], _link()]

    def get_article_template(self, e):
        return join(sep=" ")[self._head(), join[tag("em")[field("journal")],
                                               optional[", ", tag("em")[field("volume")]],
                                               optional["(", field("number"), ")"],
                                               optional[", ", field("pages")], "."], _link()]

    def get_book_template(self, e):
        return join(sep=" ")[join[author_list, " (", label, "). ", tag("em")[field("title")], "."],
                             optional[field("publisher"), "."], _link()]

    def get_misc_template(self, e):
        return join(sep=" ")[self._head(), optional[field("howpublished"), "."],
                             optional[field("note"), "."], _link()]

    get_techreport_template = get_misc_template
    get_online_template = get_misc_template
    get_unpublished_template = get_misc_template

    def format_entry(self, label_text, entry, bib_data=None):
        """Like pybtex's, with the label in the context and a fallback template."""
        context = {"entry": entry, "style": self, "bib_data": bib_data, "label": label_text}
        getter = getattr(self, f"get_{entry.type}_template", self.get_misc_template)
        return FormattedEntry(entry.key, getter(entry).format_data(context), label_text)


class ChineseStyle(EnglishStyle):
    """GB/T 7714-like author-year: AUTHOR A, AUTHOR B, AUTHOR C, 等. Year. Title[C]//Venue: pages. URL"""

    name_joiner = None
    TYPE_CODES = {"inproceedings": "C", "article": "J", "book": "M", "phdthesis": "D",
                  "techreport": "R", "misc": "EB/OL", "online": "EB/OL", "unpublished": "Z"}

    def __init__(self, **kwargs):
        BaseStyle.__init__(self, name_style=GbtNameStyle, **kwargs)

    def _head(self, code):
        return join[author_list(limit=3, etal=", 等"), ". ", label, ". ", field("title"), f"[{code}]"]

    def get_inproceedings_template(self, e):
        return join(sep=" ")[join[self._head("C"), "//", field("booktitle"),
                                  optional[": ", field("pages")], "."], _link()]

    def get_article_template(self, e):
        return join(sep=" ")[join[self._head("J"), ". ", field("journal"),
                                  optional[", ", field("volume")], optional["(", field("number"), ")"],
                                  optional[": ", field("pages")], "."], _link()]

    def get_book_template(self, e):
        return join(sep=" ")[join[self._head("M"), ".", optional[" ", field("publisher"), "."]], _link()]

    def get_misc_template(self, e):
        code = self.TYPE_CODES.get(e.type, "Z")
        return join(sep=" ")[join[self._head(code), ".", optional[" ", field("howpublished"), "."]], _link()]

    get_techreport_template = get_misc_template
    get_online_template = get_misc_template
    get_unpublished_template = get_misc_template


STYLES = {"en": EnglishStyle, "zh": ChineseStyle}


def style_for(lang: str):
    return STYLES.get(lang, EnglishStyle)()


