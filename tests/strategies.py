"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

import nzcoop
from nzcoop import Role, Theme

DATA = nzcoop.dataset()
ENTITIES = DATA.entities()
ORGANISATIONS = DATA.organisations(participant=None)
HOLDER_IDS = sorted({e.participant for e in DATA.engagements()})
YEARS = st.integers(min_value=1940, max_value=2030)

entities = st.sampled_from(ENTITIES)
roles = st.none() | st.sampled_from(Role) | st.sampled_from([r.value for r in Role])
themes = st.none() | st.sampled_from(Theme) | st.sampled_from([t.value for t in Theme])
years = st.none() | YEARS
organisation_filters = st.none() | st.sampled_from([o.id for o in ORGANISATIONS])
participant_filters = st.none() | st.sampled_from(HOLDER_IDS)


@st.composite
def respellings(draw: st.DrawFn, name: str) -> str:
    """Return *name* with its case changed and its spaces and apostrophes varied."""
    chars = [draw(st.sampled_from([c.lower(), c.upper()])) if c.isalpha() else c for c in name]
    text = "".join(chars)
    text = text.replace("'", draw(st.sampled_from(["'", "\u2019"])))
    text = text.replace("\u2019", draw(st.sampled_from(["'", "\u2019"])))
    spaces = draw(st.sampled_from([" ", "  ", " \t "]))
    words = text.split(" ")
    return (
        draw(st.sampled_from(["", " ", "\n"]))
        + spaces.join(words)
        + draw(st.sampled_from(["", "  "]))
    )


def names_of(entity: nzcoop.Entity) -> list[str]:
    """Return every id and name recorded for *entity*."""
    return [entity.id, entity.name, *(name.value for name in entity.names)]
