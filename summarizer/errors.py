"""Typed errors. The library raises these; only ``cli.main`` turns them into exit codes."""

__all__ = ["SummarizerError", "InputError", "ConfigError", "ArchiveError"]


class SummarizerError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(SummarizerError):
    """The input cannot be used at all: a missing path, nothing readable in a folder."""


class ConfigError(SummarizerError, ValueError):
    """A setting is out of range or contradicts another one."""


class ArchiveError(SummarizerError):
    """An archive cannot be used: not an archive, from a newer version, or in use by another run."""
