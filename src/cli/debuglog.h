#pragma once

// --debug: log lines on stderr in the AWS CLI's layout ("2024-05-01 12:00:00,123
// - MainThread - logger - DEBUG - message"), covering the command line, the
// credential source, each request and response, and retries. Everything passes
// through the Redactor first, so no secret is ever printed.

#include "core/aws/awsclient.h"
#include "core/output/redactor.h"

#include <QString>

#include <cstdio>

namespace jobdesk::cli {

class DebugLog
{
public:
    DebugLog(std::FILE *stream, const output::Redactor &redactor) : m_stream(stream), m_redactor(redactor) {}

    void log(const char *logger, const QString &message) const;
    void wire(const aws::WireEvent &event) const;

    // "2024-05-01 12:00:00,123": local time with milliseconds after a comma.
    static QString timestamp(const QDateTime &time);

private:
    std::FILE *m_stream;
    const output::Redactor &m_redactor;
};

}  // namespace jobdesk::cli
