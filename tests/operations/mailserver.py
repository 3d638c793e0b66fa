"""A real SMTP server on localhost for the e-mail delivery tests, which can be told to fail."""

import socket
from email import message_from_bytes

from aiosmtpd.controller import Controller


class FlakyHandler:
    """Answers DATA with a temporary failure `failures` times, then accepts."""

    def __init__(self, failures=0):
        self.failures = failures
        self.refused = 0
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        if self.refused < self.failures:
            self.refused += 1
            return "451 4.3.0 Mail server temporarily unavailable"
        self.received.append(
            (envelope.mail_from, list(envelope.rcpt_tos), message_from_bytes(envelope.content))
        )
        return "250 OK"


class MailServer:
    def __init__(self, failures=0):
        self.handler = FlakyHandler(failures)
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def received(self):
        return self.handler.received


def free_port():
    """A local port where nothing listens (yet): connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class CountingHandler:
    """A slow mail server that counts each message by its Message-ID: RCPT takes `delay`
    seconds, so a worker killed mid-delivery is almost always killed before DATA."""

    def __init__(self, delay=0.0):
        from collections import Counter

        self.delay = delay
        self.counts = Counter()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        import asyncio

        await asyncio.sleep(self.delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.counts[message_from_bytes(envelope.content)["Message-ID"]] += 1
        return "250 OK"


class CountingMailServer(MailServer):
    def __init__(self, delay=0.0):
        self.handler = CountingHandler(delay)
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def counts(self):
        return self.handler.counts
