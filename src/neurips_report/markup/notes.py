"""Editor's notes: `!!! editor` admonitions get a localized heading and a note role."""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class EditorNoteProcessor(Treeprocessor):
    def run(self, root):
        ctx = self.md.page_context
        for div in root.iter("div"):
            classes = div.get("class", "").split()
            if "admonition" not in classes:
                continue
            if "editor" in classes:
                ctx.editor_notes += 1
                div.set("class", "admonition editor-note")
                div.set("role", "note")
                title = div.find("p")
                if title is not None and "admonition-title" in title.get("class", ""):
                    title.text = ctx.strings.get("editor_note", "Editor's note")


class EditorNoteExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(EditorNoteProcessor(md), "editor_notes", 6)
