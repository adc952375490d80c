#pragma once

// One action JobDesk took on a job (poll, acknowledge, success or failure result) as the
// job's Activity tab, its export and the profile's activity file keep it. It holds no
// secret: the parameters are redacted when the entry is made, and again when written.

#include "core/codepipeline/responseparser.h"
#include "core/codepipeline/servicemodel.h"
#include "core/result.h"
#include "core/secret.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace jobdesk::output {

struct ActivityEntry
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::output::ActivityEntry)

public:
    QDateTime timeUtc;  // when the request was sent
    QString operation;  // the model's name, e.g. "AcknowledgeThirdPartyJob"
    QString jobId;      // empty for a poll
    QString profile;
    QString region;
    codepipeline::Json parameters = codepipeline::Json::object();  // as sent, redacted
    bool ok = false;
    // ok: "InProgress" (acknowledge's status), "Reported" (a Put*Result), "2 jobs" (a poll);
    // failed: the error code ("InvalidNonceException", "Cancelled").
    QString outcome;
    QString message;  // failed: the error's message; empty otherwise
    QString requestId;
    qint64 durationMs = 0;

    // The entry for a call, with params redacted through output::Redactor for operation
    // (so every secret rule stays in one place).
    // Each of secrets is replaced wherever it appears, also in free text a person typed.
    static ActivityEntry make(const codepipeline::Operation &operation, const codepipeline::Json &params,
                              const QDateTime &timeUtc, const QList<Secret> &secrets = {});

    // {"time":"2026-12-03T08:45:22.123Z","operation":..,"jobId":..,"profile":..,"region":..,
    //  "parameters":{..},"ok":..,"outcome":..,"message":..,"requestId":..,"durationMs":..}
    codepipeline::Json toJson() const;
    // Strict: every member of toJson() with its type; a clear error naming the bad member.
    static Result<ActivityEntry> fromJson(const codepipeline::Json &value);

    QString actionName() const;      // translated, short: "Poll for jobs", "Acknowledge", ...
    QString parametersText() const;  // one line, e.g. "nonce=3, failureDetails={type: JobFailed, ...}"
    QString summaryLine() const;     // plain text for a support ticket

    // The parameters with every secret replaced, whatever the entry was made from.
    codepipeline::Json redactedParameters() const;

    bool operator==(const ActivityEntry &other) const = default;
};

}  // namespace jobdesk::output
