#pragma once

// Job documents for the GUI tests: a realistic job with a chosen number of
// configuration entries and artifacts, as the jobDetails object the fake
// serves and as the {"jobDetails": ...} document the AWS CLI prints.

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

namespace jobdesk::test {

struct JobShape
{
    QString jobId = QStringLiteral("11111111-2222-4333-8444-555555555555");
    int configEntries = 4;  // the first is "ApiToken" (looks secret), then Setting1..SettingN
    int inputArtifacts = 1;
    int outputArtifacts = 1;
    bool withPipelineArn = false;
    QString encryptionKeyId =
        QStringLiteral("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    QString continuationToken;  // empty: none
    bool withCredentials = true;
};

// The jobDetails object, members in wire order (an unknown member included, as services add them).
nlohmann::ordered_json jobDetails(const JobShape &shape = {});
// One element of a fixture's "jobs" array for FakeCodePipeline::addJobJson.
QByteArray fakeJob(const JobShape &shape, const QString &clientToken, const QString &state = QStringLiteral("Queued"));
// What `aws codepipeline get-third-party-job-details` prints for it.
QByteArray cliOutput(const JobShape &shape = {});

inline const QString kAccessKeyId = QStringLiteral("AKIDGUITESTEXAMPLE01");
inline const QString kSecretKey = QStringLiteral("guiTestSecretKey/EXAMPLE/0000000000000000");
inline const QString kClientToken = QStringLiteral("client-token-for-gui-tests-0001");

}  // namespace jobdesk::test
