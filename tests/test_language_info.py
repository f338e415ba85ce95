"""The server extension legpain.serverext: a course notebook opens with the running Python's language_info, so
JupyterLab has nothing to change when the kernel starts and does not mark the notebook unsaved on any Python."""

import json
from pathlib import Path
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request

import pytest

from legpain.common import notebooks
from legpain import serverext
from helpers import ROOT

CONFIG = ROOT / "jupyter-config" / "jupyter_server_config.d" / "legpain.serverext.json"


def _nb(version="3.99.0", kernel="python3", **changes):
    info = {**notebooks.LANGUAGE_INFO, "version": version, **changes}
    return {"metadata": {"kernelspec": {**notebooks.KERNELSPEC, "name": kernel}, "language_info": info},
            "cells": [], "nbformat": 4, "nbformat_minor": 5}


def test_running_language_info_is_what_ipykernel_reports():
    """What the extension fills in is exactly the language_info the installed ipykernel sends for this Python."""
    from ipykernel.ipkernel import IPythonKernel

    assert serverext.kernel_language_info() == IPythonKernel.language_info


def test_stored_language_info_of_another_python_gets_the_running_version():
    """A notebook stored for another Python (only the version differs) opens with the running Python's."""
    nb = _nb("3.99.0")
    assert serverext.fill_language_info(nb) is True
    assert nb["metadata"]["language_info"] == serverext.kernel_language_info()


@pytest.mark.parametrize("nb", [_nb(sys.version.split()[0]), _nb(kernel="ir"), _nb(name="R"),
                                _nb(pygments_lexer="ipython2"), {"metadata": {}, "cells": []}],
                         ids=["same-python", "other-kernel", "other-language", "other-field", "no-metadata"])
def test_anything_else_is_left_as_stored(nb):
    """Only the version is ever changed, and only for the python3 kernel's Python language_info."""
    before = json.dumps(nb, sort_keys=True)
    assert serverext.fill_language_info(nb) is False
    assert json.dumps(nb, sort_keys=True) == before


def test_config_enables_the_extension_and_pip_installs_it():
    """The Jupyter config file enables legpain.serverext; jupyter-config/ is a tiny package whose content is that
    file, installed into <env>/etc/jupyter/jupyter_server_config.d/ by requirements.txt (the course itself is
    installed editable, and editable installs write no data files), and JupyterLab's settings overrides."""
    assert json.loads(CONFIG.read_text())["ServerApp"]["jpserver_extensions"] == {"legpain.serverext": True}
    package = tomllib.loads((ROOT / "jupyter-config" / "pyproject.toml").read_text())
    data = package["tool"]["setuptools"]["data-files"]
    assert data == {"etc/jupyter/jupyter_server_config.d": [str(CONFIG.relative_to(ROOT / "jupyter-config"))],
                    "share/jupyter/lab/settings": ["lab-settings/overrides.json"]}  # JupyterLab's (test_course.py)
    assert "data-files" not in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    lines = (ROOT / "requirements.txt").read_text().split()
    assert "./jupyter-config" in lines and lines.index("./jupyter-config") > lines.index("-e")
    installed = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d" / CONFIG.name
    assert installed.exists(), "pip install -r requirements.txt installs the config into the environment"


def test_a_real_server_serves_the_running_version_and_leaves_the_file_alone(tmp_path):
    """A Jupyter server with the course's config hands a notebook stored for another Python to the browser with
    this Python's language_info; the file on disk keeps what it stored."""
    path = tmp_path / "course" / "nb.ipynb"
    path.parent.mkdir()
    path.write_text(json.dumps(_nb("3.99.0")))
    stored = path.read_bytes()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(CONFIG.parents[1]), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "server", "--no-browser", "--allow-root", "--ServerApp.token=",
         "--ServerApp.password=", "--IdentityProvider.token=", "--ip", "127.0.0.1", "--port", str(port),
         f"--ServerApp.root_dir={path.parent}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/nb.ipynb?content=1",
                                            timeout=2) as r:
                    model = json.load(r)
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the Jupyter server did not start"
                time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert model["content"]["metadata"]["language_info"] == serverext.kernel_language_info()
    assert path.read_bytes() == stored
