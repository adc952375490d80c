#pragma once

// The CodePipeline half of the fake endpoint: the five third-party job operations
// over the JSON 1.1 protocol, the jobs with their state, and the checks a real
// endpoint makes first (method, SigV4 signature, expired temporary keys, input shape).

#include "core/result.h"
#include "fake/fakejob.h"
#include "fake/fakescript.h"
#include "fake/fakeservice.h"
#include "fake/signatureverifier.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <optional>

namespace jobdesk::fake {

class CodePipelineService : public FakeService
{
public:
    // Whether a key handed out elsewhere (by STS) has expired by the given time.
    using ExpiryCheck = std::function<bool(const QString &accessKeyId, const QDateTime &now)>;

    CodePipelineService();

    // Long-term keys, clock, region and skew are set through the verifier.
    SignatureVerifier &verifier() { return m_verifier; }
    const SignatureVerifier &verifier() const { return m_verifier; }
    void setExpiryCheck(ExpiryCheck check) { m_expired = std::move(check); }
    // Body of a successful answer to an operation without output (the Put*Result ones).
    void setEmptyOutputBody(const QByteArray &body) { m_emptyOutputBody = body; }

    // Completes the job as FixtureLoader::completeJob does; returns its ID.
    Result<QString> addJob(const FakeJob &job);
    void addActionType(const ActionTypeId &type);
    void removeJob(const QString &jobId);
    void clearJobs();
    std::optional<FakeJob> job(const QString &jobId) const;
    QStringList jobIds() const;
    bool setJobState(const QString &jobId, FakeJob::State state);

    bool setScript(const QString &jobId, const FakeScript &script);
    void setGlobalScript(const FakeScript &script);
    void clearScripts();

    // Takes every request that is not another service's: it is the last one asked.
    bool accepts(const HttpRequest &request) const override;
    Received receive(const HttpRequest &request) override;
    FakeScript *scriptFor(const Received &received) override;
    std::optional<FakeReply> refuse(const HttpRequest &request, const Received &received) override;
    FakeReply answer(const HttpRequest &request, const Received &received) override;

private:
    FakeJob *findJob(const QString &id);
    bool knownActionType(const ActionTypeId &type) const;
    std::optional<FakeReply> checkJob(const QString &jobId, const QString &clientToken, FakeJob *&job);

    FakeReply getJobDetails(const nlohmann::ordered_json &input);
    FakeReply poll(const nlohmann::ordered_json &input);
    FakeReply acknowledge(const nlohmann::ordered_json &input);
    FakeReply putResult(const nlohmann::ordered_json &input, const QByteArray &body, bool success);

    SignatureVerifier m_verifier;
    ExpiryCheck m_expired;
    QByteArray m_emptyOutputBody = "{}";
    QList<FakeJob> m_jobs;
    QList<ActionTypeId> m_actionTypes;
    FakeScript m_globalScript;
};

}  // namespace jobdesk::fake
