"""One place that knows every app's personal data about a user.

Each app that stores personal data registers an exporter and an eraser in its
AppConfig.ready(). "Download my data" and "delete my account" call them all,
so a new app cannot forget to take part.

    personal_data.register("comments", export=export_comments, erase=erase_comments)

export(user) -> JSON-serialisable dict or list.
erase(user) -> None; deletes or anonymises, keeping only what law requires.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataHandler:
    name: str
    export: Callable
    erase: Callable


_handlers: dict[str, PersonalDataHandler] = {}


def register(name: str, *, export: Callable, erase: Callable) -> None:
    _handlers[name] = PersonalDataHandler(name, export, erase)


def handlers() -> list[PersonalDataHandler]:
    return list(_handlers.values())


def export_all(user) -> dict:
    return {handler.name: handler.export(user) for handler in handlers()}


def erase_all(user) -> None:
    for handler in handlers():
        handler.erase(user)
