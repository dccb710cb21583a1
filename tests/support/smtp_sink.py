#!/usr/bin/python3
"""A real SMTP server for the mail tests: aiosmtpd (Debian's python3-aiosmtpd) on loopback.

Writes each accepted message to DIR as NNNNNN.eml (the bytes received, CRLF line endings)
with NNNNNN.json beside it (the envelope), numbering on from the files already there, so a
restarted sink keeps counting. Appends the envelope commands it receives to DIR/commands.log
as it receives them, one a line ("MAIL <from>", "RCPT <to> 250", "DATA": written before the
DATA command is answered). Prints the port it listens on, then serves until killed.

The recipient's local part steers failures, as real servers answer:
  reject...@  550 5.1.1 at RCPT (permanent)
  busy...@    451 4.2.1 at RCPT, every time (temporary)
  defer...@   451 4.7.1 at RCPT the first time per address, then accepted (greylisting)
"""
import argparse
import asyncio
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Mailbox:
    def __init__(self, directory):
        self.directory = directory
        self.deferred = set()
        self.count = len([n for n in os.listdir(directory) if n.endswith(".eml")])

    def record(self, command):
        with open(os.path.join(self.directory, "commands.log"), "a") as log:
            log.write(command + "\n")

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.record("MAIL <%s>" % address)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.rcpt_reply(address)
        self.record("RCPT <%s> %s" % (address, reply[:3]))
        if reply.startswith("250"):
            envelope.rcpt_tos.append(address)
        return reply

    def rcpt_reply(self, address):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 No such user here"
        if local.startswith("busy"):
            return "451 4.2.1 Mailbox busy, try again later"
        if local.startswith("defer") and address not in self.deferred:
            self.deferred.add(address)
            return "451 4.7.1 Greylisted, try again later"
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.directory, "%06d" % self.count)
        with open(name + ".json", "w") as envelope_file:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos},
                      envelope_file)
        with open(name + ".tmp", "wb") as message_file:
            message_file.write(envelope.original_content)
        os.rename(name + ".tmp", name + ".eml")  # Readers see whole messages only.
        return "250 OK queued as %06d" % self.count


class RecordingSMTP(SMTP):
    """Records the DATA command before answering it (aiosmtpd has no hook for it)."""

    async def smtp_DATA(self, arg):
        self.event_handler.record("DATA")
        await super().smtp_DATA(arg)


async def serve(directory, port):
    handler = Mailbox(directory)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: RecordingSMTP(handler, hostname="sink.test", ident="commesso test sink"),
        "127.0.0.1", port, reuse_address=True)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    arguments = parser.parse_args()
    os.makedirs(arguments.dir, exist_ok=True)
    asyncio.run(serve(arguments.dir, arguments.port))


if __name__ == "__main__":
    sys.exit(main())
