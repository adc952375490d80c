#pragma once

// One job as JobDesk holds it: the AWS-CLI-shaped GetThirdPartyJobDetails
// answer, where it came from (a fetch, a file, the clipboard) and the facts of
// the call that produced it. Views and exports all read from this.

#include "core/codepipeline/operationcall.h"
#include "core/codepipeline/responseparser.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace jobdesk::codepipeline {

// What the user asked for; kept for the recent-lookups list and the CLI command.
struct LookupInfo
{
    QString jobId;
    QString profile;
    QString region;
    QString endpointOverride;  // empty: the public endpoint
};

class JobDocument
{
    Q_DECLARE_TR_FUNCTIONS(JobDocument)

public:
    enum class Origin { Fetched, Opened, Pasted, Polled };

    JobDocument() = default;

    // A document from a successful GetThirdPartyJobDetails call.
    static JobDocument fromResponse(const OperationResult &result, const LookupInfo &lookup,
                                    const QDateTime &fetchedAtUtc);
    // A job handed out by PollForThirdPartyJobs and not fetched yet: its ID, and where it was polled.
    static JobDocument polled(const QString &jobId, const LookupInfo &lookup, const QDateTime &polledAtUtc);
    // The JSON that `aws codepipeline get-third-party-job-details` prints (or a JobDesk export,
    // or the bare jobDetails object), put through the same model as a live answer.
    static Result<JobDocument> fromJsonText(const QByteArray &text, Origin origin, const QString &sourceName);

    const Json &data() const { return m_data; }  // {"jobDetails": {...}} in AWS CLI order
    const Json &wire() const { return m_wire; }  // as received or as read
    const Json &details() const;                 // data()["jobDetails"], or an empty object
    const Json &jobData() const;                 // details()["data"], or an empty object
    // A JobDesk export's "activity" array (the actions taken on the job), or an empty array.
    const Json &activity() const { return m_activity; }

    Origin origin() const { return m_origin; }
    QString sourceName() const { return m_sourceName; }  // file name for opened documents
    const LookupInfo &lookup() const { return m_lookup; }
    QDateTime fetchedAtUtc() const { return m_fetchedAtUtc; }  // when the answer arrived or the file was read
    QString requestId() const { return m_requestId; }
    int attempts() const { return m_attempts; }
    qint64 elapsedMs() const { return m_elapsedMs; }

    QString jobId() const;
    QString provider() const;  // actionTypeId.provider, for per-provider preferences
    QString title() const;     // a short tab title
    bool hasArtifactCredentials() const;

    // A string at a dotted path below jobDetails.data (e.g. "pipelineContext.stage.name"), if present.
    std::optional<QString> dataString(const char *path) const;

    // Zeroes every string the document holds (both JSON trees, where they lie, and the
    // lookup's text) before the job is released; the shape of the JSON stays, so a caller
    // that keeps the document can see that nothing is left in it. Idempotent.
    void wipe();
    bool isWiped() const { return m_wiped; }

private:
    Json m_data = Json::object();
    Json m_wire = Json::object();
    Json m_activity = Json::array();
    Origin m_origin = Origin::Fetched;
    QString m_sourceName;
    LookupInfo m_lookup;
    QDateTime m_fetchedAtUtc;
    QString m_requestId;
    int m_attempts = 0;
    qint64 m_elapsedMs = 0;
    bool m_wiped = false;
};

// The text of a JSON string value, or an empty QString.
QString jsonText(const Json &value);

// Overwrites, in place, the bytes of every string value in the tree with zeros
// (lengths kept). Object keys are names from the service model, not secrets.
void wipeJson(Json &value);

}  // namespace jobdesk::codepipeline
