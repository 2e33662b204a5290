"""Table cell alignment as classes, not inline styles (the pages' CSP forbids inline styles)."""

from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALIGN_RE = re.compile(r"text-align:\s*(left|right|center)")


class AlignClassProcessor(Treeprocessor):
    def run(self, root):
        for cell in root.iter():
            if cell.tag in ("td", "th") and "style" in cell.attrib:
                match = ALIGN_RE.search(cell.attrib.pop("style"))
                if match:
                    cell.set("class", f"align-{match[1]}")


class AlignClassExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(AlignClassProcessor(md), "align_classes", 4)
