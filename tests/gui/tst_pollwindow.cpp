// The "Poll for Jobs" window: the action type checked by the model's rules and remembered per
// profile, the notice before the first poll of a session (and "don't ask again"), the busy
// state, the jobs newest first, and opening one by keyboard or mouse.

#include "gui/dialoghooks.h"
#include "gui/errorbanner.h"
#include "gui/pollwindow.h"

#include "core/codepipeline/servicemodel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;
using codepipeline::Json;

Q_DECLARE_METATYPE(jobdesk::codepipeline::Json)

namespace {

const codepipeline::Shape *shape(const char *name)
{
    return codepipeline::ServiceModel::codePipeline().shape(name);
}

PolledJob job(const QString &id, const QString &client, const QDateTime &at)
{
    return {id, client, at};
}

}  // namespace

class TestPollWindow : public QObject
{
    Q_OBJECT

private:
    DialogHooks m_hooks;
    int m_notices = 0;
    QString m_noticeText;
    bool m_noticeAnswer = true;
    bool m_dontAsk = false;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("JobDesk"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_pollwindow"));
        qRegisterMetaType<Json>();
        m_hooks.pollNotice = [this](const QString &text, bool &dontAskAgain) {
            ++m_notices;
            m_noticeText = text;
            dontAskAgain = m_dontAsk;
            return m_noticeAnswer;
        };
    }

    void init()
    {
        QSettings().clear();
        PollWindow::resetSessionNotice();
        m_notices = 0;
        m_noticeText.clear();
        m_noticeAnswer = true;
        m_dontAsk = false;
    }

    void parametersExactly()
    {
        PollWindow window(&m_hooks);
        window.setTarget(QStringLiteral("acme"), QStringLiteral("eu-west-1"), QString());
        QCOMPARE(window.categoryCombo()->currentText(), QStringLiteral("Build"));
        QCOMPARE(window.batchSizeSpin()->value(), 1);
        window.providerEdit()->setText(QStringLiteral(" AcmeCI "));
        window.versionEdit()->setText(QStringLiteral("2"));
        window.batchSizeSpin()->setValue(5);
        const std::optional<Json> params = window.validatedParameters();
        QVERIFY(params);
        const Json expected = {
            {"actionTypeId",
             {{"category", "Build"}, {"owner", "ThirdParty"}, {"provider", "AcmeCI"}, {"version", "2"}}},
            {"maxBatchSize", 5}};
        QCOMPARE(QString::fromStdString(params->dump()), QString::fromStdString(expected.dump()));
        QCOMPARE(window.ownerLabel()->text(), QStringLiteral("ThirdParty"));
        // The categories are the model's.
        QCOMPARE(window.categoryCombo()->count(), int(shape("ActionCategory")->enumValues.size()));
        QVERIFY(window.targetLabel()->text().contains(QStringLiteral("acme")));
        QVERIFY(window.targetLabel()->text().contains(QStringLiteral("eu-west-1")));
        window.setTarget(QStringLiteral("acme"), QStringLiteral("eu-west-1"), QStringLiteral("https://127.0.0.1:8443"));
        QVERIFY(window.targetLabel()->text().contains(QStringLiteral("https://127.0.0.1:8443")));
    }

    void fieldMessages_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QStringList>("says");
        const qsizetype providerMax = *shape("ActionProvider")->max;
        const qsizetype versionMax = *shape("Version")->max;
        const QString providerPattern = QString::fromStdString(shape("ActionProvider")->pattern);
        QTest::newRow("provider missing") << QString() << "1"
                                          << "provider" << QStringList{QStringLiteral("provider")};
        QTest::newRow("provider of spaces") << "   "
                                            << "1"
                                            << "provider" << QStringList{QStringLiteral("provider")};
        QTest::newRow("provider too long") << QString(providerMax + 1, QLatin1Char('A')) << "1"
                                           << "provider" << QStringList{QString::number(providerMax)};
        QTest::newRow("provider pattern") << "Acme CI"
                                          << "1"
                                          << "provider" << QStringList{providerPattern};
        QTest::newRow("provider control character") << QStringLiteral("Acme\aCI") << "1"
                                                    << "provider" << QStringList{QStringLiteral("U+0007")};
        QTest::newRow("version missing") << "AcmeCI" << QString() << "version"
                                         << QStringList{QStringLiteral("version")};
        QTest::newRow("version pattern") << "AcmeCI"
                                         << "1.0"
                                         << "version" << QStringList{QString::fromStdString(shape("Version")->pattern)};
        QTest::newRow("version too long") << "AcmeCI" << QString(versionMax + 1, QLatin1Char('9')) << "version"
                                          << QStringList{QString::number(versionMax)};
    }

    void fieldMessages()
    {
        QFETCH(QString, provider);
        QFETCH(QString, version);
        QFETCH(QString, field);
        QFETCH(QStringList, says);
        PollWindow window(&m_hooks);
        window.setTarget(QStringLiteral("acme"), QStringLiteral("us-east-1"), QString());
        QSignalSpy polls(&window, &PollWindow::pollRequested);
        window.providerEdit()->setText(provider);
        window.versionEdit()->setText(version);
        QVERIFY(!window.validatedParameters());
        QWidget *bad = window.findChild<QWidget *>(field);
        const QString message = window.fieldError(bad);
        for (const QString &word : says)
            QVERIFY2(message.contains(word, Qt::CaseInsensitive), qPrintable(message));
        QCOMPARE(window.focusWidget(), bad);
        // Poll refuses too, before any notice.
        QTest::mouseClick(window.pollButton(), Qt::LeftButton);
        QCOMPARE(polls.size(), 0);
        QCOMPARE(m_notices, 0);
        QVERIFY(!QSettings().childGroups().contains(QStringLiteral("PollForJobs")));
    }

    void batchSizeLimits()
    {
        PollWindow window(&m_hooks);
        QCOMPARE(window.batchSizeSpin()->minimum(), int(*shape("MaxBatchSize")->min));
        QCOMPARE(window.batchSizeSpin()->maximum(), 100);
        QCOMPARE(window.batchSizeSpin()->value(), 1);
    }

    void rememberedPerProfile()
    {
        PollWindow window(&m_hooks);
        QSignalSpy polls(&window, &PollWindow::pollRequested);
        window.setTarget(QStringLiteral("alpha"), QStringLiteral("us-east-1"), QString());
        window.categoryCombo()->setCurrentText(QStringLiteral("Deploy"));
        window.providerEdit()->setText(QStringLiteral("AlphaDeploy"));
        window.versionEdit()->setText(QStringLiteral("3"));
        window.batchSizeSpin()->setValue(7);
        QTest::mouseClick(window.pollButton(), Qt::LeftButton);
        QCOMPARE(polls.size(), 1);
        QCOMPARE(polls.at(0).at(0).value<Json>()["actionTypeId"]["provider"].get<std::string>(), "AlphaDeploy");

        // Another profile starts from the defaults and keeps its own.
        window.setTarget(QStringLiteral("beta"), QStringLiteral("us-east-1"), QString());
        QCOMPARE(window.categoryCombo()->currentText(), QStringLiteral("Build"));
        QCOMPARE(window.providerEdit()->text(), QString());
        QCOMPARE(window.batchSizeSpin()->value(), 1);
        window.providerEdit()->setText(QStringLiteral("BetaBuild"));
        window.versionEdit()->setText(QStringLiteral("1"));
        QTest::mouseClick(window.pollButton(), Qt::LeftButton);
        QCOMPARE(polls.size(), 2);

        window.setTarget(QStringLiteral("alpha"), QStringLiteral("us-east-1"), QString());
        QCOMPARE(window.categoryCombo()->currentText(), QStringLiteral("Deploy"));
        QCOMPARE(window.providerEdit()->text(), QStringLiteral("AlphaDeploy"));
        QCOMPARE(window.versionEdit()->text(), QStringLiteral("3"));
        QCOMPARE(window.batchSizeSpin()->value(), 7);

        // Kept in the settings: a new window finds them.
        PollWindow later(&m_hooks);
        later.setTarget(QStringLiteral("beta"), QStringLiteral("us-east-1"), QString());
        QCOMPARE(later.providerEdit()->text(), QStringLiteral("BetaBuild"));
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("PollForJobs/alpha/provider")).toString(),
                 QStringLiteral("AlphaDeploy"));

        // Typed but not polled is not remembered.
        later.providerEdit()->setText(QStringLiteral("Unpolled"));
        later.setTarget(QStringLiteral("beta"), QStringLiteral("us-east-1"), QString());
        QCOMPARE(later.providerEdit()->text(), QStringLiteral("BetaBuild"));
    }

    void noticeOncePerSession()
    {
        PollWindow window(&m_hooks);
        QSignalSpy polls(&window, &PollWindow::pollRequested);
        window.setTarget(QStringLiteral("acme"), QStringLiteral("us-east-1"), QString());
        window.providerEdit()->setText(QStringLiteral("AcmeCI"));
        window.versionEdit()->setText(QStringLiteral("1"));

        // Cancelled: nothing polled or remembered, and the next poll asks again.
        m_noticeAnswer = false;
        QTest::mouseClick(window.pollButton(), Qt::LeftButton);
        QCOMPARE(m_notices, 1);
        QCOMPARE(polls.size(), 0);
        QVERIFY(!QSettings().contains(QStringLiteral("PollForJobs/acme/provider")));
        QCOMPARE(m_noticeText, PollWindow::noticeText());
        QVERIFY(m_noticeText.contains(QStringLiteral("time out")));

        m_noticeAnswer = true;
        QTest::mouseClick(window.pollButton(), Qt::LeftButton);
        QCOMPARE(m_notices, 2);
        QCOMPARE(polls.size(), 1);
        // Once accepted, not again in this process, in this window or another.
        QTest::mouseClick(window.pollButton(), Qt::LeftButton);
        PollWindow other(&m_hooks);
        other.setTarget(QStringLiteral("acme"), QStringLiteral("us-east-1"), QString());
        QSignalSpy otherPolls(&other, &PollWindow::pollRequested);
        QTest::mouseClick(other.pollButton(), Qt::LeftButton);
        QCOMPARE(m_notices, 2);
        QCOMPARE(polls.size(), 2);
        QCOMPARE(otherPolls.size(), 1);

        // A new session asks again.
        PollWindow::resetSessionNotice();
        QTest::mouseClick(window.pollButton(), Qt::LeftButton);
        QCOMPARE(m_notices, 3);
    }

    void dontAskAgainIsKept()
    {
        PollWindow window(&m_hooks);
        window.setTarget(QStringLiteral("acme"), QStringLiteral("us-east-1"), QString());
        window.providerEdit()->setText(QStringLiteral("AcmeCI"));
        window.versionEdit()->setText(QStringLiteral("1"));
        QSignalSpy polls(&window, &PollWindow::pollRequested);
        // "Don't ask again" with Cancel keeps nothing.
        m_dontAsk = true;
        m_noticeAnswer = false;
        QTest::mouseClick(window.pollButton(), Qt::LeftButton);
        PollWindow::resetSessionNotice();
        m_noticeAnswer = true;
        QTest::mouseClick(window.pollButton(), Qt::LeftButton);
        QCOMPARE(m_notices, 2);
        QCOMPARE(polls.size(), 1);
        // With Poll it is kept across sessions.
        PollWindow::resetSessionNotice();
        QTest::mouseClick(window.pollButton(), Qt::LeftButton);
        QCOMPARE(m_notices, 2);
        QCOMPARE(polls.size(), 2);
    }

    void busy()
    {
        PollWindow window(&m_hooks);
        window.setTarget(QStringLiteral("acme"), QStringLiteral("us-east-1"), QString());
        window.providerEdit()->setText(QStringLiteral("AcmeCI"));
        window.versionEdit()->setText(QStringLiteral("1"));
        QSignalSpy polls(&window, &PollWindow::pollRequested);
        window.setBusy(true);
        QVERIFY(window.isBusy());
        QVERIFY(!window.pollButton()->isEnabled());
        QVERIFY(!window.providerEdit()->isEnabled());
        QVERIFY(!window.statusLabel()->text().isEmpty());
        // Enter in a field does not poll while one runs.
        Q_EMIT window.providerEdit()->returnPressed();
        QCOMPARE(polls.size(), 0);
        window.setBusy(false);
        QVERIFY(window.pollButton()->isEnabled());
        QTest::keyClick(window.versionEdit(), Qt::Key_Return);
        QCOMPARE(polls.size(), 1);
        // Without a profile there is nothing to poll with.
        window.setTarget(QString(), QString(), QString());
        QVERIFY(!window.pollButton()->isEnabled());
    }

    void jobsNewestFirst()
    {
        PollWindow window(&m_hooks);
        const QDateTime first(QDate(2026, 3, 1), QTime(9, 0, 0), QTimeZone::utc());
        window.addJobs({job(QStringLiteral("job-a"), QStringLiteral("client-a"), first),
                        job(QStringLiteral("job-b"), QStringLiteral("client-b"), first)});
        window.addJobs({job(QStringLiteral("job-c"), QStringLiteral("client-c"), first.addSecs(60))});
        QAbstractItemModel *model = window.jobsView()->model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("job-c"));
        QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("job-a"));
        QCOMPARE(model->index(2, 0).data().toString(), QStringLiteral("job-b"));
        QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("client-c"));
        QVERIFY(!window.statusLabel()->text().contains(QStringLiteral("No job")));
        window.addJobs({});
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(window.statusLabel()->text(), PollWindow::tr("No job was waiting."));
    }

    void errorInTheWindow()
    {
        PollWindow window(&m_hooks);
        window.show();
        Error e = Error::make(Error::Kind::Service, QStringLiteral("ValidationException"),
                              QStringLiteral("The action type does not exist"));
        window.showError(e);
        QVERIFY(window.errorBanner()->isVisible());
        QCOMPARE(window.errorBanner()->messageText(), e.message);
        window.addJobs({});
        QVERIFY(!window.errorBanner()->isVisible());
    }

    void openingARow()
    {
        PollWindow window(&m_hooks);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(&window, &PollWindow::jobActivated);
        const QDateTime at = QDateTime::currentDateTimeUtc();
        window.addJobs({job(QStringLiteral("job-1"), QStringLiteral("client-1"), at),
                        job(QStringLiteral("job-2"), QStringLiteral("client-2"), at)});
        QTableView *view = window.jobsView();
        // Enter on a row.
        view->setFocus();
        view->setCurrentIndex(view->model()->index(1, 0));
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), QStringLiteral("job-2"));
        QCOMPARE(opened.at(0).at(1).toString(), QStringLiteral("client-2"));
        // The Open button.
        view->setCurrentIndex(view->model()->index(0, 2));
        QVERIFY(window.openButton()->isEnabled());
        QTest::mouseClick(window.openButton(), Qt::LeftButton);
        QCOMPARE(opened.size(), 2);
        QCOMPARE(opened.at(1).at(0).toString(), QStringLiteral("job-1"));
        // A double-click.
        const QRect cell = view->visualRect(view->model()->index(1, 1));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(opened.last().at(0).toString(), QStringLiteral("job-2"));
    }

    void tabOrder()
    {
        PollWindow window(&m_hooks);
        window.setTarget(QStringLiteral("acme"), QStringLiteral("us-east-1"), QString());
        window.addJobs({job(QStringLiteral("job-1"), QStringLiteral("client-1"), QDateTime::currentDateTimeUtc())});
        const QList<QWidget *> expected{window.categoryCombo(), window.providerEdit(), window.versionEdit(),
                                        window.batchSizeSpin(), window.pollButton(),   window.jobsView(),
                                        window.openButton()};
        for (qsizetype i = 0; i + 1 < expected.size(); ++i) {
            QWidget *next = expected[i]->nextInFocusChain();
            // A spin box's own line edit sits between it and the next field, and takes no focus of its own.
            while (next->focusPolicy() == Qt::NoFocus || next->focusProxy())
                next = next->nextInFocusChain();
            QCOMPARE(next, expected[i + 1]);
        }
    }
};

QTEST_MAIN(TestPollWindow)
#include "tst_pollwindow.moc"
