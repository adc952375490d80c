#pragma once

// A local CodePipeline endpoint for tests, benchmarks and the demo mode: it
// speaks the JSON 1.1 protocol over HTTP or HTTPS, verifies real SigV4
// signatures, keeps third-party jobs with their state, and can be scripted to
// throttle, fail, stall or break its answers. On the same port it answers STS
// AssumeRole (form-encoded Query requests, XML answers; see FakeSts), S3's
// HeadObject, GetObject and PutObject for jobs' artifacts (path-style; see FakeS3),
// and IAM Identity Center's OIDC and portal APIs (told apart by path; see FakeSsoOidc
// and FakeSsoPortal), which clients reach through AWS_ENDPOINT_URL_SSO_OIDC and
// AWS_ENDPOINT_URL_SSO.
//
// It is a facade: HttpServer reads requests and writes answers, FakeServices
// (CodePipelineService, FakeSts) answer them, FaultInjector plays the scripts and
// FixtureLoader reads fixture files. To add a service on the same port, implement
// FakeService (accepts / receive / refuse / answer), own it in Private and put it in
// Private::services ahead of CodePipelineService, which takes every request the
// others leave; give it setters here if tests need to configure it.

#include "core/aws/sigv4signer.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/secret.h"
#include "fake/fakejob.h"
#include "fake/fakerole.h"
#include "fake/fakes3bucket.h"
#include "fake/fakescript.h"
#include "fake/fakessoaccount.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

namespace jobdesk::fake {

class FakeCodePipeline : public QObject
{
    Q_OBJECT

public:
    explicit FakeCodePipeline(QObject *parent = nullptr);
    ~FakeCodePipeline() override;

    // Listens on 127.0.0.1; port 0 picks a free one. Call enableTls() first for HTTPS.
    bool listen(quint16 port = 0);
    void close();
    bool isListening() const;
    quint16 port() const;
    QUrl url() const;  // http://127.0.0.1:PORT or https://127.0.0.1:PORT
    QString errorString() const;

    void enableTls(const QSslCertificate &certificate, const QSslKey &key);
    bool tlsEnabled() const;

    // --- verification ---------------------------------------------------------------
    // Not owned; must outlive the fake. Decides the time window and the Date header.
    void setClock(const Clock &clock);
    void setRegion(const QString &region);     // empty (default): any region is accepted
    void setMaxClockSkewSeconds(int seconds);  // default 300
    void addCredentials(const QString &accessKeyId, const Secret &secretKey, const Secret &sessionToken = {});
    void removeCredentials(const QString &accessKeyId);

    // --- STS ---------------------------------------------------------------------------
    // Roles that AssumeRole may assume. The temporary keys it hands out are then accepted
    // by both STS and CodePipeline until they expire on the fake's clock (ExpiredToken /
    // ExpiredTokenException after). STS answers are not scripted.
    void addRole(const FakeRole &role);
    void removeRole(const QString &arn);
    QList<FakeRole> roles() const;
    QList<FakeRoleSession> roleSessions() const;  // every successful AssumeRole, oldest first

    // --- S3 ----------------------------------------------------------------------------
    // Path-style at url(): http://127.0.0.1:PORT/BUCKET/KEY. Signed by the known keys
    // (addCredentials) or a job's artifactCredentials (from its details); the bucket's region
    // is the signing region it accepts.
    void addS3Bucket(const FakeS3Bucket &bucket);  // replaces one of the same name, keeping its objects
    std::optional<FakeS3Bucket> s3Bucket(const QString &name) const;
    // Objects held in memory; their bucket is made (in us-east-1) when unknown.
    void putS3Object(const QString &bucket, const QString &key, const QByteArray &content,
                     const QByteArray &contentType = "application/octet-stream");
    // Served from the file in pieces on every GET, never read whole into memory.
    Status putS3ObjectFile(const QString &bucket, const QString &key, const QString &path,
                           const QByteArray &contentType = "application/octet-stream");
    std::optional<FakeS3Object> s3Object(const QString &bucket, const QString &key) const;
    QByteArray s3ObjectContent(const QString &bucket, const QString &key) const;  // in-memory objects, uploads
    // Every PutObject stored, oldest first.
    QList<FakeS3Upload> s3Uploads() const;
    // A bucket's script (operations HeadObject, GetObject, PutObject); false for an unknown bucket.
    bool setS3Script(const QString &bucket, const FakeScript &script);
    void setS3GlobalScript(const FakeScript &script);  // for buckets without a script of their own
    // The largest PutObject body (held in memory); default 64 MiB. For connections accepted afterwards.
    void setMaxUploadBytes(qsizetype bytes);
    // --- IAM Identity Center (SSO) -----------------------------------------------------
    // Accounts and roles the portal offers to every signed-in person. The role keys that
    // GetRoleCredentials hands out are accepted by CodePipeline, STS and S3 until they expire.
    void addSsoAccount(const FakeSsoAccount &account);
    QList<FakeSsoAccount> ssoAccounts() const;
    void setSsoLifetimes(const FakeSsoLifetimes &lifetimes);
    FakeSsoLifetimes ssoLifetimes() const;
    // The person at the browser: approve or deny a device authorization by its user code.
    // False when no pending authorization has that code.
    bool approveSsoUserCode(const QString &userCode);
    bool denySsoUserCode(const QString &userCode);
    // The next count CreateToken polls for a device code answer slow_down.
    void slowDownNextSsoTokenPolls(int count = 1);
    // Ends the sign-in session the access token belongs to (its refresh token too), as
    // an administrator revoking it would. False when the token is unknown.
    bool revokeSsoToken(const Secret &accessToken);
    // The authorize page redirects with error=access_denied instead of a code.
    void setSsoAuthorizeDenied(bool denied);

    // --- limits and protocol details ------------------------------------------------
    void setLimits(qsizetype maxHeaderBytes, qsizetype maxBodyBytes);  // defaults 32 KiB, 1 MiB
    // Body of a successful answer to an operation without output (the Put*Result ones). Default "{}".
    void setEmptyOutputBody(const QByteArray &body);

    // --- jobs --------------------------------------------------------------------------
    // Reads a fixtures file (format described in fixtureloader.cpp); returns the number of jobs added.
    Result<int> loadFixtures(const QString &path);
    // baseDir: where the objects' "file" paths start; empty: the current directory.
    Result<int> loadFixturesJson(const QByteArray &json, const QString &baseDir = {});
    // One job, as a FakeJob or as one element of a fixture's "jobs" array. Returns the job ID.
    Result<QString> addJob(const FakeJob &job);
    Result<QString> addJobJson(const QByteArray &jobObject);
    void addActionType(const ActionTypeId &type);  // known to Poll even without jobs
    void removeJob(const QString &jobId);
    void clearJobs();
    std::optional<FakeJob> job(const QString &jobId) const;
    QStringList jobIds() const;  // in the order added
    bool setJobState(const QString &jobId, FakeJob::State state);

    // --- scripting ---------------------------------------------------------------------
    // A job's script applies to requests naming that job; the global one to every other
    // request (Poll included). Setting a script restarts its counts.
    bool setScript(const QString &jobId, const FakeScript &script);
    void setGlobalScript(const FakeScript &script);
    void clearScripts();

    // --- counters ----------------------------------------------------------------------
    int requestCount() const;                            // every complete HTTP request
    int requestCount(const QString &jobId) const;        // requests whose body named the job
    int operationCount(const QString &operation) const;  // by X-Amz-Target operation, or STS Action
    int connectionCount() const;                         // TCP connections accepted
    aws::HeaderList lastRequestHeaders() const;
    QByteArray lastRequestHeader(const QByteArray &name) const;  // case-insensitive, first value
    QByteArray lastRequestBody() const;
    QString lastOperation() const;
    void resetCounters();

Q_SIGNALS:
    void requestReceived(const QString &operation, const QString &jobId);
    // After the answer went out (or would have, for a NoAnswer fault: status 0).
    void requestAnswered(const QString &operation, int status, const QString &errorCode);
    // After a PutObject was stored (s3Uploads() has its record), before its answer went out.
    void s3ObjectUploaded(const QString &bucket, const QString &key);
    // StartDeviceAuthorization handed out this user code: the code a person would type.
    void ssoDeviceAuthorizationStarted(const QString &userCode);
    // CreateToken issued a token for this grant type.
    void ssoTokenIssued(const QString &grantType);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

}  // namespace jobdesk::fake
