// libFuzzer target: an archive downloaded from S3, listed by ArchiveReader (zip, tar,
// tar.gz, whatever the bytes say), then the first zip entries read with a small limit and
// their start decoded for the preview, as the artifact view does.

#include "core/archive/archivereader.h"
#include "core/archive/textpreview.h"

#include <QBuffer>

#include <cstddef>
#include <cstdint>

using jobdesk::archive::ArchiveFormat;
using jobdesk::archive::ArchiveReader;
using jobdesk::archive::TextPreview;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer buffer(&input);
    buffer.open(QIODevice::ReadOnly);

    const ArchiveFormat format = ArchiveReader::detect(&buffer);
    (void)ArchiveReader::formatName(format);
    const auto listed = ArchiveReader::list(&buffer);
    if (!listed.ok()) {
        (void)listed.error().summary();
        return 0;
    }
    if (format != ArchiveFormat::Zip)
        return 0;
    int reads = 0;
    for (const auto &entry : listed.value()) {
        if (entry.isDirectory || entry.isSymlink)
            continue;
        if (++reads > 4)
            break;
        // A small limit like the preview's first screen, then a whole read, which checks
        // the size and the CRC.
        const auto start = ArchiveReader::read(&buffer, entry.name, 512);
        if (start.ok())
            (void)TextPreview::decode(start.value().bytes, start.value().truncated);
        const auto whole = ArchiveReader::read(&buffer, entry.name, 64 * 1024);
        if (whole.ok())
            (void)whole.value().bytes.size();
    }
    return 0;
}
