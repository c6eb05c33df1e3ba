"""Typed, cited, queryable data on New Zealand's international cooperation on immigration.

>>> import nzcoop
>>> nzcoop.organisation("Five Country Conference").name
'Migration Five'
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing would double import time
if TYPE_CHECKING:
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
        ArgumentTypeError,
        DatasetError,
        InvalidArgumentError,
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
    "ArgumentTypeError",
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
    "Instrument",
    "InstrumentKind",
    "InvalidArgumentError",
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


# Each public name and the private module it lives in. Modules are imported on first
# access (PEP 562), so `import nzcoop` costs next to nothing and reads no data.
_MODULES = {
    "__version__": "_version",
    "ArgumentTypeError": "_errors",
    "Citation": "_model",
    "cited_by": "_api",
    "Comparison": "_vocabulary",
    "dataset": "_api",
    "Dataset": "_dataset",
    "DatasetError": "_errors",
    "Discrepancy": "_model",
    "Engagement": "_model",
    "engagements": "_api",
    "Entity": "_model",
    "Event": "_model",
    "EventKind": "_vocabulary",
    "events": "_api",
    "Figure": "_model",
    "get": "_api",
    "Instrument": "_model",
    "InstrumentKind": "_vocabulary",
    "InvalidArgumentError": "_errors",
    "load": "_api",
    "lookup": "_api",
    "Name": "_model",
    "NameKind": "_vocabulary",
    "NzcoopError": "_errors",
    "Office": "_model",
    "organisation": "_api",
    "Organisation": "_model",
    "OrganisationKind": "_vocabulary",
    "organisations": "_api",
    "Participant": "_model",
    "ParticipantKind": "_vocabulary",
    "Person": "_model",
    "Place": "_model",
    "PlaceKind": "_vocabulary",
    "Precision": "_vocabulary",
    "Problem": "_errors",
    "Role": "_vocabulary",
    "Source": "_model",
    "sources": "_api",
    "Term": "_model",
    "Theme": "_vocabulary",
    "UnknownNameError": "_errors",
}


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        msg = f"module 'nzcoop' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f"nzcoop.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)
