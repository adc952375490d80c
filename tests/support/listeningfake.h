#pragma once

// A fake CodePipeline on loopback that accepts one key pair and holds one
// ThirdParty Build job: what most jobdesk-cli tests send their requests to.

#include "fake/fakecodepipeline.h"

#include <QByteArray>
#include <QString>

namespace jobdesk::test {

class ListeningFake : public fake::FakeCodePipeline
{
public:
    struct Setup
    {
        Setup(QString keyId, QString secret, QString job, QString token, QString vendor)
            : accessKeyId(std::move(keyId))
            , secretKey(std::move(secret))
            , jobId(std::move(job))
            , clientToken(std::move(token))
            , provider(std::move(vendor))
        {
        }

        QString accessKeyId;
        QString secretKey;
        QString sessionToken;  // empty: long-term keys
        QString jobId;
        QString clientToken;
        QString nonce = QStringLiteral("1");
        QString provider;  // of the action type Build / ThirdParty / provider / version
        QString version = QStringLiteral("1");
        QByteArray details;  // empty: the fake makes minimal details from the fields above
    };

    using FakeCodePipeline::FakeCodePipeline;

    // Takes the keys and the job, then listens (over TLS when enableTls() came first).
    // False when the job is refused or no port is free; startError() says which.
    bool start(const Setup &setup);
    QString startError() const { return m_startError; }

private:
    QString m_startError;
};

}  // namespace jobdesk::test
