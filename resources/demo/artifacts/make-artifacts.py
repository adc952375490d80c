#!/usr/bin/env python3
"""Writes the demo jobs' input artifacts: small zip files, the same bytes on every run.

Each holds what a build's source or output typically does: a README.md, a buildspec.yml,
a JSON configuration, a PNG image, a text file in windows-1252 (as older Windows tools
write them) and files in nested folders. resources/demo/jobs.json serves them from the
fake endpoint's S3. Run it from anywhere: python3 make-artifacts.py
"""

import json
import os
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
# A fixed time for every entry, so that the zips do not change from run to run.
STAMP = (2024, 6, 3, 9, 30, 0)


def png(width, height, colour_at):
    """A truecolour PNG, pixel colours from colour_at(x, y) -> (r, g, b)."""
    rows = b"".join(
        b"\x00" + b"".join(bytes(colour_at(x, y)) for x in range(width)) for y in range(height)
    )

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def badge(base):
    """A 32x32 rounded badge in the given colour on a white ground."""
    def colour(x, y):
        dx, dy = abs(x - 15.5), abs(y - 15.5)
        inside = max(dx, dy) < 13 and (dx < 9 or dy < 9 or (dx - 9) ** 2 + (dy - 9) ** 2 < 16)
        return base if inside else (255, 255, 255)
    return png(32, 32, colour)


def write_zip(name, entries):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry_name, data in entries:
            info = zipfile.ZipInfo(entry_name, STAMP)
            info.compress_type = zipfile.ZIP_STORED if entry_name.endswith(".png") else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    print(f"{name}: {os.path.getsize(path)} bytes, {len(entries)} files")


def text(value):
    return value.encode("utf-8")


def cp1252(value):
    return value.replace("\n", "\r\n").encode("windows-1252")


def storefront():
    return [
        ("README.md", text(
            "# web-storefront\n\nThe shop's customer-facing site: catalogue, cart and checkout.\n\n"
            "## Build\n\n```sh\nmake ci\n```\n\nThe pipeline `web-storefront-prod` builds `release/*` branches "
            "with AcmeCI and deploys the result to the production bucket.\n")),
        ("buildspec.yml", text(
            "version: 0.2\n\nphases:\n  install:\n    runtime-versions:\n      nodejs: 20\n"
            "  build:\n    commands:\n      - npm ci\n      - npm run build\n      - npm test -- --ci\n\n"
            "artifacts:\n  base-directory: dist\n  files:\n    - '**/*'\n")),
        ("config/storefront.json", text(json.dumps({
            "service": "web-storefront", "region": "us-east-1", "currency": "USD",
            "features": {"wishlist": True, "guestCheckout": True, "giftCards": False},
            "cdn": {"host": "static.example.com", "maxAgeSeconds": 86400},
        }, indent=2) + "\n")),
        ("assets/logo.png", badge((32, 110, 200))),
        ("docs/release-notes.txt", cp1252(
            "Release notes 2024.06 (written with Notepad, windows-1252)\n\n"
            "\u2013 Caf\u00e9 menu: prices now shown in \u20ac and $\n"
            "\u2013 \u201cQuick buy\u201d button for na\u00efve users\n"
            "\u2013 Fixed: cart total off by 0,01 \u20ac in some cases\n")),
        ("src/components/cart/CartSummary.js", text(
            "export function cartTotal(items) {\n"
            "  return items.reduce((sum, item) => sum + item.price * item.quantity, 0);\n}\n")),
        ("src/components/cart/styles/cart.css", text(".cart-summary { display: grid; gap: 0.5rem; }\n")),
        ("src/index.js", text("import { cartTotal } from './components/cart/CartSummary.js';\n\nexport { cartTotal };\n")),
    ]


def payments():
    return [
        ("README.md", text(
            "# payments-api build output\n\nThe compiled service and its deployment files, as the Build "
            "stage left them.\n\n- `bin/payments-api`: the service\n- `appspec.yml`: CodeDeploy hooks\n")),
        ("buildspec.yml", text(
            "version: 0.2\n\nphases:\n  build:\n    commands:\n      - go build -o bin/payments-api ./cmd/api\n"
            "      - go test ./...\nartifacts:\n  files:\n    - bin/*\n    - appspec.yml\n    - config/*\n")),
        ("appspec.yml", text(
            "version: 0.0\nos: linux\nfiles:\n  - source: bin/payments-api\n    destination: /opt/payments/bin\n"
            "hooks:\n  ApplicationStart:\n    - location: scripts/start.sh\n      timeout: 60\n")),
        ("config/settings.json", text(json.dumps({
            "listen": ":8443", "database": {"host": "payments-db.internal", "pool": 20},
            "limits": {"maxAmountCents": 5000000, "currencies": ["USD", "EUR", "JPY"]},
        }, indent=2) + "\n")),
        ("assets/status.png", badge((40, 160, 90))),
        ("docs/operator-notes.txt", cp1252(
            "Operator notes (exported from the old Windows runbook)\n\n"
            "\u2022 Restart order: API, then the workers\n"
            "\u2022 Refunds over 1\u00a0000 \u20ac need a second approval\n"
            "\u2022 Contact: Zo\u00eb M\u00fcller, on call \u2018payments\u2019\n")),
        ("bin/payments-api", text("#!/bin/sh\n# Stand-in for the compiled service in this demo.\necho payments-api 2.4.1\n")),
        ("scripts/start.sh", text("#!/bin/sh\nexec /opt/payments/bin/payments-api --config /opt/payments/config/settings.json\n")),
        ("scripts/lib/health/check.sh", text("#!/bin/sh\ncurl -fsS https://localhost:8443/health\n")),
    ]


def inventory():
    return [
        ("README.md", text(
            "# inventory-service package\n\nA packaged release of the inventory service for the Deploy "
            "stage.\n\n| file | purpose |\n| --- | --- |\n| `app/` | the service |\n| `config/` | settings |\n")),
        ("buildspec.yml", text(
            "version: 0.2\n\nphases:\n  build:\n    commands:\n      - ./gradlew assemble\n"
            "artifacts:\n  files:\n    - app/**/*\n    - config/*\n")),
        ("config/inventory.json", text(json.dumps({
            "warehouses": [{"id": "IAD-1", "capacity": 12000}, {"id": "SEA-2", "capacity": 8000}],
            "reorderThreshold": 0.15, "syncIntervalSeconds": 300,
        }, indent=2) + "\n")),
        ("assets/icon.png", badge((200, 120, 30))),
        ("docs/lisezmoi.txt", cp1252(
            "Notes de version (fichier Windows, windows-1252)\n\n"
            "\u00c9tat : pr\u00eat pour la production\n"
            "Entrep\u00f4ts synchronis\u00e9s toutes les 5\u00a0minutes \u2013 \u00ab\u00a0sans d\u00e9lai\u00a0\u00bb\n")),
        ("app/lib/inventory-core/Stock.kt", text(
            "package inventory.core\n\ndata class Stock(val sku: String, val quantity: Int)\n")),
        ("app/lib/inventory-core/Reorder.kt", text(
            "package inventory.core\n\nfun needsReorder(stock: Stock, capacity: Int, threshold: Double) =\n"
            "    stock.quantity < capacity * threshold\n")),
        ("app/bin/inventory", text("#!/bin/sh\nexec java -jar \"$(dirname \"$0\")/../inventory.jar\" \"$@\"\n")),
    ]


if __name__ == "__main__":
    write_zip("web-storefront-source.zip", storefront())
    write_zip("payments-api-build.zip", payments())
    write_zip("inventory-service-package.zip", inventory())
