// libFuzzer target: a CodePipeline answer body, as the network delivers it, put
// through ResponseParser::parse for every operation's output shape.

#include "core/codepipeline/responseparser.h"
#include "core/codepipeline/servicemodel.h"

#include <cstddef>
#include <cstdint>

using namespace jobdesk::codepipeline;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const Operation &operation : ServiceModel::codePipeline().operations()) {
        auto parsed = ResponseParser::parse(operation.output, body);
        if (parsed) {
            // What the views do next with a good answer: walk and print it.
            (void)parsed.value().data.dump();
            (void)parsed.value().wire.dump(2);
        } else {
            (void)parsed.error().summary();
        }
    }
    return 0;
}
