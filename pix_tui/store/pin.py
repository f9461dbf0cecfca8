"""Optional profile PINs, kept as salted scrypt hashes.

A PIN stops a classmate from opening someone else's profile by mistake on a shared account;
it is not a security boundary (the files are readable by the account that owns them).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from pix_tui.store.errors import InvalidPin

SCHEME = "scrypt"
SALT_BYTES = 16
MAX_PIN_LENGTH = 64
# Cost chosen to take a few tens of milliseconds on an old lab machine.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
HASH_BYTES = 32


@dataclass(frozen=True, slots=True)
class PinHash:
    scheme: str
    n: int
    r: int
    p: int
    salt: str
    hash: str

    def to_doc(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: Mapping[str, object]) -> PinHash:
        """Raises ValueError when the stored hash is incomplete or of an unknown kind."""
        try:
            pin_hash = cls(
                scheme=str(doc["scheme"]),
                n=int(doc["n"]),  # type: ignore[call-overload]
                r=int(doc["r"]),  # type: ignore[call-overload]
                p=int(doc["p"]),  # type: ignore[call-overload]
                salt=str(doc["salt"]),
                hash=str(doc["hash"]),
            )
            bytes.fromhex(pin_hash.salt)
            bytes.fromhex(pin_hash.hash)
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"the stored PIN is incomplete ({error})") from error
        if pin_hash.scheme != SCHEME:
            raise ValueError(f"the stored PIN uses an unknown scheme {pin_hash.scheme!r}")
        return pin_hash


def check_pin_text(pin: str) -> str:
    if not pin:
        raise InvalidPin(reason="it is empty")
    if len(pin) > MAX_PIN_LENGTH:
        raise InvalidPin(reason=f"it is longer than {MAX_PIN_LENGTH} characters")
    if not pin.isprintable():
        raise InvalidPin(reason="it contains characters that cannot be typed")
    return pin


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=HASH_BYTES, maxmem=64 * 1024 * 1024
    )


def hash_pin(pin: str) -> PinHash:
    salt = os.urandom(SALT_BYTES)
    digest = _derive(check_pin_text(pin), salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return PinHash(SCHEME, SCRYPT_N, SCRYPT_R, SCRYPT_P, salt.hex(), digest.hex())


def verify_pin(pin: str, stored: PinHash) -> bool:
    """False for a wrong PIN, and for cost values scrypt refuses (a hand-edited file)."""
    try:
        digest = _derive(pin, bytes.fromhex(stored.salt), stored.n, stored.r, stored.p)
    except ValueError:
        return False
    return hmac.compare_digest(digest, bytes.fromhex(stored.hash))
