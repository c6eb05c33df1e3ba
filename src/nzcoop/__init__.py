"""Typed, cited, queryable data on New Zealand's international cooperation on immigration.

>>> import nzcoop
>>> nzcoop.organisation("Five Country Conference").name
'Migration Five'
"""

from ._api import (
    cited_by,
    dataset,
    engagements,
    events,
    get,
    load,
    lookup,
    organisation,
    organisations,
    sources,
)
from ._dataset import Dataset
from ._errors import (
    DatasetError,
    FilterTypeError,
    InvalidFilterError,
    NzcoopError,
    Problem,
    UnknownNameError,
)
from ._model import (
    Citation,
    Discrepancy,
    Engagement,
    Entity,
    Event,
    Figure,
    Instrument,
    Name,
    Office,
    Organisation,
    Participant,
    Person,
    Place,
    Source,
    Term,
)
from ._version import __version__
from ._vocabulary import (
    Comparison,
    EventKind,
    InstrumentKind,
    NameKind,
    OrganisationKind,
    ParticipantKind,
    PlaceKind,
    Precision,
    Role,
    Theme,
)

__all__ = [
    "Citation",
    "Comparison",
    "Dataset",
    "DatasetError",
    "Discrepancy",
    "Engagement",
    "Entity",
    "Event",
    "EventKind",
    "Figure",
    "FilterTypeError",
    "Instrument",
    "InstrumentKind",
    "InvalidFilterError",
    "Name",
    "NameKind",
    "NzcoopError",
    "Office",
    "Organisation",
    "OrganisationKind",
    "Participant",
    "ParticipantKind",
    "Person",
    "Place",
    "PlaceKind",
    "Precision",
    "Problem",
    "Role",
    "Source",
    "Term",
    "Theme",
    "UnknownNameError",
    "__version__",
    "cited_by",
    "dataset",
    "engagements",
    "events",
    "get",
    "load",
    "lookup",
    "organisation",
    "organisations",
    "sources",
]


def __dir__() -> list[str]:
    return __all__
