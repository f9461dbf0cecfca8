"""One answer widget per challenge type, all speaking the same small protocol.

Each widget turns what the learner did into the `given` value that `check_answer` expects
(original proposal indices, never display positions), or None while nothing is answered.
Keys stay local to one widget so a keypress repaints one or two lines, not the pane.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from pix_tui.core.model import Challenge, ChallengeType, InputKind
from pix_tui.core.normalize import MAX_ANSWER_LENGTH
from pix_tui.core.safe_text import inert

Given = int | frozenset[int] | str | Mapping[str, str]


def proposal_order(challenge: Challenge, seed: int) -> tuple[int, ...]:
    """Display order → original index; the same learner sees the same order on resume."""
    order = list(range(len(challenge.proposals)))
    if challenge.shuffle:
        random.Random(f"{seed}:{challenge.id}").shuffle(order)
    return tuple(order)


class SubmitRequested(Message):
    """The learner pressed Enter in an answer widget."""


class ChoiceItem(Horizontal):
    """One proposal line: a pointer, its mark, its number and its text.

    Three parts, so moving the pointer or ticking repaints two or three cells over SSH,
    not the whole proposal.
    """

    class Chosen(Message):
        """Clicked: the mouse works too, though nothing needs it."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def __init__(self, number: int, text: str, *, multiple: bool) -> None:
        super().__init__(classes="choice-item")
        self.number = number
        self.text = text
        self.multiple = multiple
        self.ticked = False
        self.pointed = False

    def compose(self) -> ComposeResult:
        yield Static("  ", classes="choice-pointer", markup=False)
        yield Static(self._mark(), classes="choice-mark", markup=False)
        yield Static(f"{self.number}. {inert(self.text)}", classes="choice-text", markup=False)

    def _mark(self) -> str:
        if self.multiple:
            return "[x]" if self.ticked else "[ ]"
        return "(•)" if self.ticked else "( )"

    def on_click(self) -> None:
        self.post_message(self.Chosen(self.number))

    def set_ticked(self, ticked: bool) -> None:
        if ticked != self.ticked:
            self.ticked = ticked
            self.set_class(ticked, "-on")
            self.query_one(".choice-mark", Static).update(self._mark())

    def set_pointed(self, pointed: bool) -> None:
        if pointed != self.pointed:
            self.pointed = pointed
            self.query_one(".choice-pointer", Static).update("› " if pointed else "  ")


class ChoiceList(Widget, can_focus=True):
    """A radio list (QCU) or a checkbox list (QCM) of the challenge's proposals.

    ↑/↓ move, Space or a digit ticks, Enter asks to validate. In a QCU with nothing ticked,
    Enter takes the highlighted line: that is what the learner is pointing at.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("space", "toggle", show=False),
        Binding("enter", "submit", show=False),
        *(Binding(str(n), f"tick({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, challenge: Challenge, order: Sequence[int], *, id: str | None = None):
        super().__init__(id=id, classes="answer-widget")
        self.challenge = challenge
        self.order = tuple(order)
        self.multiple = challenge.type is ChallengeType.QCM
        self.highlighted: int | None = None

    def compose(self) -> ComposeResult:
        for position, index in enumerate(self.order, start=1):
            text = self.challenge.proposals[index].text
            yield ChoiceItem(position, text, multiple=self.multiple)

    @property
    def items(self) -> list[ChoiceItem]:
        return list(self.query_children(ChoiceItem))

    def _highlight(self, position: int | None) -> None:
        items = self.items
        if self.highlighted is not None and self.highlighted < len(items):
            items[self.highlighted].set_pointed(False)
        self.highlighted = position
        if position is not None:
            items[position].set_pointed(True)
            self.scroll_to_widget(items[position], animate=False)

    def action_move(self, step: int) -> None:
        count = len(self.items)
        if self.highlighted is None:
            self._highlight(0 if step > 0 else count - 1)
        else:
            self._highlight((self.highlighted + step) % count)

    def _tick(self, position: int) -> None:
        items = self.items
        item = items[position]
        if self.multiple:
            item.set_ticked(not item.ticked)
        else:
            for other in items:
                other.set_ticked(other is item)
        if self.highlighted != position:
            self._highlight(position)

    def action_toggle(self) -> None:
        if self.highlighted is None:
            self._highlight(0)
        else:
            self._tick(self.highlighted)

    def action_tick(self, number: int) -> None:
        if 1 <= number <= len(self.items):
            self._tick(number - 1)

    def action_submit(self) -> None:
        if not self.multiple and self.value() is None and self.highlighted is not None:
            self._tick(self.highlighted)
        self.post_message(SubmitRequested())

    @on(ChoiceItem.Chosen)
    def _chosen(self, event: ChoiceItem.Chosen) -> None:
        event.stop()
        self.focus()
        self._tick(event.number - 1)

    def value(self) -> Given | None:
        ticked = frozenset(self.order[i] for i, item in enumerate(self.items) if item.ticked)
        if not ticked:
            return None
        if self.multiple:
            return ticked
        return next(iter(ticked))

    def focus_answer(self) -> None:
        self.focus()


class TextAnswer(Vertical):
    """A QROC: one input."""

    def __init__(self, challenge: Challenge, placeholder: str, *, blink: bool) -> None:
        super().__init__(classes="answer-widget text-answer")
        self.challenge = challenge
        self.placeholder = placeholder
        self.blink = blink

    def compose(self) -> ComposeResult:
        field = Input(
            placeholder=self.placeholder,
            id="answer-input",
            compact=True,
            max_length=MAX_ANSWER_LENGTH,
        )
        field.cursor_blink = self.blink
        yield field

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(SubmitRequested())

    def value(self) -> Given | None:
        text = self.query_one(Input).value
        return text if text.strip() else None

    def focus_answer(self) -> None:
        self.query_one(Input).focus()


SHORT_LABEL = 21
"""Labels up to this long sit in a fixed column, inputs aligned; a longer one is never cut:
the column widens and the label wraps (`-long-labels` in answer_widgets.tcss)."""


class BlanksAnswer(Vertical):
    """A QROCM: one labelled input per blank, in the order of the statement.

    Enter in a field moves on to the next empty one, and asks to validate once all are filled,
    so a learner who types and presses Enter never sends half an answer.
    """

    def __init__(self, challenge: Challenge, placeholder: str, *, blink: bool) -> None:
        super().__init__(classes="answer-widget blanks-answer")
        self.challenge = challenge
        self.placeholder = placeholder
        self.blink = blink
        self.set_class(max(map(len, self.labels()), default=0) > SHORT_LABEL, "-long-labels")

    def labels(self) -> list[str]:
        return [
            f"{number}. {inert(self.challenge.label(name))}"
            for number, name in enumerate(self.challenge.blank_names, start=1)
        ]

    def compose(self) -> ComposeResult:
        for label in self.labels():
            with Horizontal(classes="blank-row"):
                yield Label(label, classes="blank-label", markup=False)
                field = Input(
                    placeholder=self.placeholder,
                    classes="blank-input",
                    compact=True,
                    max_length=MAX_ANSWER_LENGTH,
                )
                field.cursor_blink = self.blink
                yield field

    @property
    def inputs(self) -> list[Input]:
        return list(self.query(Input))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = self.inputs
        start = inputs.index(event.input) if event.input in inputs else 0
        ring = inputs[start + 1 :] + inputs[: start + 1]
        empty = [field for field in ring if not field.value.strip()]
        if empty:
            empty[0].focus()
        else:
            self.post_message(SubmitRequested())

    def value(self) -> Given | None:
        values = {
            name: field.value
            for name, field in zip(self.challenge.blank_names, self.inputs, strict=True)
        }
        return values if any(v.strip() for v in values.values()) else None

    def focus_answer(self) -> None:
        inputs = self.inputs
        empty = [field for field in inputs if not field.value.strip()]
        (empty or inputs)[0].focus()


AnswerWidget = ChoiceList | TextAnswer | BlanksAnswer


def answer_widget(
    challenge: Challenge, *, seed: int, placeholders: Mapping[InputKind, str], blink: bool
) -> AnswerWidget:
    """The widget for the challenge's type, with proposals in the learner's order."""
    placeholder = placeholders[challenge.input]
    match challenge.type:
        case ChallengeType.QCU | ChallengeType.QCM:
            return ChoiceList(challenge, proposal_order(challenge, seed), id="answer-choices")
        case ChallengeType.QROC:
            return TextAnswer(challenge, placeholder, blink=blink)
        case ChallengeType.QROCM:
            return BlanksAnswer(challenge, placeholder, blink=blink)
