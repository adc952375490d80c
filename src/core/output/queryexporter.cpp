#include "core/output/queryexporter.h"

#include "core/output/jsonwriter.h"
#include "core/secret.h"

#include <QByteArrayView>

namespace jobdesk::output {

using codepipeline::Json;

namespace {

const Json &absent()
{
    static const Json nothing;
    return nothing;
}

// Walks the document beside its redacted form: a string that redaction replaced is a secret.
bool holdsRedactedValue(const QByteArray &text, const Json &original, const Json &redacted)
{
    if (original.is_string()) {
        if (redacted == original)
            return false;
        const auto &value = original.get_ref<const std::string &>();
        return !value.empty() && text.contains(QByteArrayView(value.data(), qsizetype(value.size())));
    }
    if (original.is_object()) {
        for (auto it = original.begin(); it != original.end(); ++it) {
            const auto other = redacted.is_object() ? redacted.find(it.key()) : redacted.end();
            // A member the redactor blanked as a whole (or dropped) is secret throughout.
            if (holdsRedactedValue(text, it.value(), other == redacted.end() ? absent() : *other))
                return true;
        }
        return false;
    }
    if (original.is_array()) {
        for (std::size_t i = 0; i < original.size(); ++i) {
            const Json &other = redacted.is_array() && i < redacted.size() ? redacted.at(i) : absent();
            if (holdsRedactedValue(text, original.at(i), other))
                return true;
        }
    }
    return false;
}

}  // namespace

Result<Json, query::QueryError> QueryExporter::evaluate(const query::Expression &expression,
                                                        const codepipeline::JobDocument &document,
                                                        const Options &options)
{
    if (options.includeSecrets)
        return expression.search(document.data());
    // The redacted copy still holds the continuation token and the like: scrubbed after use.
    Json input = JobExporter::redacted(document.data(), options.maskedConfigurationKeys);
    auto result = expression.search(input);
    codepipeline::wipeJson(input);
    return result;
}

Status QueryExporter::writeFile(const QString &path, const query::Expression &expression,
                                const codepipeline::JobDocument &document, const Options &options)
{
    auto result = evaluate(expression, document, options);
    if (!result.ok())
        return Error::make(Error::Kind::Validation, QStringLiteral("InvalidQuery"), result.error().message);
    Json value = std::move(result).value();
    QByteArray bytes = writeJson(value);
    codepipeline::wipeJson(value);
    return JobExporter::writeBytes(path, bytes, options.includeSecrets);
}

QString QueryExporter::shellQuoted(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString QueryExporter::cliCommand(const codepipeline::LookupInfo &lookup, const QString &expression)
{
    // Always quoted: JMESPath is full of characters a shell reads ([], *, |, &&, backticks).
    return JobExporter::cliCommand(lookup) + QStringLiteral(" --query ") + shellQuoted(expression);
}

bool QueryExporter::containsSecret(const QString &text, const codepipeline::JobDocument &document,
                                   const QStringList &maskedConfigurationKeys)
{
    if (text.isEmpty())
        return false;
    Json redacted = JobExporter::redacted(document.data(), maskedConfigurationKeys);
    QByteArray utf8 = text.toUtf8();
    const bool found = holdsRedactedValue(utf8, document.data(), redacted);
    codepipeline::wipeJson(redacted);
    wipeString(utf8);
    return found;
}

}  // namespace jobdesk::output
