import re

from django.core import mail


def last_mail_to(address):
    messages = [message for message in mail.outbox if address in message.to]
    assert messages, f"no e-mail to {address}"
    return messages[-1]


def first_link(message, path_prefix):
    match = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}[^\s]*)", message.body)
    assert match, message.body
    return match.group(1)


def login_code(message):
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)
