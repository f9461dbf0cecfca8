"""The CRCN referential (domains and competences), loaded once from package data."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

COMPETENCE_CODE = re.compile(r"^[1-5]\.[1-4]$")


@dataclass(frozen=True, slots=True)
class Domain:
    code: str
    colour: str
    title_fr: str
    title_en: str

    def title(self, lang: str = "fr") -> str:
        return self.title_en if lang == "en" else self.title_fr


@dataclass(frozen=True, slots=True)
class Competence:
    code: str
    domain: str
    title_fr: str
    title_en: str
    description_fr: str

    def title(self, lang: str = "fr") -> str:
        return self.title_en if lang == "en" else self.title_fr


@dataclass(frozen=True, slots=True)
class Referential:
    domains: tuple[Domain, ...]
    competences: tuple[Competence, ...]

    def competence(self, code: str) -> Competence:
        for competence in self.competences:
            if competence.code == code:
                return competence
        raise KeyError(code)

    def domain(self, code: str) -> Domain:
        for domain in self.domains:
            if domain.code == code:
                return domain
        raise KeyError(code)

    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.competences)

    def of_domain(self, domain_code: str) -> tuple[Competence, ...]:
        return tuple(c for c in self.competences if c.domain == domain_code)


@cache
def referential() -> Referential:
    """The referential is immutable package data: parse it once per process."""
    text = resources.files("pix_tui").joinpath("data/referential.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    domains = tuple(Domain(**d) for d in raw["domains"])
    competences = tuple(Competence(domain=c["code"].split(".")[0], **c) for c in raw["competences"])
    return Referential(domains, competences)


def is_competence_code(code: object) -> bool:
    return isinstance(code, str) and code in referential().codes()
