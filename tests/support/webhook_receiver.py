#!/usr/bin/python3
"""A real HTTP endpoint for the webhook tests: the standard library's http.server on loopback.

Appends every POST it receives to DIR/requests.jsonl, one JSON object a line:
{"path", "headers": {name: value}, "body": the body as text, "verified": whether
verify() (the receiver's check of docs/webhooks.md, copied from there) accepts it with
SECRET}, written whole before the answer, so a reader never sees half a request. Answers every POST with STATUS (default 204)
and the body "status STATUS" (none for 204). Prints the port it listens on, then serves until killed.
"""
import argparse
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


# docs/webhooks.md, "Verifying a request": keep the two the same.
def verify(secret, signature_header, body, now=None, tolerance=300):
    """True when the Commesso-Signature header signs body (bytes) with secret (str)."""
    fields = dict(part.split("=", 1) for part in signature_header.split(",") if "=" in part)
    try:
        t = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - t) > tolerance:
        return False  # Too old (or from the future): a replayed request.
    expected = hmac.new(secret.encode(), str(t).encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), fields.get("v1", ""))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--status", type=int, default=204)
    parser.add_argument("--secret", default="")
    # The signatures' clock: the tests' fixed clock, not this machine's.
    parser.add_argument("--now", type=int, default=0)
    args = parser.parse_args()
    log_path = os.path.join(args.dir, "requests.jsonl")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # Keep-alive, as real endpoints do.

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            verified = verify(args.secret, self.headers.get("Commesso-Signature", ""), raw,
                              now=args.now or None)
            record = {"path": self.path, "headers": dict(self.headers.items()),
                      "body": raw.decode("utf-8"), "verified": verified}
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps(record) + "\n")
            # A 204 has no body (RFC 9110); bytes after it would be read as the next answer.
            answer = b"" if args.status == 204 else ("status %d" % args.status).encode()
            self.send_response(args.status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *unused):
            pass

    ThreadingHTTPServer.allow_reuse_address = True
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(server.server_address[1], flush=True)
    sys.stdout.close()
    server.serve_forever()


if __name__ == "__main__":
    main()
