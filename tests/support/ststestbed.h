#pragma once

// The set-up the StsClient tests share: a fake STS with three roles on a pinned clock,
// the client stack in front of it, and the request and configuration they send.

#include "core/aws/awsclient.h"
#include "core/aws/stsclient.h"
#include "core/clock.h"
#include "fake/fakecodepipeline.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>

#include <memory>

namespace jobdesk::test::sts {

inline const QString AccessKey = QStringLiteral("AKIDSTSEXAMPLE");
inline const QString SecretKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYSTSEXAMPLE");
inline const QString PlainRole = QStringLiteral("arn:aws:iam::123456789012:role/Support");
inline const QString ExternalRole = QStringLiteral("arn:aws:iam::123456789012:role/Partner");
inline const QString MfaRole = QStringLiteral("arn:aws:iam::123456789012:role/Guarded");
inline const QString MfaSerial = QStringLiteral("arn:aws:iam::123456789012:mfa/support-person");

// The AssumeRole answer from the STS API reference.
QByteArray awsDocAnswer();

}  // namespace jobdesk::test::sts

namespace jobdesk::test {

// A test class derives from it: each case starts with a fresh fake (three roles, pinned
// to "now") and client stack, and runs in QStandardPaths' test mode.
class StsTestBed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

public:
    aws::ClientConfig config(const QString &accessKey = sts::AccessKey, const QString &secret = sts::SecretKey,
                             const QString &token = {}) const;
    static aws::AssumeRoleParams params(const QString &role, const QString &session = QStringLiteral("jobdesk-test"));
    // Every optional field set; zero duration and empty strings leave theirs unset.
    static aws::AssumeRoleParams params(const QString &role, const QString &session, const QString &externalId,
                                        int durationSeconds, const QString &serial, const QString &code);
    // The columns role, session, externalId, duration, serial and code of a _data()
    // function, and the request that the current row holds in them.
    static void addParamsColumns();
    static aws::AssumeRoleParams fetchParams();
    // Sends it and waits (a minute at most) for the answer.
    Result<aws::AssumedRole> assume(const aws::ClientConfig &c, const aws::AssumeRoleParams &p);

protected:
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<fake::FakeCodePipeline> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<aws::AwsClient> m_client;
    std::unique_ptr<aws::StsClient> m_sts;
};

}  // namespace jobdesk::test
