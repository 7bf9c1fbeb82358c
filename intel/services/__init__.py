"""The service layer: the UI, the CLI and every feature call these, never the store directly.

Each service is built with (store, principal, crypto, audit); every method checks the policy
for the principal's role and the case grants, calls the store with the principal (so its scope
applies), keeps protected values encrypted unless a cleared role gives a justification, and
writes an audit event for every read, write and denied attempt.
"""

from intel.services.base import Service

__all__ = ["Service"]
