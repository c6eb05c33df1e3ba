"""Run the command line: ``python -m nzcoop`` (the ``nzcoop`` script calls `main`)."""

from ._cli import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(main())
