"""Interactive demos that also work without a browser.

``demo(func, **controls)`` shows sliders or menus over a pure function ``func`` that returns a figure (or anything
Jupyter can show). In JupyterLab, moving a control calls ``func`` again and updates the picture in place. Where no
browser front end is attached — nbval, the grader, the static site, a plain Python shell, or any run with the
environment variable ``LEGPAIN_HEADLESS=1`` — it shows ``func`` once, with the controls' starting values, so that the
figure is still there (and, on the static site, a small gallery of the demo's key states). Unit tests call ``func``
directly, or :meth:`Demo.render` with chosen values.

One mechanism serves every demo (nothing per demo):

* **Fast updates.** The picture is a :class:`legpain.ui.screen.Screen` that stays on the page. The kernel draws the
  setting on screen and, while the student reads it, the settings one step away (the next step of the control moved
  last first); the browser keeps every picture it gets and paints the one for a new setting as soon as a control
  moves, without a round trip to the kernel. A setting not drawn yet follows from the kernel as before. Drawing is
  cheap too: straight from matplotlib's Agg canvas into a quickly compressed PNG at a fixed on-screen size (no
  ``bbox_inches='tight'``, which draws twice). Changes that arrive while a picture is being drawn are merged, so
  dragging a slider stays continuous instead of queueing; only the demo moved last draws ahead, and the browser
  holds at most :data:`legpain.ui.screen.MAX_FRAMES` pictures and :data:`~legpain.ui.screen.MAX_BYTES` bytes
  of a demo, forgetting those used longest ago (``LEGPAIN_DRAW_AHEAD=0`` turns drawing ahead off). A figure may also
  offer ``fig.legpain_update(**values)``, which updates its artists in place (no rebuild, frozen layout); if it also
  lists those artists in ``fig.legpain_animated``, only they are drawn again, over a kept picture of the rest
  (blitting). An axis in that list belongs to the kept picture, which is kept once per state of the axes (limits,
  tick labels, texts: :func:`_static_key`), so a figure that keeps its limits on a few round values
  (:func:`legpain.ui.figures.round_up`) draws its axes rarely. Text is drawn from kept glyph pictures
  (:mod:`legpain.ui.glyphs`, the same pixels). :func:`legpain.topics.start_here.percent_improvement_figure` does
  the first two.
* **Vector frames.** Such a figure is not even drawn in the kernel: its changing artists are recorded as drawing
  instructions (:mod:`legpain.ui.vector`: outlines, markers and glyphs in matplotlib's own font), which the browser
  draws on a canvas over the kept picture of the rest (sent once per state of the axes, as PNG). An axis that
  changes is instructions too, kept per state of the axis. A figure whose changing part the browser cannot be told
  to draw (an image, a clip path that is not a rectangle) is sent as PNG frames; ``LEGPAIN_VECTOR=0`` sends every
  figure so.
* **One drawing thread.** ipykernel 7 hands widget messages to a thread of their own; a change arriving there only
  marks the demo, and every drawing runs on the loop of the thread that made the demo (:meth:`_LiveDemo.schedule`).
* **Layout** (:data:`LAYOUT`): the description above each control, controls in a grid of equal columns (so sliders
  with the same range put their handles at the same place for the same value), a minimum track width, a value
  readout, menus as wide as their longest option, and figures drawn at a size that keeps their text 10–14 px on
  screen and the controls plus the figure within one 1300×900 window.
* **Keyboard**: keys pressed in a demo's control never trigger JupyterLab's notebook shortcuts (arrow keys, ``b``,
  ``d d``; ipywidgets issue #3912): while such a key is handled, the notebook carries the ``jp-mod-readWrite`` mark
  that JupyterLab sets itself while a text field has focus (a few lines of the widget's script,
  ``static/screen.js``).
* **Reopened notebooks**: a demo whose live state is gone says "run this cell" instead of "Error displaying widget:
  model not found".
"""

from __future__ import annotations

import html
import io
import os
import threading
from dataclasses import dataclass
from typing import Any, Callable

__all__ = ["demo", "Demo", "slider", "int_slider", "menu", "headless", "LAYOUT", "figure_png"]


@dataclass(frozen=True)
class Layout:
    """The layout convention of every demo (sizes in CSS pixels at 100% zoom)."""

    column_min: int = 300       # a grid column (description above, control below) is at least this wide
    compact_after: int = 6      # a demo with more controls puts each description beside its control ...
    compact_column_min: int = 420  # ... in columns at least this wide ...
    compact_label: int = 160       # ... with descriptions this wide, so equal tracks line up
    track_min: int = 200        # a slider's track is never narrower than this
    figure_max_width: int = 860   # a figure is drawn at most this wide on screen ...
    window_height: int = 780      # ... and controls plus figure fit this height (a 1300x900 window, less JupyterLab)
    dpi: int = 84                 # 8-12 pt figure text is 9.3-14 px on screen at this resolution
    min_dpi: int = 64             # a large figure is drawn smaller, down to this resolution
    columns: int = 2              # columns of controls assumed when estimating their height (860 px / 300 px)

    @property
    def figure_max_height(self) -> int:
        return self.window_height - 260

    def controls_height(self, n_cells: int, n_full_rows: int, compact: bool, labels: list[str] = ()) -> int:
        """Estimated height of the title and the grid of controls (descriptions wrap at ~7 px a character)."""
        if not compact or not labels:
            row = 36 if compact else 58
            return 30 + row * (-(-n_cells // self.columns) + n_full_rows)
        heights = [max(34, 10 + 17 * -(-len(text) * 7 // self.compact_label)) for text in labels]
        rows = [max(heights[i:i + self.columns]) for i in range(0, len(heights), self.columns)]
        return 30 + sum(rows) + 3 * len(rows) + 40 * n_full_rows  # rows and the gaps between them


LAYOUT = Layout()


def headless() -> bool:
    """True where no widget front end can be reached (see the module docstring)."""
    if os.environ.get("LEGPAIN_HEADLESS", "") not in ("", "0"):
        return True
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return True
    ip = get_ipython()
    return ip is None or not hasattr(ip, "kernel")


def _style():
    return {"description_width": "initial"}


def _readout_format(step: float) -> str:
    text = f"{step:g}"
    decimals = len(text.split(".")[1]) if "." in text else 0
    return f".{decimals}f"


def slider(label: str, min: float, max: float, value: float, step: float = 0.1, **kw):
    """A slider for a decimal value, labelled in the words of the lesson ("Leg pain at the start")."""
    import ipywidgets as w

    kw.setdefault("readout_format", _readout_format(step))
    return w.FloatSlider(value=value, min=min, max=max, step=step, description=label, style=_style(),
                         continuous_update=True, layout=w.Layout(width="460px"), **kw)


def int_slider(label: str, min: int, max: int, value: int, step: int = 1, **kw):
    """A slider for a whole number (patients, trials)."""
    import ipywidgets as w

    return w.IntSlider(value=value, min=min, max=max, step=step, description=label, style=_style(),
                       continuous_update=True, layout=w.Layout(width="460px"), **kw)


def menu(label: str, options, value=None, **kw):
    """A drop-down menu; ``options`` is a list of values or of ``(text, value)`` pairs."""
    import ipywidgets as w

    dd = w.Dropdown(options=options, description=label, style=_style(), **kw)
    if value is not None:
        dd.value = value
    return dd


def figure_dpi(fig, layout: Layout = LAYOUT, max_height: int | None = None) -> float:
    """The resolution at which a figure is shown live: :attr:`Layout.dpi`, less if the figure would not fit
    ``max_height`` px (default :attr:`Layout.figure_max_height`) or :attr:`Layout.figure_max_width`."""
    w, h = fig.get_size_inches()
    max_height = max_height or layout.figure_max_height
    return max(layout.min_dpi, min(layout.dpi, layout.figure_max_width / w, max_height / h))


def figure_png(fig, dpi: float | None = None) -> bytes:
    """The figure as PNG, drawn once on its Agg canvas and lightly compressed (fast: what a live demo sends)."""
    buf = io.BytesIO()
    dpi = dpi or figure_dpi(fig)
    _fast_text(fig, dpi)
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white", metadata={"Software": None},
                pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def _fast_text(fig, dpi) -> None:
    """Text in this figure drawn with kept glyph pictures (:mod:`legpain.ui.glyphs`: the same pixels, faster)."""
    from .glyphs import speed_up

    if hasattr(fig.canvas, "get_renderer"):
        fig.set_dpi(dpi)
        speed_up(fig.canvas.get_renderer())


def _background(fig, animated, dpi):
    """Draw the figure once at ``dpi`` without its changing artists, and keep that picture (for blitting)."""
    _fast_text(fig, dpi)
    for artist in animated:
        artist.set_animated(True)
    fig.canvas.draw()
    return fig.canvas.copy_from_bbox(fig.bbox)


def vector_enabled() -> bool:
    """Whether live demos send drawing instructions (:mod:`legpain.ui.vector`) where a figure allows: yes, unless
    ``LEGPAIN_VECTOR=0`` (every setting is then a PNG, as before; ``benchmarks/browser.py --png``)."""
    return os.environ.get("LEGPAIN_VECTOR", "1").strip() != "0"


def _digest(key) -> str:
    import hashlib

    return hashlib.sha1(repr(key).encode()).hexdigest()[:16]


def _axis_state(axis) -> tuple:
    """What an axis draws, as a key: its axes' place and limits, its label, tick labels and tick places (the part
    of :func:`_static_key` for one axis)."""
    ax = axis.axes
    return (tuple(round(v, 6) for v in ax.get_position().bounds), tuple(ax.get_xlim()), tuple(ax.get_ylim()),
            axis.label.get_text(), tuple(t.get_text() for t in axis.get_ticklabels()), tuple(axis.get_ticklocs()))


def _legend_state(artist, dpi) -> tuple | None:
    """What a legend draws, as a key, where that depends on nothing an update changes but its own texts: its place
    is fixed (not "best", which follows the data), its handles are its own copies. None for any other artist, or a
    legend placed by the data (recorded every time). Recording a legend costs about 5 ms (lesson 05's CI dance).
    A new figure (:meth:`_LiveDemo.figure_frame`, not in place) clears what was kept, so ``id`` stays unique."""
    from matplotlib.legend import Legend

    if not isinstance(artist, Legend) or artist._loc == 0 or artist.get_draggable():
        return None
    ax = artist.axes

    def look(h):
        get = getattr(h, "get_color", None) or getattr(h, "get_facecolor", None)
        return (type(h).__name__, str(get()) if get else None, h.get_visible())

    return ("legend", id(artist), round(dpi, 3), artist.get_visible(), artist._loc,
            tuple(round(v, 3) for v in artist.get_bbox_to_anchor().bounds),
            tuple(round(v, 6) for v in ax.get_position().bounds) if ax is not None else None,
            tuple((t.get_text(), str(t.get_color()), t.get_visible())
                  for t in [artist.get_title(), *artist.get_texts()]),
            tuple(look(h) for h in artist.legend_handles))


AXIS_STATES = 256  # an axis' (or a legend's) drawing instructions kept per state (a few KB each)
BACKGROUNDS = 32  # kept pictures of a figure's unchanging rest, one per state of its axes (about 1.2 MB each)


def _split(animated) -> tuple[list, list]:
    """The artists an update changes, split into axes (their ticks, tick labels and label: part of the kept
    background, drawn again only when their state is new) and the rest (drawn over the background every time)."""
    from matplotlib.axis import Axis

    axes = [a for a in animated if isinstance(a, Axis)]
    return axes, [a for a in animated if not isinstance(a, Axis)]


def _limits_matter(ax, moving: set) -> tuple[bool, bool]:
    """Whether what an axes' kept picture shows depends on its x and its y limits: some unchanging artist of it is
    placed in data coordinates along that direction (a line, a patch, a collection's offsets, an axis that is not
    drawn anew; an annotation or a spine with data bounds: both). Its background, frame and titles do not."""
    from matplotlib.axis import Axis, XAxis
    from matplotlib.lines import Line2D
    from matplotlib.spines import Spine
    from matplotlib.text import Annotation, Text

    x = y = False

    def in_data(transform) -> tuple[bool, bool]:
        if transform is None:
            return False, False
        return tuple(transform.contains_branch_seperately(ax.transData))

    for child in ax.get_children():
        if x and y:
            break
        if id(child) in moving or child is ax.patch or not child.get_visible():
            continue
        if isinstance(child, Axis):
            x, y = (True, y) if isinstance(child, XAxis) else (x, True)
            continue
        if isinstance(child, Annotation) or type(child).__name__ == "AnnotationBbox":
            return True, True
        if type(child).__name__ == "Legend" and getattr(child, "_loc", None) == 0:
            return True, True  # placed "best": where the data leaves room
        if isinstance(child, Spine):
            position = getattr(child, "_position", None)
            if getattr(child, "_bounds", None) is not None or (isinstance(position, tuple) and position[0] == "data"):
                return True, True
            continue
        if isinstance(child, Text) and not child.get_text():
            continue
        if isinstance(child, Line2D) and not len(child.get_xdata()):
            continue  # an empty line (a legend's sample) draws nothing
        for transform in (child.get_transform(), getattr(child, "get_offset_transform", lambda: None)()):
            dx, dy = in_data(transform)
            x, y = x or dx, y or dy
    return x, y


def _static_key(fig, axis_parts, moving, dpi) -> tuple:
    """What the kept background of a figure shows, as a key: every axes' place and limits, the tick labels and
    label of each axis an update may change, and every text that is not drawn anew each time. Two states with the
    same key have the same background, pixel for pixel, so a background drawn once serves every setting that shares
    it (a figure keeps its limits on a few round values so that many settings do)."""
    moving = set(map(id, moving))  # (an axis in axis_parts is part of the kept picture: its limits matter)
    parts = [round(dpi, 3)]
    for ax in fig.axes:
        x, y = _limits_matter(ax, moving)
        limits = (tuple(ax.get_xlim()) if x else (), tuple(ax.get_ylim()) if y else ())
        parts.append((tuple(round(v, 6) for v in ax.get_position().bounds), limits))
        titles = [getattr(ax, name, None) for name in ("title", "_left_title", "_right_title")]
        parts.append(tuple(t.get_text() for t in (*titles, *ax.texts) if t is not None and id(t) not in moving))
    parts.append(tuple(t.get_text() for t in fig.texts if id(t) not in moving))
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and id(suptitle) not in moving:
        parts.append(suptitle.get_text())
    for axis in axis_parts:
        parts.append((axis.label.get_text(), tuple(t.get_text() for t in axis.get_ticklabels()),
                      tuple(axis.get_ticklocs())))
    return tuple(parts)


def _blit_png(fig, animated, background) -> bytes:
    """The figure as PNG by blitting: the kept background, then only the artists that change drawn over it."""
    canvas = fig.canvas
    canvas.restore_region(background)
    for artist in animated:
        fig.draw_artist(artist)
    return _canvas_png(fig)


def _canvas_png(fig) -> bytes:
    """What the figure's Agg canvas holds now, as a lightly compressed PNG."""
    import numpy as np
    from matplotlib.image import imsave

    buf = io.BytesIO()
    imsave(buf, np.asarray(fig.canvas.buffer_rgba()), format="png", pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def _is_figure(obj) -> bool:
    return hasattr(obj, "savefig") and hasattr(obj, "get_size_inches")


def _option_labels(control) -> list[str]:
    return [str(label) for label in getattr(control, "_options_labels", ())]


def _menu_px(control) -> int:
    """Width a menu needs to show its longest option whole (13 px sans-serif: ~7.2 px a character, plus arrow)."""
    longest = max((len(t) for t in _option_labels(control)), default=4)
    return int(longest * 7.2) + 40


# A demo whose live state is gone (the notebook was saved and reopened, no kernel): say what to do. This one rule
# goes with the demo's output, not with the widget's style (static/screen.css), because no widget is there to bring
# it: the output is all that is left. Every other rule, and all script, comes with the widget (legpain.ui.screen).
_REOPENED = """<style>
.jp-OutputArea-output.jupyter-widgets:not(:has(*)) { font-size: 0; }
.jp-OutputArea-output.jupyter-widgets:not(:has(*))::before {
  content: "This demo is not running: click in this cell and press Shift+Enter (or Run All) to use it.";
  font-size: 13px; font-style: italic; color: var(--jp-ui-font-color2, #555); }
</style>"""


class Demo:
    """A pure function and the controls that feed it. Display it (last line of a cell) to use it."""

    def __init__(self, func: Callable[..., Any], controls: dict[str, Any], title: str = "",
                 states: list[dict[str, Any]] | None = None, resets: dict[str, dict[str, Any]] | None = None):
        self.func = func
        self.resets = dict(resets or {})
        for a, targets in self.resets.items():
            unknown = ({a} | set(targets)) - set(controls)
            if unknown:
                raise TypeError(f"resets= names no control {sorted(unknown)}; this demo has {sorted(controls)}")

            def reset(_change=None, targets=targets):
                for b, v in targets.items():
                    controls[b].value = v

            controls[a].observe(reset, names="value")  # before the live demo's own observer: the reset comes first
        self.controls = controls
        self.title = title
        self.states = states
        self.labels = {name: getattr(c, "description", name) or name for name, c in controls.items()}
        self._live = None

    def _option_index(self, name: str, value) -> int:
        values = list(getattr(self.controls[name], "_options_values", ()))
        if value not in values:
            raise TypeError(f"resets= can only set a menu to one of its options; {value!r} is not one of {name!r}'s")
        return values.index(value)

    @property
    def defaults(self) -> dict[str, Any]:
        return {name: c.value for name, c in self.controls.items()}

    def render(self, **values) -> Any:
        """What the demo shows for these control values (the others at their current values)."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise TypeError(f"no control named {sorted(unknown)}; this demo has {sorted(self.controls)}")
        return self.func(**{**self.defaults, **values})

    # -- the static gallery --------------------------------------------------------------------------------------

    def key_states(self) -> list[dict[str, Any]]:
        """The states the static site shows besides the starting one: ``states=`` if given, else up to three
        other values of the first control (a menu's next options; a slider's two ends)."""
        if self.states is not None:
            return [dict(s) for s in self.states]
        if not self.controls:
            return []
        name, c = next(iter(self.controls.items()))
        start = c.value
        if hasattr(c, "options"):
            values = [v for v in getattr(c, "_options_values", ()) if v != start]
        else:
            values = [v for v in (c.min, c.max) if v != start]
        return [{name: v} for v in values[:3]]

    def describe(self, values: dict[str, Any]) -> str:
        """A state in the lesson's words: "Degenerative change: disc bulge; ..." (only the controls given)."""
        parts = []
        for name, value in values.items():
            c = self.controls[name]
            shown = value
            for label, v in zip(_option_labels(c), getattr(c, "_options_values", ())):
                if v == value:
                    shown = label
                    break
            parts.append(f"{self.labels[name]}: {shown}")
        return "; ".join(parts)

    def gallery_html(self, width_px: int = 420) -> str:
        """Small pictures of the key states, each captioned with its settings (for the static site)."""
        import base64

        items = []
        for state in self.key_states():
            try:
                out = self.render(**state)
            except Exception as exc:  # noqa: BLE001 - a gallery never breaks the page
                items.append(f"<figure><figcaption>{html.escape(self.describe(state))}: cannot be shown "
                             f"({html.escape(str(exc))})</figcaption></figure>")
                continue
            caption = html.escape(self.describe(state))
            basis = width_px
            if _is_figure(out):
                basis = min(LAYOUT.figure_max_width, round(out.get_size_inches()[0] * figure_dpi(out)))
                b64 = base64.b64encode(figure_png(out)).decode("ascii")
                alt = html.escape(getattr(out, "alt", caption), quote=True)
                body = f"<img src='data:image/png;base64,{b64}' alt='{alt}' style='max-width:100%'>"
            elif hasattr(out, "_repr_html_"):
                body = f"<div style='font-size:90%'>{out._repr_html_()}</div>"
            else:
                body = f"<pre>{html.escape(repr(out))}</pre>"
            items.append(f"<figure style='margin:0;flex:1 1 {basis}px;max-width:{max(basis, width_px)}px'>{body}"
                         f"<figcaption style='font-size:90%;color:#444444'>{caption}</figcaption></figure>")
        if not items:
            return ""
        return ("<details open class='legpain-gallery'><summary>Other settings of this demo (run the notebook to "
                "move the controls yourself)</summary><div style='display:flex;flex-wrap:wrap;gap:12px'>"
                + "".join(items) + "</div></details>")

    # -- the live widget -----------------------------------------------------------------------------------------

    def _control_cell(self, name, c, compact: bool):
        """One control with its description: above it, or (``compact``) beside it at a fixed width."""
        import ipywidgets as w

        desc = w.HTML(value=f"<span class='legpain-desc'>{html.escape(self.labels[name])}</span>",
                      layout=w.Layout(width=f"{LAYOUT.compact_label}px" if compact else "100%", margin="0",
                                      flex="0 0 auto"))
        desc.add_class("legpain-desc")
        c.description = ""
        column = LAYOUT.compact_column_min if compact else LAYOUT.column_min
        cell_layout = w.Layout(width="100%", min_width=f"{column}px", margin="0", align_items="center")
        full_row = False
        if hasattr(c, "options"):
            need = _menu_px(c)
            c.layout = w.Layout(width="100%", flex="1 1 auto",
                                min_width=f"{min(need, LAYOUT.figure_max_width - LAYOUT.compact_label)}px")
            full_row = need > column - (LAYOUT.compact_label if compact else 0)
        else:
            c.layout = w.Layout(width="100%", flex="1 1 auto", min_width=f"{LAYOUT.track_min + 60}px")
            c.style.description_width = "0px"
        if full_row:
            cell_layout.grid_column = "1 / -1"  # a long menu gets the whole row
        box = (w.HBox if compact else w.VBox)([desc, c], layout=cell_layout)
        box.add_class("legpain-control")
        return box, full_row

    def widget(self):
        """The live demo: title, a grid of controls, and the picture (updated in place by a :class:`_LiveDemo`)."""
        import ipywidgets as w

        if self._live is not None:
            return self._live
        compact = len(self.controls) > LAYOUT.compact_after
        made = [self._control_cell(name, c, compact) for name, c in self.controls.items()]
        cells = [cell for cell, _ in made]
        n_full = sum(full for _, full in made)
        column = LAYOUT.compact_column_min if compact else LAYOUT.column_min
        grid = w.GridBox(cells, layout=w.Layout(
            width="100%", grid_gap="2px 24px" if compact else "4px 20px", margin="0 0 6px 0",
            grid_template_columns=f"repeat(auto-fit, minmax({column}px, 1fr))"))
        short = [self.labels[name] for (name, _c), (_cell, full) in zip(self.controls.items(), made) if not full]
        fig_height = LAYOUT.window_height - LAYOUT.controls_height(len(cells) - n_full, n_full, compact, short)
        from .screen import Screen

        names = list(self.controls)
        resets = [{"when": names.index(a), "target": names.index(b), "index": self._option_index(b, v)}
                  for a, targets in self.resets.items() for b, v in targets.items()]
        screen = Screen([self.controls[n] for n in names], resets=resets, layout=w.Layout(width="100%"))
        screen.add_class("legpain-view-box")
        live = _LiveDemo(self, screen, resets, fig_height)
        live.start()
        children = ([w.HTML(f"<b>{html.escape(self.title)}</b>")] if self.title else []) + [grid, screen]
        box = w.VBox(children, layout=w.Layout(width="100%"))
        box.add_class("legpain-demo")
        box.legpain_live = live
        box.legpain_flush = live.flush  # tests draw pending changes without an event loop
        box.legpain_screen = screen
        self._live = box
        return box

    def _ipython_display_(self):
        from .display import show, show_bundle

        if headless():
            show(self.render())
            note = "(Static view with the starting values: the controls appear when you run this cell in JupyterLab.)"
            show_bundle(f"<p><i>{note}</i></p>", note)
            if os.environ.get("LEGPAIN_GALLERY", "") not in ("", "0"):
                gallery = self.gallery_html()
                if gallery:
                    show_bundle(gallery, "(gallery of other settings)")
        else:
            show(self.widget())
            show_bundle(_REOPENED, "")


# A picture leaves the kernel on another thread (ipykernel's IOPub thread), and a student's input arrives on another
# (the widget subshell): both need the interpreter lock for every step, and while this thread draws ahead they would
# get it only every 5 ms (Python's switch interval): a picture that is ready, or an input, could wait 100 ms (measured
# in the browser). So drawing ahead runs with a 0.5 ms switch interval (AHEAD_SWITCH) and pauses briefly after the
# picture on screen is sent (AHEAD_AFTER) and between two pictures (AHEAD_GAP).
AHEAD_AFTER = 0.005
AHEAD_GAP = 0.005
AHEAD_SWITCH = 0.0005  # seconds: the interpreter's switch interval while drawing ahead (Python's default: 0.005)


class _LiveDemo:
    """The kernel side of one live demo: it draws the setting on screen, and the settings around it ahead, into its
    :class:`legpain.ui.screen.Screen`.

    Control changes mark the demo ``dirty``; :meth:`flush` (scheduled on the kernel's event loop, so changes that
    arrive while a picture is drawn are merged) draws what is on screen, then :meth:`prefetch_step` draws one
    setting ahead per turn of the loop until the plan is done, a newer setting takes over, or another demo moved."""

    moved_last: str | None = None  # the screen (uid) of the demo the student moved last: only it draws ahead

    def __init__(self, demo: Demo, screen, resets: list[dict], fig_height: int):
        self.demo = demo
        self.func = demo.func
        self.defaults = lambda: demo.defaults
        self.names = list(demo.controls)
        self.controls = [demo.controls[n] for n in self.names]
        self.screen = screen
        self.specs = screen.spec
        self.resets = resets
        self.fig_height = fig_height
        self.lock = threading.RLock()  # held while the figure is updated or drawn, and while a setting is sent
        self.fig = None          # the figure drawn last, kept for in-place updates (legpain_update) ...
        self.base = None         # ... and the setting it was built for
        self.backgrounds = {}    # its pictures without the artists that change, by state of its axes (blitting)
        self.dirty = False       # a control moved since the last drawing
        self.pending = False     # a flush is scheduled
        self.prefetch = None     # (key drawn around, iterator of settings still to draw ahead) or None
        self.ahead_bytes = 0     # bytes that plan has sent
        self.key = None          # the key of the setting on screen ...
        self.at = None           # ... and its indices
        self.moved = None        # the control moved last (its index) ...
        self.direction = 1       # ... and which way
        self.before = None       # (control, direction) of the move before, where it was another control
        self.loop = None         # the event loop that draws (set by start)
        self.vector = vector_enabled()  # send the figure's changing artists as drawing instructions (vector.py)
        self.recorder = None     # ... recorded by this (it keeps the glyphs the browser was sent)
        self.axis_ops = {}       # ... and an axis' instructions, kept per state of the axis

    def start(self) -> None:
        try:
            import asyncio

            self.loop = asyncio.get_running_loop()  # the loop every drawing runs on (see schedule)
        except RuntimeError:
            self.loop = None
        for c in self.controls:
            c.observe(self.update, names="value")
        self.screen.on_hello = self.hello
        self.screen.on_need = self.need
        self.dirty = True
        self.flush()

    # -- drawing one picture -------------------------------------------------------------------------------------

    def figure_frame(self, fig, in_place: bool = False, cancel=None) -> dict:
        dpi = figure_dpi(fig, max_height=self.fig_height)
        animated = list(getattr(fig, "legpain_animated", None) or ())
        if not in_place:
            self.vector = vector_enabled()  # a new figure: try drawing instructions again
            self.axis_ops.clear()
        if animated and callable(getattr(fig, "legpain_update", None)) and self.vector:
            from .vector import Unsupported

            try:
                return self.vector_frame(fig, animated, dpi, in_place, cancel)
            except Unsupported:
                self.vector = False  # this figure is sent as pictures from now on
                self.backgrounds.clear()
                in_place = False
                for artist in animated:
                    artist.set_animated(False)  # (the picture path marks only what it draws over its rest)
        if animated and callable(getattr(fig, "legpain_update", None)):
            # the rest of the figure is drawn once per state of its axes and kept; only what changes is drawn
            # over it (an axis listed as changing is part of that rest: its state is in the key)
            axis_parts, moving = _split(animated)
            if not in_place:
                self.backgrounds.clear()  # a new figure: the kept pictures were of the old one
            _fast_text(fig, dpi)
            key = _static_key(fig, axis_parts, moving, dpi)
            background = self.backgrounds.pop(key, None)
            if background is None:
                background = _background(fig, moving, dpi)
                key = _static_key(fig, axis_parts, moving, dpi)  # as drawn (a first drawing lays the figure out)
                while len(self.backgrounds) >= BACKGROUNDS:
                    self.backgrounds.pop(next(iter(self.backgrounds)))  # the one used longest ago
            self.backgrounds[key] = background  # (most recently used last)
            png = _blit_png(fig, moving, background)
        else:
            png = figure_png(fig, dpi)
        width = round(fig.get_size_inches()[0] * dpi)  # CSS px: the picture is shown at its own size
        return {"kind": "png", "png": png, "alt": getattr(fig, "alt", ""), "width": width}

    def vector_frame(self, fig, animated, dpi, in_place: bool, cancel=None) -> dict:
        """The setting as drawing instructions over a kept picture of the figure's rest (:mod:`legpain.ui.vector`).
        The rest is drawn by Agg once per state of the axes (limits, titles and texts that do not change; the axes'
        ticks and labels are instructions too, kept per state of each axis); the browser is sent a rest's picture
        and a glyph's outline once. A legend at a fixed place is kept per state of its texts too (see
        :func:`_legend_state`), drawn in its place among the changing artists. ``cancel()`` is asked between
        artists (see :meth:`frame_for`)."""
        from .vector import record, recorder_for

        if not in_place:
            self.backgrounds.clear()
        _fast_text(fig, dpi)
        key = _static_key(fig, [], animated, dpi)
        kept = self.backgrounds.pop(key, None)
        if kept is None:
            _background(fig, animated, dpi)
            key = _static_key(fig, [], animated, dpi)  # as drawn (a first drawing lays the figure out)
            kept = (_digest(key), _canvas_png(fig))
            while len(self.backgrounds) >= BACKGROUNDS:
                self.backgrounds.pop(next(iter(self.backgrounds)))
        self.backgrounds[key] = kept
        axis_parts, moving = _split(animated)
        self.recorder = recorder_for(fig, self.recorder)
        ops = []
        for axis in axis_parts:  # under the changing artists, as in the kept picture of a PNG frame
            ops.extend(self._kept(fig, axis, (id(axis), round(dpi, 3), _axis_state(axis)), cancel))
        run = []  # the changing artists, in drawing order; a legend's instructions are kept per state, like an axis'
        for artist in [*moving, None]:
            state = _legend_state(artist, dpi) if artist is not None else None
            if artist is not None and state is None:
                run.append(artist)
                continue
            drawn, self.recorder = record(fig, run, self.recorder, cancel)
            ops.extend(drawn)
            run = []
            if state is not None:
                ops.extend(self._kept(fig, artist, state, cancel))
        glyphs = self.recorder.take_glyphs()  # (a recording cancelled keeps its new glyphs for the next frame)
        agg = fig.canvas.get_renderer()  # shown at its own size: one canvas pixel per CSS pixel
        return {"kind": "vector", "ops": ops, "glyphs": glyphs, "bg": kept[0], "bg_png": kept[1],
                "w": int(agg.width), "h": int(agg.height), "alt": getattr(fig, "alt", ""), "width": int(agg.width)}

    def _kept(self, fig, artist, state, cancel=None) -> list:
        """The drawing instructions of an artist kept per ``state`` (an axis, a legend at a fixed place): recorded
        when the state is new, the one kept first forgotten beyond :data:`AXIS_STATES`."""
        from .vector import record

        cached = self.axis_ops.get(state)
        if cached is None:
            cached, self.recorder = record(fig, [artist], self.recorder, cancel)
            if len(self.axis_ops) >= AXIS_STATES:
                self.axis_ops.pop(next(iter(self.axis_ops)))
            self.axis_ops[state] = cached
        return cached

    def forget_browser(self) -> None:
        """The browser's store is empty (a new view, or the page reloaded): glyphs and kept pictures go again."""
        self.recorder = None
        self.axis_ops.clear()

    def frame_for(self, values: dict, cancel: Callable[[], bool] | None = None) -> dict | None:
        """The picture of one setting: a figure updated in place where it can be, else drawn anew. One drawing at a
        time, whatever thread asks: the live update and drawing ahead share the figure (and its kept background),
        and two drawings into one canvas print over each other."""
        with self.lock:
            frame = self._frame_for(values, cancel)
            if frame is None:
                return None
            if frame["kind"] in ("png", "vector"):
                frame["drawn_from"] = self.base  # the setting the figure was built for (tests redraw it)
            return frame

    def _frame_for(self, values: dict, cancel=None) -> dict | None:
        from .vector import Cancelled

        fig = self.fig
        try:
            updater = getattr(fig, "legpain_update", None)
            if fig is not None and callable(updater) and updater(**values) is not False:
                if cancel is not None and cancel():
                    return None  # a picture drawn ahead that the student's new move makes wait (it is drawn later)
                try:
                    return self.figure_frame(fig, in_place=True, cancel=cancel)
                except Cancelled:
                    return None  # ... also while its instructions were being recorded
            result = self.func(**values)
            if _is_figure(result):
                self.fig = result
                self.base = dict(values)
                frame = self.figure_frame(result)
                if callable(getattr(result, "legpain_update", None)):
                    result.set_layout_engine("none")  # in-place updates keep the first layout
                return frame
            self.fig = None
            if hasattr(result, "_repr_html_"):
                return {"kind": "html", "html": result._repr_html_()}
            return {"kind": "html", "html": f"<pre>{html.escape(repr(result))}</pre>"}
        except Exception as exc:  # noqa: BLE001 - show, don't crash the demo
            self.fig = None
            return {"kind": "html", "html": f"<p><i>This setting cannot be shown: {html.escape(str(exc))}</i></p>"}

    def setting(self, indices) -> dict:
        from .screen import values_of

        return dict(zip(self.names, values_of(self.controls, self.specs, indices)))

    # -- the setting on screen -----------------------------------------------------------------------------------

    def draw(self) -> None:
        with self.lock:
            self._draw()

    def _draw(self) -> None:
        from .screen import key_of

        screen = self.screen
        key = key_of(self.controls, self.specs)
        at = [int(k) for k in key.split(",")] if key else []
        if self.at is not None and len(at) == len(self.at):
            diff = [i for i, (a, b) in enumerate(zip(at, self.at)) if a != b]
            if len(diff) == 1:
                if self.moved is not None and self.moved != diff[0]:
                    self.before = (self.moved, self.direction)  # two controls in turn (see screen.plan)
                elif self.moved == diff[0]:
                    self.before = None  # one control moved on: its own next step comes first
                self.moved, self.direction = diff[0], (1 if at[diff[0]] > self.at[diff[0]] else -1)
        self.at, self.key = at, key
        if key in screen.sent:  # the browser has this picture already: nothing to draw or send
            screen.touch(key)
            if screen.current is None or screen.current.get("key") != key:
                screen.current = {"key": key}
            return
        if -1 in at:  # a value outside the menu (set from code): draw it as it is
            screen.show(key, self.frame_for(self.defaults()))
            return
        screen.show(key, self.frame_for(self.setting(at)))

    def flush(self) -> None:
        self.pending = False
        drew = False
        while self.dirty:
            self.dirty = False
            self.draw()
            drew = True
        if drew:
            self.prefetch_from(first_only=self.moved is None)

    def update(self, _change=None) -> None:
        _LiveDemo.moved_last = self.screen.uid
        self.request()

    def request(self) -> None:
        """Draw the setting on screen soon, on the demo's own loop (see :meth:`schedule`). Changes that arrive while a
        picture is drawn are merged: the kernel handles queued control messages before the drawing runs, so a fast
        drag costs one drawing per pause, not one per position."""
        self.dirty = True
        if self.pending:
            return
        self.pending = True
        if not self.schedule(self.flush):
            self.flush()

    def hello(self) -> None:
        # a browser view connected with an empty store (first display, or the page was reloaded)
        self.screen.current = None
        with self.lock:
            self.forget_browser()
        self.request()

    def need(self, key) -> None:
        # the browser asks again for the picture on screen (screen.sent no longer lists it): draw it again
        from .screen import key_of

        if key == key_of(self.controls, self.specs):
            self.request()

    # -- drawing ahead -------------------------------------------------------------------------------------------

    def prefetch_from(self, first_only: bool) -> None:
        from .screen import plan

        at, key = self.at, self.key
        if at is None or -1 in at:
            self.prefetch = None
            return
        if os.environ.get("LEGPAIN_DRAW_AHEAD", "1").strip() == "0":
            self.prefetch = None  # every picture waits for the kernel (benchmarks/browser.py --compare)
            return
        sizes = [s["size"] for s in self.specs]
        settings = plan(sizes, at, self.moved, self.direction, first_only=first_only, before=self.before)
        self.prefetch = (key, (self.after_resets(s, at) for s in settings))
        self.ahead_bytes = 0  # what this plan sent: half the browser's room at most, so it never forgets its own
        self.schedule(self.prefetch_step, AHEAD_AFTER)

    def after_resets(self, setting, at) -> tuple:
        """A setting as the browser will key it: moving a control with a reset rule resets its target."""
        setting = list(setting)
        for r in self.resets:
            if setting[r["when"]] != at[r["when"]]:
                setting[r["target"]] = r["index"]
        return tuple(setting)

    def prefetch_step(self) -> None:
        import sys

        # While it draws ahead, this thread lets the kernel's other threads (the one that receives the student's
        # next input, the one that sends pictures) take the interpreter lock within half a millisecond instead of
        # five: otherwise a 70 ms drawing ahead delays an input by up to 100 ms more (measured in the browser).
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, AHEAD_SWITCH))
        try:
            with self.lock:
                self._prefetch_step()
        finally:
            sys.setswitchinterval(interval)

    def _prefetch_step(self) -> None:
        from .screen import MAX_BYTES

        screen = self.screen
        job = self.prefetch
        if job is None or self.dirty or job[0] != self.key:
            return  # a newer setting takes over (flush plans again)
        if _LiveDemo.moved_last not in (None, screen.uid):
            self.prefetch = None
            return  # the student moved on to another demo: the kernel draws ahead for that one only
        for indices in job[1]:
            key = ",".join(map(str, indices))
            if key in screen.sent:
                continue
            frame = self.frame_for(self.setting(indices), cancel=lambda: self.dirty)
            if frame is None:
                return  # the student moved: flush draws that first, then plans again
            screen.show(key, frame, current=False)
            self.ahead_bytes += screen.sizes.get(key, 0)
            if self.ahead_bytes >= MAX_BYTES // 2:
                self.prefetch = None
                return
            self.schedule(self.prefetch_step, AHEAD_GAP)
            return
        self.prefetch = None

    def schedule(self, callback, delay: float = 0.001) -> bool:
        """Run ``callback`` after ``delay`` seconds on the loop of the thread that made the demo (the kernel's main
        thread), whichever thread asks. ipykernel 7 hands widget messages to a thread of their own (a "subshell"):
        drawing there would keep that thread from taking the student's next input until the drawing is done, and
        a second thread drawing ahead would compete with the first. So that thread only marks the demo changed and
        asks the main loop to draw. False where there is no event loop (a plain script, a unit test): the caller
        then draws at once and nothing is drawn ahead."""
        loop = self.loop
        if loop is None or loop.is_closed():
            return False
        try:
            import asyncio

            here = asyncio.get_running_loop()
        except RuntimeError:
            here = None
        if here is loop:
            loop.call_later(delay, callback)
        else:
            loop.call_soon_threadsafe(loop.call_later, delay, callback)
        return True


def demo(func: Callable[..., Any], title: str = "", states: list[dict[str, Any]] | None = None,
         resets: dict[str, dict[str, Any]] | None = None, **controls) -> Demo:
    """Make an interactive demo of ``func``: one keyword per control, named like ``func``'s parameters.

    ``states`` lists the key settings the static site shows as a gallery, e.g. ``[{"change": "herniation"}]``
    (default: other values of the first control). ``resets`` sets menus back when another control moves, in the
    browser and in the kernel alike, e.g. ``{"case": {"pick": "(choose)"}}``: a new patient clears the last pick."""
    return Demo(func, controls, title, states, resets)
