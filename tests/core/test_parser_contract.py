"""The parser's contract under fuzzing: whatever a file holds, only `ChallengeError` escapes.

Documents are built from the pieces a real challenge has (front matter keys, attachments,
images, proposals, sections) filled with hostile values: NUL bytes, path parts longer than
any file system allows, links out of the bank, control codes, aliases, huge numbers.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pix_tui.core.parser import ChallengeError, parse_challenge
from tests.core.bank_files import QCU, QROC

HOSTILE_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "\x00",
            "a\x00b.txt",
            "x" * 300,
            "d/" * 700 + "f",
            "../../etc/passwd",
            "/dev/zero",
            "\x1b]52;c;SGk=\x1b\\",
            "\u202e",
            "[/]",
            "*a",
            "&a x",
            "!!python/object:os.system",
            "9" * 5000,
            "1e999",
            "~",
            "{{ b }}",
            "",
        ]
    ),
)
PATHS = st.one_of(HOSTILE_TEXT, st.sampled_from(["data.csv", "img.png", "sub/../data.csv"]))
SCALARS = st.one_of(
    HOSTILE_TEXT.map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["true", "null", "[]", "{}", "[a, [b, [c]]]", "1.1", '"4.1"', "qcu", "t3"]),
)
KEYS = st.sampled_from(
    [
        "id",
        "competence",
        "topic",
        "level",
        "type",
        "shuffle",
        "answers",
        "tolerance",
        "input",
        "mode",
        "time_limit",
        "attachments",
        "examples",
        "labels",
        "x-note",
        "unknown",
    ]
)
BODY_PIECES = st.one_of(
    HOSTILE_TEXT,
    PATHS.map(lambda src: f"![alt]({src})"),
    PATHS.map(lambda src: f"![]({src})"),
    st.sampled_from(["- [ ] a", "- [x] b", "- c", "## Explication", "## Pour aller plus loin"]),
    st.sampled_from(["## Autre", "[lien](http://x)", "[l](ftp://x)", "<b>", "{{ champ }}"]),
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A valid challenge with hostile pieces added: so the later checks are reached too."""
    lines = draw(st.sampled_from([QROC, QCU.format(id="q", level=2)])).split("\n")
    end = lines.index("---", 1)
    extra = [f"{key}: {draw(SCALARS)}" for key in draw(st.lists(KEYS, max_size=3))]
    if draw(st.booleans()):
        names = draw(st.lists(PATHS, min_size=1, max_size=3))
        extra.append("attachments: [" + ", ".join(repr(n) for n in names) + "]")
    body = draw(st.lists(BODY_PIECES, max_size=6))
    return "\n".join([*lines[:end], *extra, "---", *body, *lines[end + 1 :]])


@settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(documents())
def test_any_challenge_like_file_raises_only_the_projects_error(tmp_path_factory, document):
    root = Path(tmp_path_factory.getbasetemp()) / "fuzz-bank"
    root.mkdir(exist_ok=True)
    (root / "data.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    (root / "img.png").write_bytes(b"\x89PNG")
    try:
        parsed = parse_challenge(document.encode("utf-8", "surrogatepass"), root / "c.md", root)
    except ChallengeError as exc:
        assert exc.problems
    else:
        assert parsed.challenge.id
