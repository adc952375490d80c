// libFuzzer target: the JMESPath engine (--query in jobdesk-cli, the window's
// query bar): Expression::compile, then search over a document.
//
// The input is split at its first NUL byte. Before it: the expression, as
// UTF-8. After it: the document, when it parses as JSON; otherwise (or with no
// NUL at all) a fixed job-like document, so that plain expression inputs still
// reach every construct's evaluation.
//
// Beyond not crashing, the target checks what every caller relies on: an error
// has a kind, a message and a position inside the expression; a compiled
// expression keeps its text and compiles again from it; searching twice gives
// the same answer; and nesting deeper than Expression::maxDepth is refused
// with an error rather than recursed into.

#include "core/query/expression.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

using jobdesk::query::Expression;
using jobdesk::query::QueryError;
using Json = nlohmann::ordered_json;

namespace {

const Json &fixedDocument()
{
    static const Json document = Json::parse(R"({
        "jobDetails": {"id": "11111111-2222-4333-8444-555555555555",
          "data": {"actionConfiguration": {"configuration": {"Zeta": "last", "Alpha": "1.50", "Ünï": "日本 😀"}},
                   "inputArtifacts": [{"name": "In0", "revision": "r0", "location": {"s3Location": {"objectKey": "a/b.zip"}}},
                                      {"name": "In1", "location": {"s3Location": {"objectKey": "c.zip"}}}],
                   "outputArtifacts": [],
                   "numbers": [3, -1, 2.5, 0, 1e16], "strings": ["b", "a", "", "é"],
                   "mixed": [1, "a", null, true, [1, [2, [3]]], {"a": {"b": 1}}]},
          "nonce": "7"}})");
    return document;
}

// Expressions are measured in code points, as python counts them.
int codePoints(std::string_view text)
{
    return int(QString::fromUtf8(text.data(), qsizetype(text.size())).toUcs4().size());
}

bool isUtf8(std::string_view text)
{
    const QByteArray bytes(text.data(), qsizetype(text.size()));
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

void checkError(const QueryError &error, std::string_view expression)
{
    const char *name = QueryError::kindName(error.kind);
    if (name == nullptr || *name == '\0' || error.message.isEmpty())
        abort();
    if (error.position < -1 || error.position > codePoints(expression))
        abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = reinterpret_cast<const char *>(data);
    const void *nul = std::memchr(bytes, '\0', size);
    const size_t expressionSize = nul ? size_t(static_cast<const char *>(nul) - bytes) : size;
    const std::string_view text(bytes, expressionSize);

    Json parsed;
    if (nul)
        parsed = Json::parse(bytes + expressionSize + 1, bytes + size, nullptr, false);
    const Json &document = nul && !parsed.is_discarded() ? parsed : fixedDocument();

    const auto compiled = Expression::compile(text);
    if (!compiled) {
        checkError(compiled.error(), text);
        return 0;
    }
    const Expression &expression = compiled.value();
    if (expression.text() != text || !Expression::compile(std::string_view(expression.text())))
        abort();

    const auto first = expression.search(document);
    const auto second = expression.search(document);
    if (first.ok() != second.ok())
        abort();
    if (!first) {
        checkError(first.error(), text);
        if (first.error().kind != second.error().kind)
            abort();
        return 0;
    }
    // The answer must print, as jobdesk-cli prints it; its strings come from
    // the document (checked by the parser) or from a valid UTF-8 expression, so
    // they are valid UTF-8 too (dump throws otherwise).
    const auto handler = isUtf8(text) ? Json::error_handler_t::strict : Json::error_handler_t::replace;
    if (first.value().dump(4, ' ', false, handler) != second.value().dump(4, ' ', false, handler))
        abort();
    return 0;
}
