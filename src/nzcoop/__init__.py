"""Typed, cited, queryable data on New Zealand's international cooperation on immigration.

>>> import nzcoop
>>> nzcoop.organisation("Five Country Conference").name
'Migration Five'

The public names are those that the modules of `_PUBLIC` list in their ``__all__``:
the records and their vocabularies, the errors, `Dataset`, `load`, the functions over
the packaged data, and the cattrs `converter`. They are imported on first use (PEP 562), so that
``import nzcoop`` itself imports neither attrs nor cattrs and reads no data.
"""

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing would slow the import
if TYPE_CHECKING:  # type checkers read the names from the modules' __all__
    from ._convert import *  # noqa: F403
    from ._dataset import *  # noqa: F403
    from ._diff import *  # noqa: F403
    from ._errors import *  # noqa: F403
    from ._export import *  # noqa: F403
    from ._files import *  # noqa: F403
    from ._model import *  # noqa: F403
    from ._packaged import *  # noqa: F403
    from ._version import *  # noqa: F403
    from ._vocabulary import *  # noqa: F403

    __all__: list[str]

_PUBLIC = (
    "_version",
    "_vocabulary",
    "_errors",
    "_model",
    "_packaged",
    "_files",
    "_convert",
    "_dataset",
    "_diff",
    "_export",
)
"""The modules whose ``__all__`` make up the public namespace, the cheapest first."""

if not TYPE_CHECKING:  # pragma: no branch - hidden from type checkers, which see the imports

    def __getattr__(name: str) -> object:
        import importlib

        namespace = globals()
        for module_name in _PUBLIC:  # importing only as far as the module that has *name*
            module = importlib.import_module(f"{__name__}.{module_name}")
            namespace.update((public, getattr(module, public)) for public in module.__all__)
            if name in namespace:  # a submodule just imported is there too
                return namespace[name]
        if name == "__all__":
            namespace["__all__"] = sorted(
                public
                for module_name in _PUBLIC
                for public in importlib.import_module(f"{__name__}.{module_name}").__all__
            )
            return namespace["__all__"]
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)

    def __dir__() -> list[str]:
        return list(__getattr__("__all__"))  # type: ignore[arg-type]
