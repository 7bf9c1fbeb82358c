"""English phrasing of interview records (as taken through an interpreter). ASCII only.

Slots: ``{name}``; ``[name:masculine|feminine]`` agrees with a person's gender.
"""

TITLES = {
    "victim": ("RECORD OF INTERVIEW (VICTIM)", "Victim statement", "STATEMENT OF A VICTIM OF TRAFFICKING"),
    "witness": ("WITNESS STATEMENT", "Record of interview of a witness"),
    "suspect": ("RECORD OF INTERVIEW OF SUSPECT", "Suspect interview record"),
}
PLACE_DATE = ("{hplace}{pad}{hdate}", "Place: {hplace}. Date: {hdate}", "{hdate}, {hplace}")
CASE = ("Criminal case No. {case}", "Case file {case}", "Ref.: case {case}")
OFFICER = (
    "Interviewing officer: Police Captain {off}, Anti-Trafficking Department, Ministry of Internal Affairs.",
    "The interview was conducted by investigator {off} through an interpreter.",
    "Officer in charge: {off}. Interview recorded in English for the foreign liaison file.",
    "Recorded by {off}, senior operative officer.",
)
INTRO = (
    "I, {me}, born on {bd} in {bplace}, residing at {addr}, mobile {ph}, state the following:",
    "I, {me}, date of birth {bd}, place of birth {bplace}, address {addr}, telephone {ph}, make this statement.",
    "I, {me}, was born in {by} in {bplace}. I live at {addr}. My phone number is {ph}.",
    "I, {me}, born {bd}, of {addr}, contact number {ph}, state as follows.",
    "I, {me}, born on {bd}, currently living at {addr}, can be reached on {ph}.",
)
INTRO_TAIL = ("I have been informed of my rights and agree to give a statement.",
              "This statement is true to the best of my knowledge.",
              "I state the following:",
              "In answer to the questions put to me I say:")

V = {
    "recruit": (
        "On {d} I met {R} in {city}. [R:He|She] offered me {job} in {country}.",
        "Around {d} {R} approached me and said there was well-paid work in {dest}.",
        "On {d} a neighbour introduced me to {R}, who promised me {job} in {dest}.",
        "I met {R} at a cafe in {city} on {d}. [R:He|She] said I would earn 1000 dollars a month in {country}.",
        "On {d} {R} came to our house and offered me {job} in {country}.",
        "According to {R}, {job} was waiting for me in {dest}. We spoke on {d}.",
    ),
    "recruit_org": (
        "On {d} I saw an advert by {org}; in the office {R} received me and offered me {job} in {dest}.",
        "There was a job advert for {country} on the Instagram page of {org}. On {d} I went there and spoke to {R}.",
        "On {d}, at the office of {org} in {city}, {R} offered me {job}.",
        "{R} introduced [R:himself|herself] as an employee of {org} on {d} and advised me to go to {dest}.",
    ),
    "call": (
        "On {d} {X} called me from {ph} and said everything was ready for the trip.",
        "{X} called me many times from the number {ph}, the first time on {d}.",
        "On {d} I got a call from {ph}; it was {X}.",
        "The number of {X} was {ph}; on {d} [X:he|she] called and told me to prepare my documents.",
        "On {d} {X} texted me on WhatsApp from {ph}.",
    ),
    "pay": (
        "On {d} I gave {X} {amt} for the tickets and the visa.",
        "{X} took {amt} from me for travel costs; I paid in cash on {d}.",
        "On {d} my mother paid {X} {amt}.",
        "{X} demanded {amt} for the documents, and on {d} we paid it.",
    ),
    "forged": (
        "On {d} {X} made another passport for me, number {doc}; {amt} was charged for it.",
        "My age in my passport was wrong, so on {d} {X} gave me a new passport No. {doc}.",
        "On {d} {X} brought me a false passport, number {doc}.",
        "{X} dealt with the passport: on {d} I was given passport {doc}, and {amt} was paid.",
    ),
    "leg": (
        "On {d} we travelled {mode} to {to} together with {T}.",
        "Then they took me {mode} to {to}; that was on {d}, and {T} was with me.",
        "On {d} {T} took me {mode} to {to}.",
    ),
    "leg_border": (
        "On {d} {T} drove me across the {bp} checkpoint to {to} in a car with plate {plate}.",
        "On {d} we crossed the border at {bp} {mode}; the driver was {T}, the car number was {plate}.",
        "We crossed at the {bp} border post on {d}. {T} was driving a vehicle registered {plate}.",
        "Together with {T} I left for {to} through {bp} on {d} in a car with number plate {plate}.",
        "On {d} we set off {mode}; when we crossed at {bp}, {T} was with me, the vehicle was {plate}.",
    ),
    "leg_air": (
        "On {d} {T} and I flew to {to} from {bp}.",
        "On {d} I flew to {to} from the airport; {T} saw me off.",
        "On {d} {T} drove me to the airport and put me on a flight to {to}.",
        "{T} had bought the tickets; on {d} we flew to {to} via {bp}.",
    ),
    "exploit": (
        "When we arrived in {dest}, {H} took my passport ({doc}) and forced me to work at {org}.",
        "On {d} {H} met us; we were kept at {org}, and my passport {doc} stayed with {H}.",
        "In {dest} I was introduced to {H}. On {d} [H:he|she] took my passport, and at {org} we were made to work day and night.",
        "From {d} I worked at {org} in {dest}; {H} paid us nothing and kept my passport ({doc}).",
        "On {d} {H} took my documents ({doc}) and kept us locked in at {org}.",
    ),
    "debt": (
        "{H} said I owed [H:him|her] {amt} and could not leave until I paid it back.",
        "I was told that with the travel my debt was {amt}; {H} reminded me of it every day.",
        "According to {H}, my debt was {amt}.",
    ),
    "escape": (
        "On {d} I managed to escape and called the 152 hotline.",
        "On {d} I was freed in {dest} during a police operation.",
        "On {d} I went to the consulate and was then sent home.",
        "Finally, on {d}, I escaped from {dest} with the help of a fellow countryman.",
    ),
}
W = {
    "rel": ("{V} is my {rel}.", "I know {V} well; [V:he|she] is my {rel}.", "My relationship to {V}: {rel}."),
    "recruit": (
        "On {d} I saw {V} with {R} in {city}.",
        "{V} told me that {R} had offered [V:him|her] {job} in {dest}. That was on {d}.",
        "As far as I know, on {d} {R} met {V} and persuaded [V:him|her] to go to {country}.",
        "I know {R}; on {d} [R:he|she] was talking to {V} in our yard.",
    ),
    "call": (
        "{V} said that {X} was calling [V:him|her] from {ph}.",
        "On {d}, when I was with {V}, a call came from {ph}; it was {X}.",
        "{V} gave me the phone number of {X}: {ph}.",
    ),
    "pay": (
        "On {d} we gave {X} {amt} so that [X:he|she] would find {V} a job.",
        "Before {V} left, {X} took {amt} from the family; that was on {d}.",
        "On {d} I myself paid {X} {amt}.",
    ),
    "leg_border": (
        "On {d} {V} left in a car with plate {plate}; {T} was driving.",
        "On {d} {T} took {V} away in car {plate}; I think they went towards {bp}.",
        "On {d} I saw {V} get into car {plate} with {T}.",
    ),
    "leg_air": (
        "On {d} {V} flew to {to} from {bp}; {T} saw [V:him|her] off.",
        "On {d} {T} drove {V} to the airport.",
    ),
    "escape": (
        "On {d} {V} called from {dest} and asked for help.",
        "{V} came back on {d} in a very bad state.",
        "On {d} I heard that {V} had escaped.",
    ),
}
S = {
    "deny": (
        "I do not accept the suspicion against me; I did not deceive anyone.",
        "I have nothing to do with human trafficking.",
        "I partly admit my guilt.",
        "I regret what I did and will tell the truth.",
    ),
    "know": (
        "I have known {O} since {d}.",
        "I met {O} on {d}; [O:he|she] runs all of this.",
        "I worked on the instructions of {O}, whom I have known since {d}.",
    ),
    "recruit": (
        "On {d} I met {V} in {city} and offered [V:him|her] work in {dest}.",
        "It was me who introduced {V} to {O}, on {d}.",
        "On {d} I told {V} there was work in {country}.",
    ),
    "leg_border": (
        "On {d} I drove {V} through the {bp} checkpoint in my car {plate}.",
        "On {d} I took {V} to {to} in the vehicle {plate}.",
        "On {d} {V} and I crossed the border at {bp}; the car was {plate}.",
    ),
    "leg_air": (
        "On {d} I took {V} to the airport and put [V:him|her] on a flight to {to}.",
        "I bought the ticket for {V}; on {d} [V:he|she] flew to {to}.",
    ),
    "forged": (
        "At the request of {O}, on {d} I made passport No. {doc} in the name of {V} and received {amt}.",
        "I made document {doc} on {d}; {O} paid me {amt}.",
    ),
    "exploit": (
        "From {d} {V} worked at {org}.",
        "On {d} I met {V} in {dest} and took [V:him|her] to {org}.",
    ),
    "transfer": (
        "On {d} I received {amt} from {H} and passed it to {O}.",
        "{H} sent me {amt} on {d}; I gave the money to {O}.",
        "On {d} {amt} was transferred to {O} through {M}.",
    ),
    "transfer_denied": (
        "I deny that {amt} was transferred to me through {M} on {d}.",
        "I had no money dealings with {H} or {M}; I did not receive {amt} on {d}.",
        "I do not know to whom {M} sent {amt} on {d}.",
    ),
    "phone": ("The number {ph} is mine.", "I use the number {ph}."),
}
N = (
    "I do not know the persons named; on {d} I was in {city}.",
    "I have been confused with someone else. On {d} I was at work in {city}; my number is {ph}.",
    "At that time, on {d}, I did not travel anywhere; I live in {city}.",
    "I do not know anyone called {V}; it may be someone with the same name as me.",
)
CLOSING = (
    "I have read this record and it is correct. I have nothing to add.",
    "The statement was read back to me through the interpreter and is accurate.",
    "I have nothing further to say.",
    "Read over, signed as correct.",
)
RELATIONS = {"mother": ("daughter", "son"), "father": ("daughter", "son"), "brother": ("sister", "brother"),
             "sister": ("sister", "brother"), "spouse": ("wife", "husband"), "neighbour": ("neighbour", "neighbour"),
             "friend": ("friend", "friend"), "colleague": ("colleague", "colleague"),
             "driver": ("passenger", "passenger")}
