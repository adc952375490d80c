// libFuzzer target: jobdesk-cli's command line (CommandLine::parse), which takes
// plain values, shorthand, JSON and --cli-input-json. Each input line is one
// argument after the program name.

#include "cli/commandline.h"

#include <cstddef>
#include <cstdint>

using jobdesk::cli::CommandLine;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    // file:// and fileb:// values are read from disk; a fuzzer must not make the
    // parser read the machine's files (/dev/zero would never end). The prefixes
    // are matched case-sensitively, and shorthand unquoting only drops a
    // backslash before a quote or backslash, so no other input spells them.
    if (input.contains("file://") || input.contains("fileb://"))
        return 0;

    QStringList arguments{QStringLiteral("jobdesk-cli")};
    for (const QByteArray &line : input.split('\n'))
        arguments.append(QString::fromUtf8(line));

    auto parsed = CommandLine::parse(arguments);
    if (parsed)
        (void)parsed.value().params.dump();
    else
        (void)parsed.error().summary();
    return 0;
}
