"""Old module paths of the second edition keep importing for one release, with a DeprecationWarning.

The third edition moved the package's flat modules into subpackages (``legpain.roots`` is now
``legpain.topics.nerve_roots``, ``legpain.bank`` is ``legpain.checking.bank``, ...). A student's saved notebook, an
instructor's script or an installed Jupyter config may still name an old path: a finder on ``sys.meta_path`` answers
for exactly the names in :data:`MOVED` and hands back the new module itself (one module object under two names, so
state such as recorded answers is shared), after a warning that names the new path.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings

#: old dotted path -> new dotted path (remove after one release)
MOVED = {
    "legpain.alignment": "legpain.authoring.objectives",
    "legpain.allocation": "legpain.topics.allocation",
    "legpain.anatomy": "legpain.topics.anatomy",
    "legpain.answers": "legpain.checking.answers",
    "legpain.appraisal": "legpain.topics.appraisal",
    "legpain.assign": "legpain.authoring.assign",
    "legpain.bank": "legpain.checking.bank",
    "legpain.checks": "legpain.checking.student",
    "legpain.consort": "legpain.topics.consort",
    "legpain.course": "legpain.common.layout",
    "legpain.display": "legpain.ui.display",
    "legpain.feedback": "legpain.checking.feedback",
    "legpain.figures": "legpain.ui.figures",
    "legpain.frames": "legpain.ui.screen",
    "legpain.hub": "legpain.classroom.hub",
    "legpain.lms": "legpain.classroom.lms",
    "legpain.notebooks": "legpain.common.notebooks",
    "legpain.practice": "legpain.topics.practice",
    "legpain.questions": "legpain.checking.questions",
    "legpain.results": "legpain.topics.trial_results",
    "legpain.rob2": "legpain.topics.rob2",
    "legpain.roots": "legpain.topics.nerve_roots",
    "legpain.scoring": "legpain.checking.scoring",
    "legpain.site": "legpain.authoring.site",
    "legpain.sources": "legpain.topics.sources",
    "legpain.stats": "legpain.topics.stats",
    "legpain.student_progress": "legpain.grading.progress",
    "legpain.trial": "legpain.topics.trial",
    "legpain.widgets": "legpain.ui.demos",
    "legpain.grading.items": "legpain.grading.item_analysis",
    "legpain.grading.report": "legpain.grading.gradebook",
    **{f"legpain.bank.set{n:02d}": f"legpain.checking.bank.set{n:02d}" for n in range(10)},
}


class _Alias(importlib.abc.Loader):
    def __init__(self, new: str):
        self.new = new

    def create_module(self, spec):
        return importlib.import_module(self.new)

    def exec_module(self, module):
        """Nothing to run: the new module ran when it was imported."""


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        new = MOVED.get(fullname)
        if new is None:
            return None
        warnings.warn(f"{fullname} moved to {new} in the third edition; the old name works for one release",
                      DeprecationWarning, stacklevel=2)
        loader = _Alias(new)
        module = importlib.import_module(new)
        return importlib.util.spec_from_loader(fullname, loader, is_package=hasattr(module, "__path__"))


# first on the path: it answers only for the old names, and must do so before the path finder would load a second
# copy of a file through the new package's folder (legpain.bank.set02 through legpain.checking.bank's __path__)
if not any(isinstance(f, _Finder) for f in sys.meta_path):
    sys.meta_path.insert(0, _Finder())
