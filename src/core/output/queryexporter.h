#pragma once

// What leaves JobDesk from a JMESPath query over a job: the result, evaluated
// over the job with its secrets already replaced unless asked otherwise, as
// JSON or in a file, and the AWS CLI command with --query; and whether an
// expression holds one of the job's secrets (so that it is never remembered).

#include "core/codepipeline/jobdocument.h"
#include "core/output/jobexporter.h"
#include "core/query/expression.h"
#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace jobdesk::output {

class QueryExporter
{
public:
    using Options = JobExporter::Options;

    // The expression over the document. Without options.includeSecrets it runs over
    // JobExporter::redacted(), so no projection or function can reach a hidden secret.
    static Result<codepipeline::Json, query::QueryError>
    evaluate(const query::Expression &expression, const codepipeline::JobDocument &document, const Options &options);
    // Writes the result as `--output json` prints it, whole or not at all; with secrets
    // the file is for its owner only before its first byte, as JobExporter::writeFile().
    static Status writeFile(const QString &path, const query::Expression &expression,
                            const codepipeline::JobDocument &document, const Options &options);
    // JobExporter::cliCommand() followed by --query and the expression quoted for a POSIX shell.
    static QString cliCommand(const codepipeline::LookupInfo &lookup, const QString &expression);
    // text in single quotes, each ' written as '\'' (what sh reads back as text itself).
    static QString shellQuoted(const QString &text);
    // True when text holds a value that the redacted document replaces: an artifact
    // credential, a masked configuration value, any member the service model marks sensitive.
    static bool containsSecret(const QString &text, const codepipeline::JobDocument &document,
                               const QStringList &maskedConfigurationKeys);
};

}  // namespace jobdesk::output
