#!/usr/bin/env python3
"""Writes the archive fixtures of tests/core/archive with Python's zipfile and tarfile,
a second, independent writer beside JobDesk's own. Run it from anywhere; it rewrites
the files beside it byte for byte the same (fixed times, fixed order)."""

import gzip
import io
import os
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
WHEN = (2025, 3, 14, 15, 9, 26)
EPOCH = 1741964966  # 2025-03-14T15:09:26Z


def info(name, compress=zipfile.ZIP_DEFLATED):
    i = zipfile.ZipInfo(name, date_time=WHEN)
    i.compress_type = compress
    i.external_attr = 0o100644 << 16
    i.create_system = 3
    return i


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def plain():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.comment = b"Built by the artifact fixture generator"
        d = zipfile.ZipInfo("dir/", date_time=WHEN)
        d.external_attr = (0o40755 << 16) | 0x10
        d.create_system = 3
        z.writestr(d, b"")
        z.writestr(info("README.txt"), b"Hello from the artifact.\n")
        z.writestr(info("dir/a.txt", zipfile.ZIP_STORED), b"stored, not deflated\n")
        z.writestr(info("dir/sub/b.bin"), bytes(range(256)) * 64)
    write("plain.zip", buf.getvalue())


class Unseekable(io.RawIOBase):
    """A stream zipfile cannot seek back in, so it writes data descriptors."""

    def __init__(self):
        self.data = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.data += b
        return len(b)


def streamed():
    out = Unseekable()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in (("one.txt", b"first\n" * 100), ("two.txt", b"second\n" * 50)):
            with z.open(info(name), "w") as f:
                f.write(text)
    write("streamed.zip", bytes(out.data))


def names():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(info("r\u00e9sum\u00e9/\u65e5\u672c\u8a9e.txt"), "Unicode name\n".encode())
    utf8 = buf.getvalue()
    write("utf8-names.zip", utf8)


def zip64():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        with z.open(info("big-marked.txt"), "w", force_zip64=True) as f:
            f.write(b"zip64 extra fields, small content\n")
    write("zip64.zip", buf.getvalue())


def empty():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w"):
        pass
    write("empty.zip", buf.getvalue())


def tar_bytes(fmt):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
        d = tarfile.TarInfo("out/")
        d.type = tarfile.DIRTYPE
        d.mode = 0o755
        d.mtime = EPOCH
        t.addfile(d)
        # 162 bytes fit ustar's prefix field; 312 need a GNU 'L' or a pax path record.
        medium = "out/" + "deep/" * 30 + "file.txt"
        long_name = "out/" + "deeper/" * 43 + "file.txt"
        files = (("out/hello.txt", b"hello tar\n"), (medium, b"medium name\n"), (long_name, b"long name\n"),
                 ("out/\u00fcn\u00efcode-\u540d\u524d.txt", b"unicode\n"))
        for name, data in files:
            f = tarfile.TarInfo(name)
            f.size = len(data)
            f.mtime = EPOCH
            t.addfile(f, io.BytesIO(data))
        link = tarfile.TarInfo("out/link")
        link.type = tarfile.SYMTYPE
        link.linkname = "hello.txt"
        link.mtime = EPOCH
        t.addfile(link)
    return buf.getvalue()


def tars():
    write("gnu.tar", tar_bytes(tarfile.GNU_FORMAT))
    write("pax.tar", tar_bytes(tarfile.PAX_FORMAT))
    raw = io.BytesIO()
    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as g:
        g.write(tar_bytes(tarfile.PAX_FORMAT))
    write("pax.tar.gz", raw.getvalue())


if __name__ == "__main__":
    plain()
    streamed()
    names()
    zip64()
    empty()
    tars()
    write("not-an-archive.txt", b"Just text, with no archive signature.\n" * 20)
