// libFuzzer target: the JMESPath engine behind --query and the window's filter.
// The input is an expression, then optionally a NUL byte and a JSON document
// to search (a small sample document otherwise). Documents are held to the
// nesting JobDesk accepts from a response (ResponseParser::maxNestingDepth).

#include "core/codepipeline/responseparser.h"
#include "core/query/expression.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using Json = nlohmann::ordered_json;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    const size_t split = input.find('\0');
    const std::string_view expression = input.substr(0, split);
    Json document = Json::parse(R"({"jobs": [{"id": "a", "n": 1, "tags": ["x", "y"]},
                                             {"id": "b", "n": 2.5, "tags": []}], "next": null})");
    if (split != std::string_view::npos) {
        bool tooDeep = false;
        const auto limitDepth = [&tooDeep](int depth, Json::parse_event_t, Json &) {
            tooDeep = tooDeep || depth > jobdesk::codepipeline::ResponseParser::maxNestingDepth;
            return !tooDeep;
        };
        Json parsed = Json::parse(input.substr(split + 1), limitDepth, false);
        if (parsed.is_discarded() || tooDeep)
            return 0;
        document = std::move(parsed);
    }
    const auto compiled = jobdesk::query::Expression::compile(expression);
    if (!compiled.ok()) {
        (void)compiled.error().message.size();
        return 0;
    }
    // Twice: a compiled expression is reused across documents.
    for (int i = 0; i < 2; ++i) {
        const auto result = compiled.value().search(document);
        if (result.ok())
            (void)result.value().dump();
        else
            (void)jobdesk::query::QueryError::kindName(result.error().kind);
    }
    return 0;
}
