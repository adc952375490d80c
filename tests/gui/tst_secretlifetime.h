#pragma once

// The fixture of tst_secretlifetime: a real window fetching jobs with artifact
// credentials through assumed-role keys from a FakeCodePipeline in this process,
// with a home of its own, and the searches that tell whether a secret is left.

#include "gui/lookupform.h"
#include "gui/mainwindow.h"

#include "core/aws/awsclient.h"
#include "core/aws/stsclient.h"
#include "core/profiles/clienttokenvault.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"
#include "fake/fakecodepipeline.h"
#include "support/guitestdata.h"

#include <QAbstractItemModel>
#include <QEventLoop>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

namespace lifetime {

// One string of a job document holding a secret: where its bytes were before the close.
struct HeldString
{
    const std::string *string;
    const char *bytes;
    std::size_t size;
};

void collect(const nlohmann::ordered_json &value, const QStringList &secrets, std::vector<HeldString> &out);
// Every text a model hands out (all cells, the roles views and copies use), with the secret it holds.
QStringList modelHits(const QAbstractItemModel *model, const QStringList &secrets, const QModelIndex &parent = {});

}  // namespace lifetime

// The two files of this one test speak of the same names.
using namespace jobdesk;
using namespace jobdesk::gui;

class TestSecretLifetime : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;     // HOME and the XDG folders: everything JobDesk writes by itself
    QTemporaryDir m_outside;  // the file the user opens and the export they choose, not searched with the rest
    QString m_home;

    QString m_artifactKeyId;
    QString m_artifactSecret;
    QString m_artifactToken;
    QString m_clientToken;
    QString m_continuationToken;
    QString m_configSecret;
    QString m_sourceSecret;
    QStringList m_roleSecrets;  // the assumed-role keys the fake handed out, learnt as they come

    QString m_jobA = QStringLiteral("aaaaaaaa-1111-4222-8333-444444444444");
    QString m_jobB = QStringLiteral("bbbbbbbb-1111-4222-8333-444444444444");
    QString m_jobC = QStringLiteral("cccccccc-1111-4222-8333-444444444444");

    std::unique_ptr<fake::FakeCodePipeline> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<aws::AwsClient> m_stsTransport;
    std::unique_ptr<aws::StsClient> m_sts;
    std::unique_ptr<profiles::ProfileStore> m_store;
    std::unique_ptr<profiles::ClientTokenVault> m_vault;
    std::unique_ptr<profiles::CredentialResolver> m_resolver;
    MainWindow *m_window = nullptr;

    QStringList jobSecrets() const
    {
        return {m_artifactKeyId, m_artifactSecret, m_artifactToken, m_continuationToken, m_configSecret};
    }

    QByteArray jobDetailsJson(const QString &jobId) const
    {
        test::JobShape shape;
        shape.jobId = jobId;
        shape.continuationToken = m_continuationToken;
        nlohmann::ordered_json details = test::jobDetails(shape);
        details["data"]["artifactCredentials"] = {{"accessKeyId", m_artifactKeyId.toStdString()},
                                                  {"secretAccessKey", m_artifactSecret.toStdString()},
                                                  {"sessionToken", m_artifactToken.toStdString()}};
        details["data"]["actionConfiguration"]["configuration"]["ApiToken"] = m_configSecret.toStdString();
        const std::string text = details.dump();
        return QByteArray(text.data(), qsizetype(text.size()));
    }

    bool fetch(const QString &jobId, const QString &profile)
    {
        LookupForm *form = m_window->lookupForm();
        if (!form->selectProfile(profile))
            return false;
        form->jobIdEdit()->clear();
        QTest::keyClicks(form->jobIdEdit(), jobId);
        form->clientTokenEdit()->clear();
        QTest::keyClicks(form->clientTokenEdit(), m_clientToken);
        QSignalSpy finished(m_window, &MainWindow::fetchFinished);
        QTest::keyClick(form->jobIdEdit(), Qt::Key_Return, Qt::ControlModifier);
        if (finished.isEmpty() && !finished.wait(60000))
            return false;
        return finished.constFirst().constFirst().toBool();
    }

    // The role keys the resolver holds for a profile, asked for as the window asks (a cache hit).
    void learnRoleKeys(const QString &profile)
    {
        std::optional<Result<profiles::ResolvedConfig>> resolved;
        QEventLoop loop;
        m_resolver->resolve(profile, this, [&](Result<profiles::ResolvedConfig> r) {
            resolved.emplace(std::move(r));
            loop.quit();
        });
        if (!resolved)
            loop.exec();
        QVERIFY(resolved && resolved->ok());
        m_roleSecrets << resolved->value().credentials.secretAccessKey.revealText()
                      << resolved->value().credentials.sessionToken.revealText();
    }

    // Fetches a job, shows every secret it has (revealed credentials, the Raw tab with
    // secrets, a credential on the clipboard), closes the tab with closeIt and checks,
    // while the closing view still exists, that nothing of the job is left in it.
    void closeAndCheck(const QString &jobId, const std::function<void(int index)> &closeIt);

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void closeJobActionScrubsTheTab();
    void closeButtonScrubsTheTab();
    void switchingProfileForgetsItsKeys();
    void deletingProfileForgetsItsKeys();
    void windowCloseScrubsJobsAndProfiles();
    void nothingSecretReachesDisk();
};
