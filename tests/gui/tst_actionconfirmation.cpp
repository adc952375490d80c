// The confirmation shown before a call that changes a customer's pipeline: the customer taken
// from the job, "unknown" where the job says nothing, the command line to copy, and Cancel as
// the default, so Enter never sends.

#include "gui/actionconfirmation.h"
#include "gui/dialoghooks.h"
#include "gui/errorbanner.h"

#include "support/guitestdata.h"

#include <QApplication>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;
using codepipeline::JobDocument;

namespace {

JobDocument documentFrom(const nlohmann::ordered_json &details)
{
    nlohmann::ordered_json wrapped = {{"jobDetails", details}};
    auto doc = JobDocument::fromJsonText(QByteArray::fromStdString(wrapped.dump()), JobDocument::Origin::Opened,
                                         QStringLiteral("job.json"));
    if (!doc)
        qFatal("fixture did not load: %s", qPrintable(doc.error().message));
    return doc.value();
}

QString text(const nlohmann::ordered_json &value)
{
    return QString::fromStdString(value.get<std::string>());
}

ActionSummary sample()
{
    ActionSummary s;
    s.action = QStringLiteral("Report failure");
    s.jobId = QStringLiteral("11111111-2222-4333-8444-555555555555");
    s.pipelineName = QStringLiteral("gui-test-pipeline");
    s.commandLine = QStringLiteral("jobdesk-cli codepipeline put-third-party-job-failure-result --job-id 1111 "
                                   "--client-token '****' --failure-details type=JobFailed,message=Nope");
    return s;
}

}  // namespace

class TestActionConfirmation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void summaryFromJob()
    {
        test::JobShape shape;
        shape.withPipelineArn = true;
        const nlohmann::ordered_json details = test::jobDetails(shape);
        const auto &context = details["data"]["pipelineContext"];
        const ActionSummary s = ActionSummary::forJob(documentFrom(details), QStringLiteral("Acknowledge"));
        QCOMPARE(s.action, QStringLiteral("Acknowledge"));
        QCOMPARE(s.jobId, shape.jobId);
        QCOMPARE(s.pipelineName, text(context["pipelineName"]));
        QCOMPARE(s.stageAndAction,
                 text(context["stage"]["name"]) + QStringLiteral(" / ") + text(context["action"]["name"]));
        // The account is the ARN's fifth field.
        QCOMPARE(s.accountId, text(context["pipelineArn"]).section(QLatin1Char(':'), 4, 4));
        QCOMPARE(s.accountId.size(), 12);
        QVERIFY(s.commandLine.isEmpty());  // the caller's
        QVERIFY(s.warning.isEmpty());
    }

    void summaryWhereTheJobSaysLittle_data()
    {
        QTest::addColumn<QString>("arn");  // empty: no pipelineArn
        QTest::addColumn<bool>("withStage");
        QTest::addColumn<bool>("withAction");
        QTest::addColumn<QString>("account");
        QTest::addColumn<QString>("stageAndAction");
        QTest::newRow("no ARN") << QString() << true << true << QString() << "Build / AcmeBuild";
        QTest::newRow("ARN without account")
            << "arn:aws:codepipeline:us-east-1:pipe" << true << true << QString() << "Build / AcmeBuild";
        QTest::newRow("account not digits")
            << "arn:aws:codepipeline:us-east-1:12345678901x:pipe" << true << true << QString() << "Build / AcmeBuild";
        QTest::newRow("GovCloud ARN") << "arn:aws-us-gov:codepipeline:us-gov-west-1:210987654321:pipe" << false << true
                                      << "210987654321"
                                      << "AcmeBuild";
        QTest::newRow("stage only") << QString() << true << false << QString() << "Build";
        QTest::newRow("neither") << QString() << false << false << QString() << QString();
    }

    void summaryWhereTheJobSaysLittle()
    {
        QFETCH(QString, arn);
        QFETCH(bool, withStage);
        QFETCH(bool, withAction);
        QFETCH(QString, account);
        QFETCH(QString, stageAndAction);
        nlohmann::ordered_json details = test::jobDetails();
        auto &context = details["data"]["pipelineContext"];
        if (!arn.isEmpty())
            context["pipelineArn"] = arn.toStdString();
        if (!withStage)
            context.erase("stage");
        if (!withAction)
            context.erase("action");
        const ActionSummary s = ActionSummary::forJob(documentFrom(details), QStringLiteral("Report success"));
        QCOMPARE(s.accountId, account);
        QCOMPARE(s.stageAndAction, stageAndAction);
    }

    void cancelIsTheDefault()
    {
        ActionConfirmation dialog(sample());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.cancelButton()->isDefault());
        QVERIFY(!dialog.sendButton()->isDefault());
        QVERIFY(!dialog.sendButton()->autoDefault());
        QCOMPARE(dialog.focusWidget(), dialog.cancelButton());
        QCOMPARE(dialog.sendButton()->text(), sample().action);
        QVERIFY(dialog.windowTitle().contains(sample().action));
        // Enter answers Cancel.
        QTest::keyClick(dialog.focusWidget(), Qt::Key_Return);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void enterInTheCommandLineCancels()
    {
        ActionConfirmation dialog(sample());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.commandLineView()->setFocus();
        QTest::keyClick(dialog.commandLineView(), Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(dialog.commandLineView()->toPlainText(), sample().commandLine);  // nothing typed into it
    }

    void sendAccepts()
    {
        ActionConfirmation dialog(sample());
        dialog.show();
        QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void showsTheCustomerAndCommand()
    {
        ActionSummary s = sample();
        s.warning = QStringLiteral("The job was opened from a file and may be stale.");
        ActionConfirmation dialog(s);
        const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
        const auto shows = [&labels](const QString &value) {
            for (const QLabel *l : labels) {
                if (l->text().contains(value))
                    return true;
            }
            return false;
        };
        QVERIFY(shows(s.jobId));
        QVERIFY(shows(s.pipelineName));
        // Account and stage are not in this summary: said plainly.
        int unknown = 0;
        for (const QLabel *l : labels)
            unknown += l->text().contains(ActionConfirmation::tr("unknown")) ? 1 : 0;
        QCOMPARE(unknown, 2);
        QVERIFY(dialog.commandLineView()->isReadOnly());
        QVERIFY(dialog.commandLineView()->textInteractionFlags() & Qt::TextSelectableByMouse);
        QCOMPARE(dialog.commandLineView()->font().family(),
                 QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
        QCOMPARE(dialog.commandLineView()->toPlainText(), s.commandLine);
        QVERIFY(!dialog.warningBanner()->isHidden());
        QCOMPARE(dialog.warningBanner()->messageText(), s.warning);
        ActionConfirmation quiet(sample());
        QVERIFY(quiet.warningBanner()->isHidden());
    }

    void hookAnswers()
    {
        DialogHooks hooks;
        QList<ActionSummary> asked;
        bool answer = true;
        hooks.confirmAction = [&](const ActionSummary &s) {
            asked << s;
            return answer;
        };
        QVERIFY(ActionConfirmation::ask(nullptr, hooks, sample()));
        answer = false;
        QVERIFY(!ActionConfirmation::ask(nullptr, hooks, sample()));
        QCOMPARE(asked.size(), 2);
        QCOMPARE(asked.first().commandLine, sample().commandLine);
        QVERIFY(QApplication::topLevelWidgets().isEmpty()
                || !qobject_cast<ActionConfirmation *>(QApplication::activeModalWidget()));
    }
};

QTEST_MAIN(TestActionConfirmation)
#include "tst_actionconfirmation.moc"
