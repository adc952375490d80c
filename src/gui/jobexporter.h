#pragma once

// What leaves the window: the AWS-CLI-identical JSON of a job with its
// secrets replaced by a placeholder (unless asked otherwise), and the
// equivalent AWS CLI command with a placeholder for the client token.

#include "gui/jobdocument.h"

#include <QByteArray>
#include <QStringList>

namespace jobdesk::gui {

class JobExporter
{
public:
    struct Options
    {
        bool includeSecrets = false;
        QStringList maskedConfigurationKeys;  // configuration values replaced when secrets are left out
    };

    static QString placeholder();
    static QString tokenPlaceholder();

    // data with every value the service model marks sensitive (the artifact credentials),
    // and the masked configuration values, replaced by placeholder().
    static Json redacted(const Json &data, const QStringList &maskedConfigurationKeys);
    // The bytes `aws codepipeline get-third-party-job-details` would print, redacted per options.
    static QByteArray json(const JobDocument &document, const Options &options);
    static QString cliCommand(const LookupInfo &lookup);
};

}  // namespace jobdesk::gui
