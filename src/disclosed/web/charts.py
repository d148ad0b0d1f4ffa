"""Charts drawn on the server as SVG (no JavaScript), and the same SVG as PNG through CairoSVG.

A chart is a set of bars, each split into stacked segments (one per outcome); labels are escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

# Colour-blind-safe palette (Okabe-Ito), one colour per series in order of first appearance.
PALETTE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
    "#882255",
]
FONT = "DejaVu Sans, Arial, sans-serif"


@dataclass(frozen=True)
class Bar:
    label: str
    segments: Sequence[tuple[str, int]]  # (series, value)

    @property
    def total(self) -> int:
        return sum(v for _, v in self.segments)


def _series(bars: Sequence[Bar]) -> list[str]:
    seen: list[str] = []
    for bar in bars:
        for name, _ in bar.segments:
            if name not in seen:
                seen.append(name)
    return seen


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


def horizontal_bars(title: str, bars: Sequence[Bar], *, width: int = 760, unit: str = "people") -> str:
    """One row per bar (an organisation), segments stacked left to right, a legend underneath."""
    label_w, bar_h, gap, top = 230, 18, 8, 40
    plot_w = width - label_w - 60
    series = _series(bars)
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(series)}
    peak = _nice_max(max((b.total for b in bars), default=0))
    legend_rows = (len(series) + 3) // 4
    height = top + len(bars) * (bar_h + gap) + 30 + legend_rows * 20 + 10
    out = [_open(width, height, title)]
    for i, bar in enumerate(bars):
        y = top + i * (bar_h + gap)
        label = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        out.append(
            f'<text x="{label_w - 8}" y="{y + bar_h - 5}" text-anchor="end" font-size="12">'
            f"{escape(label)}</text>"
        )
        x = float(label_w)
        for name, value in bar.segments:
            w = plot_w * value / peak
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour[name]}">'
                f"<title>{escape(bar.label)}: {escape(name)} {value}</title></rect>"
            )
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + bar_h - 5}" font-size="11">{bar.total}</text>')
    axis_y = top + len(bars) * (bar_h + gap)
    out.append(f'<line x1="{label_w}" y1="{axis_y}" x2="{label_w + plot_w}" y2="{axis_y}" stroke="#444"/>')
    for tick in range(5):
        v = peak * tick / 4
        tx = label_w + plot_w * tick / 4
        out.append(f'<text x="{tx:.1f}" y="{axis_y + 14}" text-anchor="middle" font-size="10">{v:g}</text>')
    out.append(
        f'<text x="{label_w + plot_w / 2:.1f}" y="{axis_y + 27}" text-anchor="middle" '
        f'font-size="10">{escape(unit)}</text>'
    )
    out.extend(_legend(series, colour, 10, axis_y + 42, width))
    out.append("</svg>")
    return "\n".join(out)


def vertical_bars(title: str, bars: Sequence[Bar], *, width: int = 760, unit: str = "people") -> str:
    """One column per bar (a year), segments stacked bottom to top, a legend underneath."""
    left, top, plot_h = 50, 40, 220
    plot_w = width - left - 20
    series = _series(bars)
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(series)}
    peak = _nice_max(max((b.total for b in bars), default=0))
    legend_rows = (len(series) + 3) // 4
    height = top + plot_h + 40 + legend_rows * 20 + 10
    out = [_open(width, height, title)]
    base = top + plot_h
    for tick in range(5):
        v = peak * tick / 4
        ty = base - plot_h * tick / 4
        out.append(f'<line x1="{left}" y1="{ty:.1f}" x2="{left + plot_w}" y2="{ty:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" font-size="10">{v:g}</text>')
    slot = plot_w / max(len(bars), 1)
    bar_w = min(48.0, slot * 0.7)
    for i, bar in enumerate(bars):
        x = left + i * slot + (slot - bar_w) / 2
        y = float(base)
        for name, value in bar.segments:
            h = plot_h * value / peak
            y -= h
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colour[name]}"><title>{escape(bar.label)}: {escape(name)} {value}</title></rect>'
            )
        out.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="10">'
            f"{bar.total}</text>"
        )
        out.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{base + 14}" text-anchor="middle" font-size="11">'
            f"{escape(bar.label)}</text>"
        )
    out.append(f'<line x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" stroke="#444"/>')
    out.append(
        f'<text x="12" y="{top + plot_h / 2:.1f}" font-size="10" transform="rotate(-90 12 '
        f'{top + plot_h / 2:.1f})" text-anchor="middle">{escape(unit)}</text>'
    )
    out.extend(_legend(series, colour, 10, base + 34, width))
    out.append("</svg>")
    return "\n".join(out)


def _open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}" role="img" aria-label="{escape(title)}">'
        f'<title>{escape(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>'
        f'<text x="10" y="22" font-size="15" font-weight="bold">{escape(title)}</text>'
    )


def _legend(series: list[str], colour: dict[str, str], x0: int, y0: int, width: int) -> list[str]:
    out = []
    col_w = (width - 20) / 4
    for i, name in enumerate(series):
        x = x0 + (i % 4) * col_w
        y = y0 + (i // 4) * 20
        out.append(f'<rect x="{x:.1f}" y="{y - 10}" width="12" height="12" fill="{colour[name]}"/>')
        out.append(f'<text x="{x + 16:.1f}" y="{y}" font-size="11">{escape(name.replace("_", " "))}</text>')
    return out


def empty_chart(title: str, message: str, width: int = 760) -> str:
    return _open(width, 80, title) + f'<text x="10" y="55" font-size="12">{escape(message)}</text></svg>'


def to_png(svg: str) -> bytes:
    import cairosvg

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=None, scale=2)
