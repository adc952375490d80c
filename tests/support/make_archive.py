#!/usr/bin/env python3
"""Writes a zip, tar or tar.gz from a JSON description read on stdin, with Python's own
zipfile and tarfile, so that the tests read archives that JobDesk did not make itself.

    make_archive.py zip|tar|tar.gz OUT < entries.json

Each entry: {"name": str, "data": base64 (files), "dir": bool, "link": target,
"legacy": bool (a CP437 name without the UTF-8 flag), "stored": bool (no compression)}.
Prints the written zip's directory as JSON: [{"name", "size", "packed", "crc"}].
"""

import base64
import io
import json
import sys
import tarfile
import zipfile


class LegacyZipInfo(zipfile.ZipInfo):
    # zipfile marks every non-ASCII name as UTF-8; an old archiver would have written CP437.
    def _encodeFilenameFlags(self):
        return self.filename.encode("cp437"), self.flag_bits & ~0x800


def write_zip(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for e in entries:
            info = (LegacyZipInfo if e.get("legacy") else zipfile.ZipInfo)(e["name"], (2024, 5, 17, 10, 30, 0))
            info.create_system = 3
            data = base64.b64decode(e.get("data", ""))
            if e.get("dir"):
                info.filename = e["name"].rstrip("/") + "/"
                info.external_attr = (0o40755 << 16) | 0x10
                data = b""
            elif "link" in e:
                info.external_attr = 0o120777 << 16
                data = e["link"].encode()
            else:
                info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if e.get("stored") or e.get("dir") else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    with zipfile.ZipFile(path) as archive:
        return [{"name": i.filename, "size": i.file_size, "packed": i.compress_size, "crc": i.CRC}
                for i in archive.infolist()]


def write_tar(path, entries, mode):
    with tarfile.open(path, mode) as archive:
        for e in entries:
            info = tarfile.TarInfo(e["name"])
            info.mtime = 1715941800
            data = base64.b64decode(e.get("data", ""))
            if e.get("dir"):
                info.type = tarfile.DIRTYPE
                archive.addfile(info)
            elif "link" in e:
                info.type = tarfile.SYMTYPE
                info.linkname = e["link"]
                archive.addfile(info)
            else:
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    return [{"name": e["name"], "size": len(base64.b64decode(e.get("data", ""))), "packed": 0, "crc": 0}
            for e in entries]


def main():
    kind, out = sys.argv[1], sys.argv[2]
    entries = json.load(sys.stdin)
    if kind == "zip":
        listing = write_zip(out, entries)
    elif kind == "tar":
        listing = write_tar(out, entries, "w")
    elif kind == "tar.gz":
        listing = write_tar(out, entries, "w:gz")
    else:
        sys.exit("unknown kind " + kind)
    json.dump(listing, sys.stdout)


if __name__ == "__main__":
    main()
