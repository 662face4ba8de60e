"""The tip inbox's cryptography, in plain functions (PyNaCl / libsodium).

- The inbox has one key pair. Its private key is stored only locked with a
  passphrase the ansvarig utgivare chose (argon2id, then a SecretBox), so the
  database and its backups alone open nothing.
- Every tip has a key pair of its own. Its messages and attachments are sealed
  to the tip's public key, which anyone (the server answering a source, an
  editor replying) can do without a secret. The tip's private key is stored
  twice: sealed to the inbox key (for editors with the passphrase) and locked
  with a key derived from the source's code phrase (for the source).
- The code phrase also gives the tip's lookup value, so the server can find a
  tip from the phrase without storing the phrase; a slow hash (argon2id) makes
  guessing phrases from a stolen database expensive.
"""

import hashlib
from dataclasses import dataclass

import nacl.exceptions
from nacl import pwhash, secret, utils
from nacl.public import PrivateKey, PublicKey, SealedBox

SALT_BYTES = pwhash.argon2id.SALTBYTES


@dataclass(frozen=True)
class Strength:
    """How slow the argon2id hash is; stored beside what it locked, so it can change later."""

    opslimit: int
    memlimit: int


STRENGTHS = {
    # A passphrase typed once per reading session: about a second is fine.
    "moderate": Strength(pwhash.argon2id.OPSLIMIT_MODERATE, pwhash.argon2id.MEMLIMIT_MODERATE),
    # A code phrase typed by a source on a phone, and on every tip submitted.
    "interactive": Strength(
        pwhash.argon2id.OPSLIMIT_INTERACTIVE, pwhash.argon2id.MEMLIMIT_INTERACTIVE
    ),
    # Tests only: the same code path, without the cost.
    "minimal": Strength(pwhash.argon2id.OPSLIMIT_MIN, pwhash.argon2id.MEMLIMIT_MIN),
}


class WrongSecret(Exception):
    """The passphrase or code phrase does not open what it was asked to open."""


@dataclass(frozen=True)
class LockedKey:
    public_key: bytes
    locked_private_key: bytes
    salt: bytes
    strength: Strength


def _derive(secret_text: str, salt: bytes, strength: Strength) -> bytes:
    return pwhash.argon2id.kdf(
        secret.SecretBox.KEY_SIZE,
        secret_text.encode("utf-8"),
        salt,
        opslimit=strength.opslimit,
        memlimit=strength.memlimit,
    )


def new_locked_key(passphrase: str, strength: Strength) -> LockedKey:
    private = PrivateKey.generate()
    return lock_private_key(bytes(private), passphrase, strength)


def lock_private_key(private_key: bytes, passphrase: str, strength: Strength) -> LockedKey:
    salt = utils.random(SALT_BYTES)
    box = secret.SecretBox(_derive(passphrase, salt, strength))
    return LockedKey(
        public_key=bytes(PrivateKey(private_key).public_key),
        locked_private_key=bytes(box.encrypt(private_key)),
        salt=salt,
        strength=strength,
    )


def unlock(locked: LockedKey, passphrase: str) -> bytes:
    box = secret.SecretBox(_derive(passphrase, locked.salt, locked.strength))
    try:
        return box.decrypt(locked.locked_private_key)
    except nacl.exceptions.CryptoError as error:
        raise WrongSecret from error


def seal(public_key: bytes, data: bytes) -> bytes:
    return SealedBox(PublicKey(public_key)).encrypt(data)


def open_sealed(private_key: bytes, sealed: bytes) -> bytes:
    try:
        return SealedBox(PrivateKey(private_key)).decrypt(sealed)
    except nacl.exceptions.CryptoError as error:
        raise WrongSecret from error


def new_key_pair() -> tuple[bytes, bytes]:
    private = PrivateKey.generate()
    return bytes(private.public_key), bytes(private)


@dataclass(frozen=True)
class PhraseKeys:
    """What one code phrase gives: the value stored to find the tip, and the key that opens it."""

    lookup: str
    box_key: bytes


def phrase_keys(phrase: str, salt: bytes, strength: Strength) -> PhraseKeys:
    # One slow hash, then two fast, separated derivations: the stored lookup
    # value says nothing about the key that opens the tip.
    root = _derive(phrase, salt, strength)
    lookup = hashlib.blake2b(root, digest_size=32, person=b"tips-lookup").hexdigest()
    box_key = hashlib.blake2b(root, digest_size=32, person=b"tips-open").digest()
    return PhraseKeys(lookup=lookup, box_key=box_key)


def lock_with(key: bytes, data: bytes) -> bytes:
    return bytes(secret.SecretBox(key).encrypt(data))


def open_with(key: bytes, locked: bytes) -> bytes:
    try:
        return secret.SecretBox(key).decrypt(locked)
    except nacl.exceptions.CryptoError as error:
        raise WrongSecret from error


def random_key() -> bytes:
    return utils.random(secret.SecretBox.KEY_SIZE)


def random_salt() -> bytes:
    return utils.random(SALT_BYTES)
