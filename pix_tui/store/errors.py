"""Everything the store can refuse, in words a learner or a teacher can act on.

Each error carries a catalogue `key` and the `values` of its message, so the app can show it
in the learner's language; `str(error)` is the English text.
"""

from __future__ import annotations

from typing import ClassVar


class ProfileError(Exception):
    """Base of every store failure the app should show instead of crashing."""

    key: ClassVar[str] = "store.error"
    template: ClassVar[str] = "{detail}"

    def __init__(self, **values: object) -> None:
        self.values = {name: str(value) for name, value in values.items()}
        super().__init__(self.template.format(**self.values))


class InvalidProfileName(ProfileError):
    key = "store.invalid_name"
    template = "The profile name {name!r} cannot be used: {reason}."


class ProfileNotFound(ProfileError):
    key = "store.not_found"
    template = 'There is no profile named "{name}" in {folder}.'


class ProfileExists(ProfileError):
    key = "store.exists"
    template = (
        'A profile named "{name}" already exists in {folder} '
        "(names do not distinguish capitals). Open it, or choose another name."
    )


class ProfileLocked(ProfileError):
    key = "store.locked"
    template = (
        'The profile "{name}" is already open in another pix-tui{holder}. '
        "Close it there first, then try again."
    )


class WrongPin(ProfileError):
    key = "store.wrong_pin"
    template = 'Wrong PIN for the profile "{name}".'


class PinRequired(WrongPin):
    key = "store.pin_required"
    template = 'The profile "{name}" is protected by a PIN: type it to open the profile.'


class InvalidPin(ProfileError):
    key = "store.invalid_pin"
    template = "This PIN cannot be used: {reason}."


class UnsupportedSchema(ProfileError):
    key = "store.newer_schema"
    template = (
        'The profile "{name}" was saved by a newer pix-tui (format {found}; this one reads '
        "formats up to {supported}). Update pix-tui to open it. The file was not changed: "
        "{path}"
    )


class ProfileUnreadable(ProfileError):
    key = "store.unreadable"
    template = "Cannot read {path}: {reason}. Nothing was changed."


class FolderUnusable(ProfileError):
    key = "store.folder_unusable"
    template = "Cannot use the folder {path} for profiles: {reason}."


class SaveFailed(ProfileError):
    key = "store.save_failed"
    template = (
        "Could not save to {path}: {reason}. What was saved before is safe; "
        "free some space or check the folder's permissions, then try again."
    )


class InvalidRecord(ProfileError):
    key = "store.invalid_record"
    template = "{detail}"


class ProfileClosed(ProfileError):
    key = "store.closed"
    template = 'The profile "{name}" is closed; open it again to continue.'
