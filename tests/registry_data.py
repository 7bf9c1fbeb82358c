"""A generated table of registrations for the resolver's EM path (no labelled data needed):
two records per person, a few duplicates with a wrong document number and no birth date."""

import random

from ingest.resolve.record import Record

GIVEN = ["Elçin", "Tural", "Rauf", "Vüqar", "Nigar", "Leyla", "Aynur", "Kamran", "Orxan", "Səbinə"]
SURNAMES = ["Məmmədov", "Əliyev", "Hüseynov", "Quliyev", "Həsənov", "Rzayev", "Kərimov", "Nəsirov"]


def registry(seed=3, people=400):
    """People with two registrations each; a few duplicates carry a wrong document number and
    no birth date (nothing identical contests the conflict)."""
    rng = random.Random(seed)
    records, truth = [], {}
    for p in range(people):
        g, s = rng.choice(GIVEN), rng.choice(SURNAMES)
        dob = f"{rng.randint(1950, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc = f"C{rng.randint(0, 99_999_999):08d}"
        street = f"{rng.randint(1, 200)} {rng.choice(['Nizami', 'Füzuli', 'Azadlıq', 'Neftçilər'])} street"
        postcode = f"AZ{rng.randint(1000, 1999)}"
        for copy in range(2):
            wrong_doc = copy == 1 and p % 25 == 0
            rid = f"{p}-{copy}"
            records.append(Record.build(
                rid, given=g, surname=s, birth_date=None if wrong_doc else dob,
                documents=[("passport", f"C{rng.randint(0, 99_999_999):08d}" if wrong_doc else doc)],
                address=street, postcode=postcode))
            truth[rid] = p
    return records, truth
