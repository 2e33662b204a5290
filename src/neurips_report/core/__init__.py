"""The lowest layer: knows nothing of conference reports. Hashing and persistent stores, worker processes
and the process policy, dependency recording, locale-aware text helpers, progress output."""
