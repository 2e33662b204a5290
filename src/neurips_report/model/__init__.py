"""The typed model: entries, site, statistics; the field schema; URLs; problems (errors and warnings)."""
