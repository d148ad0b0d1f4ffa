"""Users, roles, sessions, CSRF tokens and the login rate limit of the web app.

Passwords are kept only as Argon2 hashes (argon2-cffi). Sessions live in the server's memory: a
random token in an HttpOnly, SameSite=Lax cookie (Secure behind HTTPS); every session, logged in
or not, carries its own CSRF token that every form posts back.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select

from disclosed.errors import DisclosedError
from disclosed.store import Store
from disclosed.store.schema import UserRow, WebSettingRow

ROLES = ("viewer", "reviewer", "admin")
RANK = {role: i for i, role in enumerate(ROLES)}
SESSION_COOKIE = "disclosed_session"
SESSION_SECONDS = 8 * 3600
LOGIN_ATTEMPTS = 5  # failed attempts allowed per client and per name ...
LOGIN_WINDOW_SECONDS = 300  # ... within this many seconds
MIN_PASSWORD = 8

_hasher = PasswordHasher()
# Verifying against this when the name is unknown takes as long as for a real user.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class UserError(DisclosedError):
    pass


@dataclass(frozen=True)
class User:
    name: str
    role: str

    def can(self, role: str) -> bool:
        return RANK[self.role] >= RANK[role]


def add_user(store: Store, name: str, password: str, role: str) -> User:
    name = name.strip()
    if not name or len(name) > 128:
        raise UserError("user name: give 1 to 128 characters")
    if role not in ROLES:
        raise UserError(f"role {role!r}: choose viewer, reviewer or admin")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"password: at least {MIN_PASSWORD} characters")
    with store.session() as s:
        if s.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
            raise UserError(f"user {name!r} already exists")
        s.add(UserRow(name=name, role=role, password_hash=_hasher.hash(password)))
    return User(name, role)


def remove_user(store: Store, name: str) -> bool:
    with store.session() as s:
        return s.execute(delete(UserRow).where(UserRow.name == name)).rowcount > 0


def list_users(store: Store) -> list[User]:
    with store.session() as s:
        return [User(n, r) for n, r in s.execute(select(UserRow.name, UserRow.role).order_by(UserRow.name))]


def count_users(store: Store) -> int:
    return len(list_users(store))


def check_password(store: Store, name: str, password: str) -> User | None:
    with store.session() as s:
        row = s.execute(
            select(UserRow.name, UserRow.role, UserRow.password_hash).where(UserRow.name == name)
        ).one_or_none()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return User(row.name, row.role) if row else None


def secret(store: Store, key: str = "calendar_secret") -> str:
    """A random secret kept in the database (created on first use)."""
    with store.session() as s:
        value = s.scalar(select(WebSettingRow.value).where(WebSettingRow.key == key))
        if value is None:
            value = secrets.token_urlsafe(32)
            s.add(WebSettingRow(key=key, value=value))
    return value


def calendar_token(store: Store) -> str:
    return hmac.new(secret(store).encode(), b"foi-calendar", "sha256").hexdigest()[:32]


@dataclass
class Session:
    token: str
    csrf: str
    user: User | None = None
    expires: float = field(default_factory=lambda: time.time() + SESSION_SECONDS)


class Sessions:
    def __init__(self) -> None:
        self._by_token: dict[str, Session] = {}
        self._lock = threading.Lock()

    def get(self, token: str | None) -> Session | None:
        if not token:
            return None
        with self._lock:
            session = self._by_token.get(token)
            if session and session.expires < time.time():
                del self._by_token[token]
                return None
            return session

    def new(self, user: User | None = None) -> Session:
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), user)
        with self._lock:
            self._by_token[session.token] = session
        return session

    def drop(self, token: str) -> None:
        with self._lock:
            self._by_token.pop(token, None)


class LoginLimiter:
    """At most LOGIN_ATTEMPTS failures per client address and per user name in a sliding window."""

    def __init__(self, attempts: int = LOGIN_ATTEMPTS, window: float = LOGIN_WINDOW_SECONDS) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and q[0] < now - self.window:
            q.popleft()
        return q

    def blocked(self, *keys: str) -> bool:
        now = time.time()
        with self._lock:
            return any(len(self._recent(k, now)) >= self.attempts for k in keys)

    def failed(self, *keys: str) -> None:
        now = time.time()
        with self._lock:
            for k in keys:
                self._recent(k, now).append(now)


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a, b)
