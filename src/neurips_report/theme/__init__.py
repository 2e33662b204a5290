"""The theme: where templates/ and static/ come from, the Jinja environment that records templates, cached
fragments, hashed static assets."""
