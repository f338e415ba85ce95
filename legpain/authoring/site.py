"""The course as a static web site: ``python -m legpain site --out _site``.

Every lesson is executed in a fresh kernel (demos render once, with their starting values, followed by a small
gallery of their key states: :meth:`legpain.ui.demos.Demo.gallery_html`) and converted to HTML
with nbconvert's JupyterLab template; exercise notebooks are converted as they are (not run); the source
documents are copied with their provenance page; an index page lists the lessons from their own first cells.
Links between notebooks (``.ipynb``) and to Markdown files are rewritten to the HTML pages, and
:func:`broken_links` checks every internal link of the result.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..common.layout import set_files
from ..common.notebooks import COURSE_ROOT, lesson_info, read

__all__ = ["build_site", "broken_links"]

_HREF = re.compile(r"""(href|src)=(["'])([^"']+)\2""")


def _rewrite(url: str) -> str:
    """.ipynb -> .html; README.md at the top -> index.html; other .md -> .html (links only, not external ones)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "data:", "mailto:")):
        return url
    path = parts.path
    if path.endswith(".ipynb"):
        path = path[: -len(".ipynb")] + ".html"
    elif re.fullmatch(r"(\.\./)*README\.md", path):
        path = path[: -len("README.md")] + "index.html"
    elif path.endswith(".md"):
        path = path[: -len(".md")] + ".html"
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def _fix_links(text: str) -> str:
    return _HREF.sub(lambda m: f"{m.group(1)}={m.group(2)}{_rewrite(m.group(3))}{m.group(2)}", text)


def _execute(path: Path, timeout: int):
    from nbclient import NotebookClient

    nb = read(path)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


# nbconvert's JupyterLab template, made readable for everyone (WCAG 2.1 AA; tests/test_axe.py runs axe-core on the
# site): prompts and code colours with at least 4.5:1 contrast on their background (the template's grey prompts are
# 2.2:1, its comments 4.2:1, its numbers 4.3:1), links underlined (told apart from text by more than colour), and
# long code or output lines wrapped rather than put in a box that scrolls sideways (a keyboard cannot scroll it).
SITE_CSS = """
:root {
  --jp-mirror-editor-atom-color: #4040c0; --jp-mirror-editor-attribute-color: #0000cc;
  --jp-mirror-editor-bracket-color: #5c5c33; --jp-mirror-editor-builtin-color: #006b00;
  --jp-mirror-editor-comment-color: #2e6666; --jp-mirror-editor-def-color: #0000ee;
  --jp-mirror-editor-error-color: #c00000; --jp-mirror-editor-header-color: #0000cc;
  --jp-mirror-editor-hr-color: #595959; --jp-mirror-editor-keyword-color: #006b00;
  --jp-mirror-editor-link-color: #0000cc; --jp-mirror-editor-meta-color: #8a1fd0;
  --jp-mirror-editor-number-color: #006b00; --jp-mirror-editor-operator-color: #8a1fd0;
  --jp-mirror-editor-property-color: #004f9e; --jp-mirror-editor-punctuation-color: #004f9e;
  --jp-mirror-editor-qualifier-color: #555555; --jp-mirror-editor-quote-color: #006b00;
  --jp-mirror-editor-string-color: #a31d1d; --jp-mirror-editor-tag-color: #006b00;
  --jp-mirror-editor-variable-color: #1a1a1a;
  --jp-cell-prompt-not-active-font-color: #595959; --jp-cell-inprompt-font-color: #595959;
  --jp-cell-outprompt-font-color: #595959; --jp-cell-prompt-not-active-opacity: 1;
}
.jp-Notebook .jp-Cell .jp-InputPrompt, .jp-Notebook .jp-Cell .jp-OutputPrompt { color: #595959; opacity: 1; }
a, .jp-RenderedHTMLCommon a, .jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited {
  text-decoration: underline; }
.jp-RenderedHTMLCommon a:hover, .jp-RenderedHTMLCommon a:focus { text-decoration-thickness: 2px; }
a:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
.highlight pre, .jp-OutputArea-output pre, .jp-RenderedText pre {
  white-space: pre-wrap; overflow-wrap: anywhere; overflow-x: visible; }
.jp-OutputArea-output, .jp-RenderedHTMLCommon { overflow-x: visible; }
"""


def _to_html(nb, title: str) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    body = body.replace("</head>", f"<style>{SITE_CSS}</style>\n</head>", 1)
    back = ("<nav style='font-family:system-ui,sans-serif;padding:.5em 1em;border-bottom:1px solid #ccc'>"
            "<a href='../index.html'>Back-Related Leg Pain — from Anatomy to Evidence</a></nav>")
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + back, body, count=1)
    return _fix_links(body)


def _markdown_page(md_text: str, title: str, home: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    body = _fix_links(markdown2html_mistune(md_text))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            "<style>body{font-family:system-ui,sans-serif;max-width:62em;margin:2em auto;padding:0 1em;"
            "line-height:1.5}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.3em .6em;"
            "vertical-align:top}code{background:#f3f3f3;padding:0 .2em}</style></head><body>"
            f"<nav><a href='{home}'>Course home</a></nav>{body}</body></html>")


def build_site(out: str | Path = "_site", root: Path = COURSE_ROOT, timeout: int = 180, workers: int = 2) -> Path:
    """Build the site into ``out`` (replaced if it exists) and return its index page."""
    root, out = Path(root), Path(out)
    os.environ["LEGPAIN_HEADLESS"] = "1"  # kernels started below inherit it: demos render statically ...
    os.environ["LEGPAIN_GALLERY"] = "1"  # ... each with a small gallery of its key states
    os.environ.setdefault("MPLBACKEND", "Agg")
    if out.exists():
        shutil.rmtree(out)
    for d in ("lessons", "exercises", "sources"):
        (out / d).mkdir(parents=True)
    lessons = sorted((root / "lessons").glob("[0-9][0-9]-*.ipynb"))
    infos = [lesson_info(p) for p in lessons]

    def one(path: Path) -> None:
        nb = _execute(path, timeout)
        (out / "lessons" / f"{path.stem}.html").write_text(_to_html(nb, lesson_info(path, nb).title),
                                                           encoding="utf-8")

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        list(pool.map(one, lessons))
    for path in sorted((root / "exercises").glob("*.ipynb")):
        (out / "exercises" / f"{path.stem}.html").write_text(_to_html(read(path), path.stem), encoding="utf-8")
    for path in sorted((root / "sources").iterdir()):
        if path.suffix == ".txt":
            shutil.copy(path, out / "sources" / path.name)
    readme = (root / "sources" / "README.md").read_text(encoding="utf-8")
    (out / "sources" / "README.html").write_text(_markdown_page(readme, "The five source documents",
                                                                "../index.html"), encoding="utf-8")
    rows = "".join(
        f"<tr><td>{i.number}</td><td><a href='lessons/{i.path.stem}.html'>{html.escape(i.title)}</a></td>"
        f"<td>{i.minutes_text}</td><td><ul>{''.join(f'<li>{html.escape(o)}</li>' for o in i.objectives)}</ul></td>"
        + (f"<td><a href='exercises/{set_files(i.path.stem, root).exercise.stem}.html'>exercises</a></td>"
           if set_files(i.path.stem, root).exercise.exists() else "<td>—</td>")
        + "</tr>" for i in infos)
    intro = (root / "README.md").read_text(encoding="utf-8").split("## Lessons")[0]
    index = _markdown_page(intro, "Back-Related Leg Pain — from Anatomy to Evidence", "index.html")
    table = ("<h2>Lessons</h2><table><tr><th>#</th><th>Lesson</th><th>Minutes</th><th>You will be able to</th>"
             f"<th>Exercises</th></tr>{rows}</table><p><a href='sources/README.html'>The five source documents"
             "</a> · run the notebooks yourself: see the repository's README.</p>")
    (out / "index.html").write_text(index.replace("</body>", table + "</body>"), encoding="utf-8")
    return out / "index.html"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and tag in ("a", "img", "link", "script"):
                self.urls.append(value)


def broken_links(site: str | Path) -> list[str]:
    """Every internal link (href/src to a file of the site) whose target is missing: ``page -> link``."""
    site = Path(site)
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("#", "data:", "mailto:", "javascript:")):
                continue
            if not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.exists() or not str(target).startswith(str(site.resolve())):
                broken.append(f"{page.relative_to(site).as_posix()} -> {url}")
    return broken
