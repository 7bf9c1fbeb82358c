"""Security: passwords, users, per-case grants, the role x action policy, field encryption,
pseudonyms and CLI sessions. Enforcement happens in ``intel.services``, never in the UI."""
