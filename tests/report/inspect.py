"""What the headless Chromium test checks in Chromium's output, with the standard library.

  inspect.py colours PNG      prints how many colours the image has (decodes the PNG)
  inspect.py pages PDF        prints each page's /MediaBox as WxH, one a line
  inspect.py requests NETLOG  prints each network request the page made (not Chromium's own)
"""
import json
import re
import struct
import sys
import zlib


def png_rows(path):
    """The PNG's pixel rows (8-bit RGB or RGBA, not interlaced) as bytes, and pixel size."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    at, idat, header = 8, b"", None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise SystemExit(f"{path}: only 8-bit RGB(A), not interlaced, is read here")
    size = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * size
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - size] if x >= size else 0
            b = previous[x]
            c = previous[x - size] if x >= size else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        yield bytes(line), size
        previous = line


def colours(path):
    seen = set()
    for line, size in png_rows(path):
        seen.update(line[i:i + 3] for i in range(0, len(line), size))
    print(len(seen))


def pages(path):
    for match in re.finditer(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]",
                             open(path, "rb").read()):
        x0, y0, x1, y1 = (float(v) for v in match.groups())
        print(f"{round(x1 - x0)}x{round(y1 - y0)}")


def requests(path):
    """Requests the page made: Chromium's own (updates, accounts) have no file:// isolation key."""
    log = json.load(open(path))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    for event in log.get("events", []):
        params = event.get("params", {})
        if event["type"] == start and "url" in params and not params["url"].startswith("file:"):
            if str(params.get("network_isolation_key", "")).startswith("file:"):
                print(params["url"])


if __name__ == "__main__":
    {"colours": colours, "pages": pages, "requests": requests}[sys.argv[1]](sys.argv[2])
