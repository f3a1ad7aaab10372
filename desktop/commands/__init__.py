"""Subcommands of the `glose` CLI, one module per area."""
