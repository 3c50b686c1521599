#!/usr/bin/env python3
"""Writes Benchmarks/Data/sample.warc.gz from the pages in Benchmarks/Data/html.

A WARC 1.0 file with one gzip member per record (as crawlers write them): a warcinfo record, then
one `response` record per page (an HTTP/1.1 200 response carrying the page) and, before each, a
`request` record (which Trawl skips, as it would in a real crawl). Deterministic: fixed dates and
record ids, gzip without a timestamp. Standard library only.

    python3 Benchmarks/Data/make_sample_warc.py
"""

import gzip
import hashlib
import io
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATE = "2024-06-11T12:00:00Z"


def record(kind, headers, block):
    record_id = uuid.UUID(bytes=hashlib.sha1(kind.encode() + block).digest()[:16])
    lines = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{record_id}>",
        f"WARC-Date: {DATE}",
        *headers,
        f"Content-Length: {len(block)}",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def member(data):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as stream:
        stream.write(data)
    return out.getvalue()


def main():
    info = b"software: Trawl Benchmarks/Data/make_sample_warc.py\r\nformat: WARC File Format 1.0\r\n"
    parts = [member(record("warcinfo", ["Content-Type: application/warc-fields"], info))]
    for page in sorted((HERE / "html").glob("*.html")):
        uri = f"https://example.org/{page.name}"
        body = page.read_bytes()
        request = f"GET /{page.name} HTTP/1.1\r\nHost: example.org\r\n\r\n".encode()
        parts.append(member(record("request", [f"WARC-Target-URI: {uri}", "Content-Type: application/http; msgtype=request"],
                                   request)))
        response = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        parts.append(member(record("response", [f"WARC-Target-URI: {uri}",
                                                "Content-Type: application/http; msgtype=response"], response)))
    target = HERE / "sample.warc.gz"
    target.write_bytes(b"".join(parts))
    print(f"wrote {target} ({target.stat().st_size} bytes, {len(parts) // 2} pages)")


if __name__ == "__main__":
    main()
