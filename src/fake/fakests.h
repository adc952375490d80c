#pragma once

// The STS half of the fake endpoint: answers AssumeRole (Query protocol, form-encoded
// POST) in STS's XML, after checking the SigV4 signature for service "sts" with the
// same verifier as the CodePipeline half, and hands out temporary keys that both
// halves then accept until they expire on the fake clock.

#include "core/clock.h"
#include "core/secret.h"
#include "fake/fakerole.h"
#include "fake/fakeservice.h"
#include "fake/httprequestparser.h"
#include "fake/signatureverifier.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace jobdesk::fake {

class FakeSts : public FakeService
{
public:
    struct Answer
    {
        int status = 200;
        QByteArray body;
        QString errorCode;  // empty on success
        QByteArray requestId;
    };

    FakeSts();

    // A request for STS rather than CodePipeline: form-encoded and without X-Amz-Target.
    static bool isStsRequest(const HttpRequest &request);
    // The Action of a form-encoded body ("AssumeRole"), empty when it names none.
    static QString action(const HttpRequest &request);

    // Long-term keys, clock, region and skew are set through the verifier, as for CodePipeline.
    SignatureVerifier &verifier() { return m_verifier; }

    // Called with every temporary key handed out, so the CodePipeline side accepts it too.
    void
    setOnIssued(std::function<void(const QString &accessKeyId, const Secret &secret, const Secret &token)> onIssued)
    {
        m_onIssued = std::move(onIssued);
    }

    void addRole(const FakeRole &role);
    void removeRole(const QString &arn);
    QList<FakeRole> roles() const { return m_roles; }
    QList<FakeRoleSession> sessions() const { return m_sessions; }

    // Whether accessKeyId is a temporary key from here that has expired by now.
    bool isExpired(const QString &accessKeyId, const QDateTime &now) const;

    Answer handle(const HttpRequest &request);

    // As a service of the fake endpoint: STS answers are not scripted.
    bool accepts(const HttpRequest &request) const override { return isStsRequest(request); }
    Received receive(const HttpRequest &request) override;
    FakeReply answer(const HttpRequest &request, const Received &received) override;

    static Answer errorAnswer(int status, const QString &code, const QString &message);

private:
    Answer assumeRole(const QHash<QString, QString> &params, const QString &caller);
    const FakeRole *findRole(const QString &arn) const;

    SignatureVerifier m_verifier;
    QList<FakeRole> m_roles;
    QList<FakeRoleSession> m_sessions;
    QHash<QString, QString> m_principals;  // temporary key -> assumed-role ARN, for messages
    std::function<void(const QString &, const Secret &, const Secret &)> m_onIssued;
};

}  // namespace jobdesk::fake
