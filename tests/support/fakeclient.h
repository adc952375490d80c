#pragma once

// What the tests of the fake endpoint share: the jobs of tests/data/fake/jobs.json,
// compact JSON in and out, and one signed call on a fresh connection.

#include "support/rawhttpclient.h"
#include "support/testenv.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace jobdesk::test {

inline const QString FakeJobOne = QStringLiteral("11111111-2222-4333-8444-555555555555");
inline const QString FakeJobTwo = QStringLiteral("22222222-3333-4444-8555-666666666666");
inline const QString FakeJobTimedOut = QStringLiteral("33333333-4444-4555-8666-777777777777");
inline const QString FakeJobScripted = QStringLiteral("44444444-5555-4666-8777-888888888888");

// Four jobs, the keys AKIDEXAMPLE signs with, and the action types they use.
inline QString fakeFixturePath()
{
    return dataDir() + QStringLiteral("/fake/jobs.json");
}

inline QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline QJsonObject jsonObject(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

// The job ID of a GetThirdPartyJobDetails answer.
inline QString answeredJobId(const QByteArray &body)
{
    return jsonObject(body).value(QStringLiteral("jobDetails")).toObject().value(QStringLiteral("id")).toString();
}

inline QJsonObject buildActionType(const QString &provider = QStringLiteral("TestVendor"))
{
    return {{QStringLiteral("category"), QStringLiteral("Build")},
            {QStringLiteral("owner"), QStringLiteral("ThirdParty")},
            {QStringLiteral("provider"), provider},
            {QStringLiteral("version"), QStringLiteral("1")}};
}

// An empty RawResponse (status 0) when nothing could be read back.
inline RawResponse callFake(quint16 port, const SignedRequestSpec &spec)
{
    RawHttpClient client;
    if (!client.connectTo(port))
        return {};
    client.send(signedRequest(port, spec));
    return client.next().value_or(RawResponse{});
}

}  // namespace jobdesk::test
