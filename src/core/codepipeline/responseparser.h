#pragma once

// Turns a JSON 1.1 response body into the shape the AWS CLI prints: structure
// members in service-model order, map entries in wire order, nulls and
// unknown members dropped. The body as received is kept too, for the raw view.

#include "core/codepipeline/servicemodel.h"
#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <nlohmann/json.hpp>

namespace jobdesk::codepipeline {

using Json = nlohmann::ordered_json;

// nlohmann::json's destructor may allocate (its work stack for deep documents),
// which clang-tidy reports through this struct; running out of memory there ends
// the program whatever we do.
struct ParsedResponse  // NOLINT(bugprone-exception-escape)
{
    Json data;  // as the AWS CLI would hold it after parsing
    Json wire;  // exactly what the service sent, unknown fields included
};

class ResponseParser
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::codepipeline::ResponseParser)

public:
    // outputShape may be null for operations without output; the body is then ignored
    // unless it is not JSON at all.
    static Result<ParsedResponse> parse(const Shape *outputShape, const QByteArray &body);

    // Applies the model to an already parsed document (used for files opened offline).
    static Result<Json> conform(const Shape *shape, const Json &value);

    // Deeper documents are refused before parsing: printing, copying and comparing a
    // parsed document recurse once per level, so an answer nested thousands deep would
    // overflow the stack. CodePipeline's answers nest fewer than ten levels.
    static constexpr int maxNestingDepth = 256;
    static bool nestsDeeperThan(const QByteArray &json, int depth);
};

}  // namespace jobdesk::codepipeline
