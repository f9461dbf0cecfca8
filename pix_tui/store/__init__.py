"""Learner profiles on disk (TinyDB, crash-safe) and in memory (demo mode).

The app uses only the names exported here; call them from thread workers, they do I/O.
"""

from pix_tui.store.errors import (
    FolderUnusable,
    InvalidPin,
    InvalidProfileName,
    InvalidRecord,
    PinRequired,
    ProfileClosed,
    ProfileError,
    ProfileExists,
    ProfileLocked,
    ProfileNotFound,
    ProfileUnreadable,
    SaveFailed,
    UnsupportedSchema,
    WrongPin,
)
from pix_tui.store.memory import MemoryProfileStore
from pix_tui.store.paths import resolve_data_dir
from pix_tui.store.profile_base import BaseProfileStore
from pix_tui.store.profiles import (
    CertificationHistory,
    ProfileInfo,
    ProfileStore,
    create_profile,
    list_profiles,
    open_profile,
    read_certifications,
)
from pix_tui.store.recovery import Recovery, RecoveryKind

__all__ = [
    "BaseProfileStore",
    "CertificationHistory",
    "FolderUnusable",
    "InvalidPin",
    "InvalidProfileName",
    "InvalidRecord",
    "MemoryProfileStore",
    "PinRequired",
    "ProfileClosed",
    "ProfileError",
    "ProfileExists",
    "ProfileInfo",
    "ProfileLocked",
    "ProfileNotFound",
    "ProfileStore",
    "ProfileUnreadable",
    "Recovery",
    "RecoveryKind",
    "SaveFailed",
    "UnsupportedSchema",
    "WrongPin",
    "create_profile",
    "list_profiles",
    "open_profile",
    "read_certifications",
    "resolve_data_dir",
]
