// libFuzzer target: an AWS JSON-protocol error answer read by ServiceError::parse.
// The input is written like a small HTTP response so seeds stay readable:
//   first line: the status code; then "Name: value" header lines; an empty
//   line; then the body (everything after it, byte for byte).

#include "core/aws/serviceerror.h"

#include <cstddef>
#include <cstdint>

using jobdesk::aws::ServiceError;

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
    QList<std::pair<QByteArray, QByteArray>> headers;
    while (nextLine(line) && !line.trimmed().isEmpty()) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            headers.append({line, QByteArray()});
        else
            headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    const QByteArray body = pos < input.size() ? input.mid(pos) : QByteArray();

    const jobdesk::Error error = ServiceError::parse(status, headers, body);
    (void)error.summary();
    (void)ServiceError::isThrottling(error.code);
    (void)ServiceError::isTransient(error.code, error.httpStatus);
    (void)ServiceError::isClockSkew(error.code);
    return 0;
}
