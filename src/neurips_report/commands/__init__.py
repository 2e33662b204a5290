"""The commands a person runs: the CLI, serve (with its watcher), new (scaffold), the problem report."""
