#pragma once

// Turns the first bytes of an artifact's file into text for the preview: finds the
// encoding (BOM, valid UTF-8, else windows-1252) and says when it is not text at all.

#include <QByteArray>
#include <QString>

namespace jobdesk::archive {

struct TextPreview
{
    static constexpr qint64 Limit = qint64(1024) * 1024;  // preview at most 1 MiB

    QString text;
    QString encoding;  // "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252"
    bool isUtf8 = true;
    bool truncated = false;    // the bytes were the start of a longer file
    bool looksBinary = false;  // NUL bytes outside UTF-16: show a hex view or nothing, not text

    // A UTF-8 or UTF-16 BOM decides; else valid UTF-8 is UTF-8 and anything else
    // windows-1252 (Latin-1 for its undefined bytes). With truncated, an incomplete
    // multibyte character at the very end is dropped rather than shown as garbage.
    static TextPreview decode(const QByteArray &bytes, bool truncated);
};

}  // namespace jobdesk::archive
