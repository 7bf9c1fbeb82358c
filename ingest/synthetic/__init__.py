"""Synthetic trafficking scenarios with ground truth: statements in Azerbaijani, Russian and
English, call records, border crossings, hotline referrals, and the true answers.

``generate(seed, persons, out)`` is the entry point (``halqa generate`` on the command line).
"""

from ingest.synthetic.scenario import generate

__all__ = ["generate"]
