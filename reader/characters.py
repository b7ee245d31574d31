"""The characters a terminal must never receive as they are.

Shared by the schema (which refuses them in names and URLs) and the terminal
output (which shows them as stand-ins), so both agree on one list: C0 and C1
controls (ESC begins every escape sequence), DEL, Unicode's invisible format
characters (bidirectional overrides, zero-width spaces, the BOM), line and
paragraph separators, the invisible Hangul fillers and lone surrogates.
"""

from __future__ import annotations

import re

# Unicode 15's format (Cf), line (Zl) and paragraph (Zp) characters, Hangul fillers, surrogates.
_INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\ud800-\udfff\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
#: Every character that `reader.export.safe.displayable` replaces: all but newline
#: (a tab becomes a space, since the view measures text one cell a character).
UNSAFE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
#: UNSAFE, newline and tab included: for text that must stay on one line (names, URLs).
UNSAFE_IN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
