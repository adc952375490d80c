// libFuzzer target: an S3 error answer read by S3Error. The input is written like a small
// HTTP response so seeds stay readable: first line the status code; then "Name: value"
// header lines; an empty line; then the body (everything after it, byte for byte).

#include "core/s3/s3error.h"

#include <cstddef>
#include <cstdint>

using jobdesk::s3::S3Error;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));

    qsizetype pos = 0;
    auto nextLine = [&](QByteArray &line) {
        if (pos >= input.size())
            return false;
        qsizetype end = input.indexOf('\n', pos);
        if (end < 0)
            end = input.size();
        line = input.mid(pos, end - pos);
        pos = end + 1;
        return true;
    };

    QByteArray line;
    int status = 0;
    if (nextLine(line))
        status = line.trimmed().toInt();
    jobdesk::aws::HeaderList headers;
    while (nextLine(line) && !line.trimmed().isEmpty()) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            headers.append({line, QByteArray()});
        else
            headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    const QByteArray body = pos < input.size() ? input.mid(pos) : QByteArray();

    if (const auto parsed = S3Error::parseBody(body))
        (void)parsed.value().code.size();
    const jobdesk::Error error = S3Error::fromResponse(status, headers, body);
    (void)error.summary();
    (void)S3Error::isWrongRegion(error);
    (void)S3Error::bucketRegion(headers, body);
    return 0;
}
