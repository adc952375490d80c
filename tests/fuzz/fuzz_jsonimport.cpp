// libFuzzer target: JobDesk's JSON import (File > Open and Paste in the window),
// which reads the AWS CLI's output, a JobDesk export or a bare jobDetails object
// and puts it through the service model; then the model step alone
// (ResponseParser::conform) on any parsed document, for every operation.

#include "core/codepipeline/jobdocument.h"
#include "core/codepipeline/responseparser.h"
#include "core/codepipeline/servicemodel.h"

#include <cstddef>
#include <cstdint>

using namespace jobdesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    auto document = codepipeline::JobDocument::fromJsonText(text, codepipeline::JobDocument::Origin::Pasted, QString());
    if (document) {
        // What the tabs read from an imported job.
        const codepipeline::JobDocument &doc = document.value();
        (void)doc.jobId();
        (void)doc.provider();
        (void)doc.title();
        (void)doc.hasArtifactCredentials();
        (void)doc.dataString("pipelineContext.stage.name");
        (void)doc.dataString("actionConfiguration.configuration");
        (void)doc.jobData().dump();
    } else {
        (void)document.error().summary();
    }
    const auto parsed = codepipeline::Json::parse(text.constBegin(), text.constEnd(), nullptr, false);
    if (parsed.is_discarded())
        return 0;
    for (const codepipeline::Operation &operation : codepipeline::ServiceModel::codePipeline().operations()) {
        if (!operation.output)
            continue;
        auto conformed = codepipeline::ResponseParser::conform(operation.output, parsed);
        if (conformed)
            (void)conformed.value().dump();
    }
    return 0;
}
