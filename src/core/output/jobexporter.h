#pragma once

// What leaves JobDesk as a file or on the clipboard: the AWS-CLI-identical
// JSON of a job with its secrets replaced by a placeholder (unless asked
// otherwise), and the equivalent AWS CLI command with a placeholder for the
// client token.

#include "core/codepipeline/jobdocument.h"
#include "core/output/activityentry.h"
#include "core/result.h"

#include <QByteArray>
#include <QStringList>

namespace jobdesk::output {

class JobExporter
{
public:
    struct Options
    {
        bool includeSecrets = false;
        QStringList maskedConfigurationKeys;  // configuration values replaced when secrets are left out
        // The job's Activity tab: written as "activity" after "jobDetails" when not empty
        // (redacted whatever includeSecrets says: an entry holds no secret).
        QList<ActivityEntry> activity = {};
    };

    static QString placeholder();
    static QString tokenPlaceholder();

    // data with every value the service model marks sensitive (the artifact credentials),
    // and the masked configuration values, replaced by placeholder().
    static codepipeline::Json redacted(const codepipeline::Json &data, const QStringList &maskedConfigurationKeys);
    // The bytes `aws codepipeline get-third-party-job-details` would print, redacted per options;
    // with options.activity, followed by the "activity" array.
    static QByteArray json(const codepipeline::JobDocument &document, const Options &options);
    // Writes json() to path whole or not at all (an old file stays if writing fails). With
    // secrets the file is for its owner only (platform::FileSecurity) before its first byte.
    static Status writeFile(const QString &path, const codepipeline::JobDocument &document, const Options &options);
    // Writes bytes to path whole or not at all; with ownerOnly the file is for its owner
    // alone before its first byte. The bytes are scrubbed once written, as they may be secret.
    static Status writeBytes(const QString &path, QByteArray &bytes, bool ownerOnly);
    // The AWS CLI command that fetches the job again, its client token a placeholder (CliCommand).
    static QString cliCommand(const codepipeline::LookupInfo &lookup);
};

}  // namespace jobdesk::output
