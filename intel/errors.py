"""One exception tree. The CLI and the UI print ``str(error)``: one clear line."""

from __future__ import annotations


class HalqaError(Exception):
    """Root of every error Halqa raises on purpose."""

    exit_code = 1

    def is_retryable(self) -> bool:
        return False


class InvalidInput(HalqaError):
    """Input failed validation; the message names the file, row or field."""

    exit_code = 2


class NotFound(HalqaError):
    exit_code = 3


class AccessDenied(HalqaError):
    """The caller is not allowed to do this; nothing was returned or written."""

    exit_code = 4


class BackendUnavailable(HalqaError):
    """The store cannot be reached or opened."""

    exit_code = 5


class StoreBusy(BackendUnavailable):
    """Another process held the embedded store's write lock for longer than the bound."""

    def is_retryable(self) -> bool:
        return True


class ConfigError(HalqaError):
    exit_code = 6
