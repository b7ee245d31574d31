"""One validation finding, as a maintainer reads it: `path:line: what is wrong; how to fix it`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One validation finding; warnings do not fail a check or a build."""

    path: str
    line: int
    message: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        label = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: {label}{self.message}; {self.fix}"
