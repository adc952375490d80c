// libFuzzer target: the AWS CLI shorthand syntax (ShorthandParser::parse), then
// the model step (applyModel) against every structured parameter of the five
// operations. The input is the text of one parameter value, as UTF-8.

#include "cli/shorthandparser.h"
#include "core/codepipeline/servicemodel.h"

#include <cstddef>
#include <cstdint>

using jobdesk::cli::ShorthandParser;
using namespace jobdesk::codepipeline;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    auto parsed = ShorthandParser::parse(text);
    if (!parsed) {
        (void)parsed.error().summary();
        return 0;
    }
    (void)parsed.value().dump();
    for (const Operation &operation : ServiceModel::codePipeline().operations()) {
        for (const Member &member : operation.input->members) {
            if (member.shape->isScalar())
                continue;
            ShorthandParser::Json value = parsed.value();
            const jobdesk::Status applied = ShorthandParser::applyModel(member.shape, value);
            if (applied)
                (void)value.dump();
        }
    }
    return 0;
}
