// libFuzzer target: --cli-input-json for each of the five operations, through
// CommandLine::parse and then the validation every request gets before it is
// sent (ParamValidator). The input is the JSON text.

#include "cli/commandline.h"
#include "core/codepipeline/paramvalidator.h"
#include "core/codepipeline/servicemodel.h"

#include <cstddef>
#include <cstdint>

using jobdesk::cli::CommandLine;
using namespace jobdesk::codepipeline;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString json = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    // A value starting with file:// is read from disk; see fuzz_commandline.cpp.
    if (json.startsWith(QLatin1String("file://")) || json.startsWith(QLatin1String("fileb://")))
        return 0;
    for (const Operation &operation : ServiceModel::codePipeline().operations()) {
        const QStringList arguments{QStringLiteral("jobdesk-cli"), QStringLiteral("codepipeline"),
                                    QString::fromStdString(operation.cliName), QStringLiteral("--cli-input-json"),
                                    json};
        auto parsed = CommandLine::parse(arguments);
        if (!parsed) {
            (void)parsed.error().summary();
            continue;
        }
        // What the runner does next: validate, then serialise the request body.
        const auto problems = ParamValidator::check(operation.input, parsed.value().params);
        if (problems.isEmpty())
            (void)parsed.value().params.dump();
    }
    return 0;
}
