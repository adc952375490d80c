#include "core/archive/textpreview.h"

#include <QStringDecoder>

#include <array>

namespace jobdesk::archive {

namespace {

// windows-1252's 0x80..0x9F; its five undefined bytes keep their Latin-1 (C1) meaning.
constexpr std::array<char16_t, 32> Cp1252C1 = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

// The length of the valid UTF-8 prefix (RFC 3629: no overlong forms, no surrogates, at
// most U+10FFFF). *cutAtEnd tells whether what follows is only an incomplete sequence at
// the very end, which a truncated preview produces.
qsizetype validUtf8Prefix(const QByteArray &bytes, bool *cutAtEnd)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    *cutAtEnd = false;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0)
                lo = 0xA0;  // no overlong forms
            else if (c == 0xED)
                hi = 0x9F;  // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;  // nothing past U+10FFFF
        } else {
            return i;
        }
        for (int k = 1; k < length; ++k) {
            if (i + k >= n) {
                *cutAtEnd = true;
                return i;
            }
            const unsigned char cc = p[i + k];
            const unsigned char min = k == 1 ? lo : 0x80;
            const unsigned char max = k == 1 ? hi : 0xBF;
            if (cc < min || cc > max)
                return i;
        }
        i += length;
    }
    return i;
}

QString decodeUtf16(const QByteArray &bytes, bool bigEndian, bool truncated)
{
    QByteArray data = bytes;
    if (data.size() % 2)
        data.chop(1);
    QString text;
    text.resize(data.size() / 2);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto a = static_cast<unsigned char>(data.at(2 * i));
        const auto b = static_cast<unsigned char>(data.at(2 * i + 1));
        text[i] = QChar(char16_t(bigEndian ? (a << 8) | b : (b << 8) | a));
    }
    // A preview cut between the halves of a surrogate pair drops the lone first half.
    if (truncated && !text.isEmpty() && text.back().isHighSurrogate())
        text.chop(1);
    return text;
}

QString decodeCp1252(const QByteArray &bytes)
{
    QString text;
    text.resize(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes.at(i));
        text[i] = (b >= 0x80 && b <= 0x9F) ? QChar(Cp1252C1[b - 0x80]) : QChar(char16_t(b));
    }
    return text;
}

}  // namespace

TextPreview TextPreview::decode(const QByteArray &input, bool truncated)
{
    TextPreview preview;
    QByteArray bytes = input;
    preview.truncated = truncated;
    if (bytes.size() > Limit) {
        bytes.truncate(Limit);
        preview.truncated = true;
    }

    if (bytes.startsWith("\xEF\xBB\xBF")) {
        preview.encoding = QStringLiteral("UTF-8");
        bytes.remove(0, 3);
    } else if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        const bool bigEndian = bytes.startsWith("\xFE\xFF");
        preview.encoding = bigEndian ? QStringLiteral("UTF-16BE") : QStringLiteral("UTF-16LE");
        preview.isUtf8 = false;
        preview.text = decodeUtf16(bytes.mid(2), bigEndian, preview.truncated);
        preview.looksBinary = preview.text.contains(QChar(u'\0'));
        if (preview.looksBinary)
            preview.text.clear();
        return preview;
    }

    if (bytes.contains('\0')) {
        preview.looksBinary = true;
        preview.isUtf8 = false;
        return preview;
    }

    bool cutAtEnd = false;
    const qsizetype valid = validUtf8Prefix(bytes, &cutAtEnd);
    if (valid == bytes.size() || (cutAtEnd && preview.truncated)) {
        preview.encoding = QStringLiteral("UTF-8");
        preview.text = QString::fromUtf8(bytes.constData(), valid);
        return preview;
    }
    if (!preview.encoding.isEmpty()) {
        // A UTF-8 BOM on invalid UTF-8: the BOM is believed, the bad bytes shown as U+FFFD.
        preview.text = QString::fromUtf8(bytes);
        return preview;
    }
    preview.encoding = QStringLiteral("windows-1252");
    preview.isUtf8 = false;
    preview.text = decodeCp1252(bytes);
    return preview;
}

}  // namespace jobdesk::archive
