"""One colour per type, everywhere: the article's highlights, the pane's heading, `lookup`.

Colours are named by their role in a Textual theme (`primary`, `warning`...),
never as hex codes, so they follow the theme the reader picks, and each is
nudged until it reads on that theme's page and pane. A plain terminal gets
the same roles from its own ANSI palette.
"""

from __future__ import annotations

#: The theme colour of each entry type.
TYPE_COLOURS = {
    "person": "primary",
    "organization": "warning",
    "place": "success",
    "event": "error",
    "work": "foreground",
    "concept": "accent",
    "period": "secondary",
    # A year or period the text names (`1945`, `the 1930s`): underlined in the text's own colour.
    "date": "foreground",
    # A name no entry explains yet: marked faintly, so that what the reader left out shows.
    "unknown": "foreground",
}
#: Works are set in italics, as titles are in print; every highlight is bold.
_EMPHASIS = {"work": "bold italic", "date": "underline", "unknown": "dim underline"}
#: The same roles in a terminal's own sixteen colours.
_ANSI = {"primary": "blue", "warning": "yellow", "success": "green", "error": "red",
         "accent": "cyan", "secondary": "magenta", "foreground": "default"}


def known(kind: str) -> str:
    """`kind` if it has a colour, else `concept`: a database of another make cannot crash a view."""
    return kind if kind in TYPE_COLOURS else "concept"


def emphasis(kind: str) -> str:
    return _EMPHASIS.get(kind, "bold")


def terminal_style(kind: str) -> str:
    """A Rich style for `kind` outside the app: ANSI colours, which the terminal's theme sets."""
    return f"{emphasis(kind)} {_ANSI[TYPE_COLOURS.get(kind, 'foreground')]}"


def type_css(selector: str) -> str:
    """CSS rules giving each type's component class (`{selector}--person`) its colour.

    The `$reader-<type>` variables come from `type_variables`, which the app
    adds to the theme's own.
    """
    return "\n".join(f"{selector}--{kind} {{ color: $reader-{kind}; text-style: {emphasis(kind)}; }}"
                     for kind in TYPE_COLOURS)


#: The least contrast a highlight keeps against the page and the pane (WCAG AA for text).
MIN_CONTRAST = 4.5


def _rgb(colour: str) -> tuple[int, int, int] | None:
    colour = colour.strip().lstrip("#")
    if len(colour) != 6:
        return None
    try:
        return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)
    except ValueError:
        return None


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: str, backgrounds: list[str], minimum: float = MIN_CONTRAST) -> str:
    """`colour`, darkened on light backgrounds or lightened on dark ones until it reads on all of them.

    Theme colours are chosen for accents, not always for text on every surface
    (a theme's amber on its own light grey can fall to 2.6:1); moving towards
    black or white keeps the hue a reader learns for each type. Colours that
    are not hex codes (an ANSI theme's) are left to the terminal.
    """
    rgb, grounds = _rgb(colour), [g for g in map(_rgb, backgrounds) if g]
    if rgb is None or not grounds:
        return colour
    target = (0, 0, 0) if sum(map(_luminance, grounds)) / len(grounds) > 0.18 else (255, 255, 255)
    for step in range(21):
        t = step / 20
        mixed = tuple(round(c + (e - c) * t) for c, e in zip(rgb, target, strict=True))
        if min(contrast(mixed, g) for g in grounds) >= minimum:
            break
    return "#{:02x}{:02x}{:02x}".format(*mixed)


def type_variables(theme: dict[str, str]) -> dict[str, str]:
    """CSS variables `reader-<type>`: each type's colour made readable on the page and the pane."""
    grounds = [theme.get("background", ""), theme.get("surface", "")]
    result = {}
    for kind, role in TYPE_COLOURS.items():
        base = theme.get("foreground" if role == "foreground" else f"text-{role}", "")
        result[f"reader-{kind}"] = readable(base, grounds)
    return result
