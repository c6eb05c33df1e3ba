"""Sphinx configuration for the nzcoop documentation.

Build locally with ``python -m sphinx -n -W -b html docs docs/_build/html`` (see
``tools/check.sh`` for the doctest and coverage builders).
"""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

import nzcoop

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "nzcoop"
author = "The nzcoop maintainers"
copyright = "the nzcoop maintainers"
release = nzcoop.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.coverage",
    "myst_parser",
    "sphinxarg.ext",
    "nzcoop_docs",
    "nzcoop_figures",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
nitpicky = True
# Single backticks in docstrings (`Dataset.lookup`) are cross-references, as the
# docstrings are written to be read that way.
default_role = "py:obj"

# -- HTML -------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"nzcoop {release}"

# -- MyST -------------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc and napoleon ---------------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
python_use_unqualified_type_names = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

# -- references to other projects --------------------------------------------------------
# The docs build offline (CI has no network), so they do not link into the Python,
# attrs and cattrs docs: names from those projects show as plain text.

nitpick_ignore_regex = [
    (
        "py:.*",
        (
            r"(collections\.abc|datetime|enum|importlib\.resources\.abc|os|pathlib|textwrap"
            r"|typing)\..*"
        ),
    ),
    ("py:.*", r"(attrs?|cattrs)\..*"),
]

# -- doctest ----------------------------------------------------------------------------
# The same option flags as pytest's doctest run (pyproject.toml), so an example behaves
# the same in the docs and in the test suite.

# Docstring examples run in their module, where the public names are in scope.
doctest_global_setup = "import nzcoop\nfrom nzcoop import *"
doctest_default_flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
trim_doctest_flags = True

# -- coverage ---------------------------------------------------------------------------
# sphinx.ext.coverage only counts objects whose ``__module__`` is a documented module,
# and every public name of nzcoop is defined in a private module (``nzcoop._api``) and
# re-exported, so on its own it would report 100% whatever is missing. `nzcoop_docs`
# therefore checks the public API itself when the coverage builder runs: every name in
# ``nzcoop.__all__`` and every public member of each public class must be documented,
# and every public function, class and method must carry a ``>>>`` example; each gap is
# a warning (so ``-W`` fails the build) and is listed in ``_build/coverage/python.txt``.

coverage_show_missing_items = True
coverage_statistics_to_stdout = True
coverage_statistics_to_report = True
