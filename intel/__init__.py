"""Halqa services: store backends, security, audit, evidence, liaison, config and the CLI."""

__version__ = "0.1.0"
