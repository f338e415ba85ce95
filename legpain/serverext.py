"""A Jupyter server extension: a course notebook opens with the running Python's version in its language_info.

Why: JupyterLab writes the kernel's ``language_info`` into a notebook's metadata when the kernel starts
(``NotebookPanel._updateLanguage`` -> ``setMetadata("language_info", ...)``, packages/notebook/src/panel.ts) and the
shared model marks the notebook changed unless the stored value is deep-equal to the kernel's (``YNotebook.setMetadata``
in @jupyter/ydoc). The course stores ipykernel's language_info for the course's Python
(:data:`legpain.common.notebooks.LANGUAGE_INFO`); ipykernel's differs between Pythons only in ``version``
(``sys.version.split()[0]``). On any other Python every notebook would therefore be "unsaved" the moment it opens.

What: when the server hands a notebook to the browser, a stored language_info that is ipykernel's apart from the
version gets the version of the Python the notebook's kernel will run (the server's own, for the native ``python3``
kernel of the course's environment). The file on disk is not touched; the kernel then writes the same value, so
nothing changes. Anything else (another kernel, another language, a ``python3`` kernel spec that runs another
Python) is handed over as stored.

Enabled by ``jupyter-config/jupyter_server_config.d/legpain.serverext.json`` (``jpserver_extensions``), which
``pip install -r requirements.txt`` puts in ``<env>/etc/jupyter/jupyter_server_config.d/`` (``./jupyter-config`` is a
tiny package holding only that file: the editable install of the course itself writes no data files).
"""

from __future__ import annotations

import sys

__all__ = ["kernel_language_info", "fill_language_info"]

KERNEL_NAME = "python3"


def kernel_language_info() -> dict:
    """ipykernel's language_info for this Python (ipykernel.ipkernel.IPythonKernel.language_info, without importing
    ipykernel into the server; tests/test_language_info.py checks the two are equal)."""
    return {
        "name": "python",
        "version": sys.version.split()[0],
        "mimetype": "text/x-python",
        "codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
        "pygments_lexer": "ipython3",
        "nbconvert_exporter": "python",
        "file_extension": ".py",
    }


def fill_language_info(nb: dict, running: dict | None = None) -> bool:
    """Give notebook JSON ``nb`` the running kernel's language_info if what it stores differs only in ``version``
    and its kernel is the native ``python3``; return whether anything changed."""
    running = running or kernel_language_info()
    meta = nb.get("metadata") or {}
    stored = meta.get("language_info")
    if not isinstance(stored, dict) or (meta.get("kernelspec") or {}).get("name") != KERNEL_NAME:
        return False
    if stored == running or {**stored, "version": None} != {**running, "version": None}:
        return False
    meta["language_info"] = dict(running)
    return True


def _runs_this_python(kernel_spec_manager) -> bool:
    """Whether the ``python3`` kernel spec starts this very Python (the native ipykernel of the environment)."""
    import os

    try:
        argv = kernel_spec_manager.get_kernel_spec(KERNEL_NAME).argv
    except Exception:  # noqa: BLE001 - no such spec, or an unreadable one: leave notebooks alone
        return False
    exe = argv[0] if argv else ""
    if exe in ("python", "python%d" % sys.version_info[0], "python%d.%d" % sys.version_info[:2]):
        return True  # jupyter_client starts these names as sys.executable (KernelManager.format_kernel_cmd)
    try:
        return os.path.samefile(exe, sys.executable)
    except OSError:
        return False


def _mixin(base):
    """A subclass of contents manager class ``base`` whose ``get`` fills a notebook's language_info."""
    import inspect

    def fix(self, model):
        if model and model.get("type") == "notebook" and isinstance(model.get("content"), dict):
            if getattr(self, "_legpain_native", None) is None:
                self._legpain_native = _runs_this_python(self.parent.kernel_spec_manager)
            if self._legpain_native:
                fill_language_info(model["content"])
        return model

    if inspect.iscoroutinefunction(base.get):
        async def get(self, path, content=True, type=None, format=None, **kwargs):  # noqa: A002
            return fix(self, await base.get(self, path, content=content, type=type, format=format, **kwargs))
    else:
        def get(self, path, content=True, type=None, format=None, **kwargs):  # noqa: A002
            return fix(self, base.get(self, path, content=content, type=type, format=format, **kwargs))
    get.__doc__ = f"{base.__name__}.get, with a notebook's language_info version set to the running Python's."
    return type(f"CourseLanguageInfo{base.__name__}", (base,), {"get": get, "_legpain_native": None})


def _jupyter_server_extension_points():
    return [{"module": "legpain.serverext"}]


def _link_jupyter_server_extension(serverapp):
    """Before the server builds its contents manager: use a subclass of the configured class (any class works)."""
    base = serverapp.contents_manager_class
    if not getattr(base, "_legpain_language_info", False):
        cls = _mixin(base)
        cls._legpain_language_info = True
        serverapp.contents_manager_class = cls


def _load_jupyter_server_extension(serverapp):
    serverapp.log.info("legpain: notebooks open with this Python's language_info (%s)", sys.version.split()[0])
