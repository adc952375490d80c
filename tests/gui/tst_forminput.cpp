// Bad input typed or pasted into the window's forms: the lookup form, the
// profile editor and the settings dialog. Each bad value is refused before
// anything is sent or stored, with a message under the field it is about; a
// message never quotes a secret, and the good values around it pass.

#include "gui/errorbanner.h"
#include "gui/lookupform.h"
#include "gui/mainwindow.h"
#include "gui/profileeditdialog.h"
#include "gui/settingsdialog.h"

#include "fake/fakecodepipeline.h"
#include "support/guitestdata.h"
#include "support/testcertificates.h"
#include "support/windowtestbed.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;

namespace {

const QString kEditorSecret = QStringLiteral("editorSecretKey/EXAMPLE+0000000000000000");

}  // namespace

class TestFormInput : public test::WindowTestCase
{
    Q_OBJECT

public:
    TestFormInput() : WindowTestCase(QStringLiteral("tst_forminput")) {}

private:
    QTemporaryDir m_dir;
    test::TestCertificates m_certificates;

    void prepare() override
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_certificates.generate(), qPrintable(m_certificates.errorString()));
    }

    // Fills the form as a person would (typing, so a paste's spaces and control characters get
    // through as they do from the clipboard) and presses Fetch; true if a request was started.
    bool fetch(const QString &jobId, const QString &token, const QString &region, const QString &endpoint)
    {
        form()->jobIdEdit()->setText(jobId);
        form()->clientTokenEdit()->setText(token);
        form()->regionCombo()->setCurrentText(region);
        form()->endpointEdit()->setText(endpoint);
        QSignalSpy finished(m_window, &MainWindow::fetchFinished);
        m_window->action(QStringLiteral("actionFetch"))->trigger();
        if (!finished.isEmpty())
            return false;  // refused before sending
        return finished.wait(20000) && finished.constFirst().constFirst().toBool();
    }

private Q_SLOTS:
    void lookupFormRefuses_data()
    {
        QTest::addColumn<QString>("jobId");
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("endpoint");  // "<fake>": the fake's URL
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("mentions");

        const QString job = test::JobShape().jobId;
        const QString token = test::kClientToken;
        const QString region = QStringLiteral("us-east-1");
        const QString fake = QStringLiteral("<fake>");
        const auto row = [](const char *name, const QString &j, const QString &t, const QString &r, const QString &e,
                            LookupForm::Field f, const char *mentions) {
            QTest::newRow(name) << j << t << r << e << int(f) << QString::fromUtf8(mentions);
        };
        using F = LookupForm::Field;
        row("job ID empty", QString(), token, region, fake, F::JobId, "The job ID is empty");
        row("job ID too long", QString(513, QLatin1Char('a')), token, region, fake, F::JobId,
            "too long: 513 characters, at most 512");
        row("job ID tab", job + QStringLiteral("\t"), token, region, fake, F::JobId, "U+0009 (tab)");
        row("job ID line break", job.left(8) + QStringLiteral("\n") + job.mid(8), token, region, fake, F::JobId,
            "line break");
        row("job ID pasted with spaces", QStringLiteral("  ") + job + QStringLiteral(" "), token, region, fake,
            F::JobId, "starts or ends with a space");
        row("job ID space inside", QStringLiteral("1111 2222"), token, region, fake, F::JobId, "space");
        row("token empty", job, QString(), region, fake, F::ClientToken, "The client token is empty");
        row("token too long", job, QString(257, QLatin1Char('t')), region, fake, F::ClientToken,
            "too long: 257 characters, at most 256");
        row("token pasted with a space", job, token + QStringLiteral(" "), region, fake, F::ClientToken,
            "starts or ends with a space");
        row("token pasted with a line break", job, token + QStringLiteral("\r\n"), region, fake, F::ClientToken,
            "control character");
        row("token with a NUL", job, token.left(4) + QChar(0) + token.mid(4), region, fake, F::ClientToken,
            "U+0000 (NUL)");
        row("region empty", job, token, QString(), fake, F::Region, "The region is empty");
        row("region a word", job, token, QStringLiteral("virginia"), fake, F::Region, "not a region");
        row("region with spaces", job, token, QStringLiteral("us east 1"), fake, F::Region, "not a region");
        row("region upper case", job, token, QStringLiteral("US-EAST-1"), fake, F::Region, "not a region");
        row("endpoint without scheme", job, token, region, QStringLiteral("codepipeline.example.com"), F::Endpoint,
            "start it with https://");
        row("endpoint ftp", job, token, region, QStringLiteral("ftp://codepipeline.example.com"), F::Endpoint,
            "only https:// and http://");
        row("endpoint without host", job, token, region, QStringLiteral("https://"), F::Endpoint, "no host name");
        row("endpoint with a password", job, token, region, QStringLiteral("https://support:hunter2@example.com"),
            F::Endpoint, "user name or password");
        row("endpoint with a fragment", job, token, region, QStringLiteral("https://example.com/#top"), F::Endpoint,
            "fragment");
    }

    void lookupFormRefuses()
    {
        QFETCH(QString, jobId);
        QFETCH(QString, token);
        QFETCH(QString, region);
        QFETCH(QString, endpoint);
        QFETCH(int, field);
        QFETCH(QString, mentions);
        if (endpoint == QLatin1String("<fake>"))
            endpoint = m_fake->url().toString();
        const int before = m_fake->requestCount();

        QVERIFY(!fetch(jobId, token, region, endpoint));
        QCOMPARE(m_fake->requestCount(), before);  // nothing was sent
        const QString message = form()->fieldError(LookupForm::Field(field));
        QVERIFY2(message.contains(mentions), qPrintable(message));
        // Only that field is marked, and the message is where a screen reader finds it.
        for (int other = 0; other <= int(LookupForm::Field::ClientToken); ++other) {
            if (other != field)
                QVERIFY2(form()->fieldError(LookupForm::Field(other)).isEmpty(),
                         qPrintable(form()->fieldError(LookupForm::Field(other))));
        }
        QCOMPARE(form()->fieldWidget(LookupForm::Field(field))->accessibleDescription(), message);
        QVERIFY(!message.contains(test::kClientToken));  // the token is never quoted
        QVERIFY(m_window->errorBanner()->isHidden());
        QVERIFY(!m_window->isBusy());
        QCOMPARE(m_window->documentTabs()->count(), 0);
    }

    // The same form with good values fetches the job, and the marks are gone.
    void lookupFormGoodValuesFetch()
    {
        QVERIFY(!fetch(QString(), test::kClientToken, QStringLiteral("us-east-1"), m_fake->url().toString()));
        QVERIFY(
            fetch(test::JobShape().jobId, test::kClientToken, QStringLiteral("us-east-1"), m_fake->url().toString()));
        QVERIFY(form()->fieldError(LookupForm::Field::JobId).isEmpty());
        QCOMPARE(m_window->documentTabs()->count(), 1);
        m_window->closeDocument(0);
    }

    void profileEditorRefuses_data()
    {
        QTest::addColumn<QString>("field");  // the edit's object name
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("mentions");
        const auto row = [](const char *name, const char *field, const QString &value, const char *mentions) {
            QTest::newRow(name) << QString::fromLatin1(field) << value << QString::fromUtf8(mentions);
        };
        row("name empty", "profileName", QString(), "needs a name");
        row("name with a slash", "profileName", QStringLiteral("team/prod"), "“/”");
        row("name too long", "profileName", QString(129, QLatin1Char('n')), "at most 128");
        row("name with a tab", "profileName", QStringLiteral("team\tprod"), "control characters");
        row("region a word", "profileRegion", QStringLiteral("virginia"), "not a region");
        row("region with a tab inside", "profileRegion", QStringLiteral("us-east\t-1"), "U+0009 (tab)");
        row("endpoint without scheme", "profileEndpoint", QStringLiteral("example.com"), "start it with https://");
        row("endpoint with a password", "profileEndpoint", QStringLiteral("https://a:b@example.com"),
            "user name or password");
        row("access key ID too short", "accessKeyId", QStringLiteral("AKID"), "access key ID");
        row("access key ID with a space", "accessKeyId", QStringLiteral("AKID EXAMPLE 0001"), "space");
        row("access key ID pasted with a space", "accessKeyId", test::kAccessKeyId + QStringLiteral(" "),
            "starts or ends with a space");
        row("access key ID empty", "accessKeyId", QString(), "Enter both");
        row("secret pasted with a space", "secretAccessKey", kEditorSecret + QStringLiteral(" "),
            "starts or ends with a space");
        row("secret with a line break", "secretAccessKey", kEditorSecret + QStringLiteral("\n"), "line break");
        row("secret empty", "secretAccessKey", QString(), "Enter both");
        row("session token with a tab", "sessionToken", QStringLiteral("token\tpart"), "U+0009 (tab)");
    }

    void profileEditorRefuses()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        ProfileEditDialog editor(ProfileEditDialog::Mode::Add, profiles::Profile(), {});
        // A good profile first, then the one bad field.
        editor.nameEdit()->setText(QStringLiteral("Support"));
        editor.regionEdit()->setText(QStringLiteral("eu-west-2"));
        editor.endpointEdit()->setText(m_fake->url().toString());
        editor.accessKeyIdEdit()->setText(test::kAccessKeyId);
        editor.secretKeyEdit()->setText(kEditorSecret);
        QVERIFY2(editor.validate(), qPrintable(editor.errorText()));

        auto *edit = editor.findChild<QLineEdit *>(field);
        QVERIFY(edit);
        edit->setText(value);
        QVERIFY(!editor.validate());
        const QString message = editor.fieldError(edit);
        QVERIFY2(message.contains(mentions), qPrintable(editor.errorText()));
        QCOMPARE(editor.errorText(), message);  // that field only
        QCOMPARE(edit->accessibleDescription(), message);
        QVERIFY(!message.contains(kEditorSecret));
        QVERIFY(!message.contains(QStringLiteral("token\tpart")));

        // Corrected, the dialog takes it and the mark goes.
        edit->setText(field == QLatin1String("profileName")           ? QStringLiteral("Support")
                          : field == QLatin1String("accessKeyId")     ? test::kAccessKeyId
                          : field == QLatin1String("secretAccessKey") ? kEditorSecret
                          : field == QLatin1String("profileRegion")   ? QStringLiteral("eu-west-2")
                                                                      : QString());
        QVERIFY2(editor.validate(), qPrintable(editor.errorText()));
        QVERIFY(editor.fieldError(edit).isEmpty());
    }

    void settingsDialogRefuses_data()
    {
        QTest::addColumn<QString>("caBundle");  // "<dir>": a scratch folder
        QTest::addColumn<bool>("manualProxy");
        QTest::addColumn<QString>("proxyHost");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("CA bundle missing") << QStringLiteral("<dir>/none.pem") << false << QString()
                                           << QStringLiteral("caBundle") << QStringLiteral("does not exist");
        QTest::newRow("CA bundle not PEM") << QStringLiteral("<dir>/notes.pem") << false << QString()
                                           << QStringLiteral("caBundle") << QStringLiteral("no PEM certificate");
        QTest::newRow("CA bundle a folder") << QStringLiteral("<dir>") << false << QString()
                                            << QStringLiteral("caBundle") << QStringLiteral("is a folder");
        QTest::newRow("CA bundle with a tab") << QStringLiteral("<dir>/no\tne.pem") << false << QString()
                                              << QStringLiteral("caBundle") << QStringLiteral("U+0009 (tab)");
        QTest::newRow("proxy host empty") << QString() << true << QString() << QStringLiteral("proxyHost")
                                          << QStringLiteral("The proxy host is empty");
        QTest::newRow("proxy host with a space inside") << QString() << true << QStringLiteral("proxy example.com")
                                                        << QStringLiteral("proxyHost") << QStringLiteral("space");
    }

    void settingsDialogRefuses()
    {
        QFETCH(QString, caBundle);
        QFETCH(bool, manualProxy);
        QFETCH(QString, proxyHost);
        QFETCH(QString, field);
        QFETCH(QString, mentions);
        QFile notes(m_dir.filePath(QStringLiteral("notes.pem")));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("these are notes, not certificates\n");
        notes.close();

        AppSettings start;
        start.caBundleFile.clear();
        start.proxyMode = manualProxy ? AppSettings::ProxyMode::Manual : AppSettings::ProxyMode::System;
        SettingsDialog dialog(start);
        dialog.caBundleEdit()->setText(QString(caBundle).replace(QStringLiteral("<dir>"), m_dir.path()));
        dialog.proxyHostEdit()->setText(proxyHost);
        QVERIFY(!dialog.validate());
        auto *edit = dialog.findChild<QLineEdit *>(field);
        QVERIFY(edit);
        const QString message = dialog.fieldError(edit);
        QVERIFY2(message.contains(mentions), qPrintable(message));
        QCOMPARE(edit->accessibleDescription(), message);

        // Corrected (a real bundle, a host name), it is taken.
        dialog.caBundleEdit()->setText(m_certificates.ca().certificatePath);
        dialog.proxyHostEdit()->setText(QStringLiteral("proxy.example.com"));
        QVERIFY2(dialog.validate(), qPrintable(dialog.fieldError(edit)));
        QVERIFY(dialog.fieldError(edit).isEmpty());
    }

    // With verification off the bundle is not read, so a stale path does not block the dialog.
    void settingsDialogIgnoresBundleWithVerificationOff()
    {
        AppSettings start;
        SettingsDialog dialog(start);
        dialog.caBundleEdit()->setText(m_dir.filePath(QStringLiteral("none.pem")));
        dialog.verifyTlsCheck()->setChecked(false);
        QVERIFY(dialog.validate());
        dialog.verifyTlsCheck()->setChecked(true);
        QVERIFY(!dialog.validate());
    }
};

QTEST_MAIN(TestFormInput)
#include "tst_forminput.moc"
