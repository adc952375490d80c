// The success and failure result dialogs: each field checked by the service model's rules,
// the message under the field it is about (the first bad one focused), partial groups caught,
// the dialog kept open while a field is bad, and exactly the request members it collected.

#include "gui/failureresultdialog.h"
#include "gui/successresultdialog.h"

#include "cli/commandline.h"
#include "core/codepipeline/paramvalidator.h"
#include "core/codepipeline/servicemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;
using codepipeline::Json;

namespace {

const codepipeline::Shape *shape(const char *name)
{
    return codepipeline::ServiceModel::codePipeline().shape(name);
}

QString repeated(qsizetype count)
{
    return QString(count, QLatin1Char('x'));
}

// Types text into the field named objectName, whatever kind of text field it is.
void fill(QWidget *dialog, const QString &objectName, const QString &text)
{
    QWidget *field = dialog->findChild<QWidget *>(objectName);
    QVERIFY2(field, qPrintable(objectName));
    if (auto *line = qobject_cast<QLineEdit *>(field))
        line->setText(text);
    else if (auto *block = qobject_cast<QPlainTextEdit *>(field))
        block->setPlainText(text);
    else
        QFAIL(qPrintable(QStringLiteral("not a text field: ") + objectName));
}

// A complete request of the operation with the dialog's members must pass the model as a whole.
void verifySendable(const char *inputShape, Json members)
{
    Json request = Json::object();
    request["jobId"] = "11111111-2222-4333-8444-555555555555";
    request["clientToken"] = "client-token-0001";
    for (auto it = members.begin(); it != members.end(); ++it)
        request[it.key()] = it.value();
    const auto problems = codepipeline::ParamValidator::check(shape(inputShape), request);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.isEmpty() ? QString() : problems.first().message));
}

// Where Tab goes from w: the next widget in the chain that takes focus itself (not a scroll
// area's viewport or a spin box's inner line edit).
QWidget *nextField(QWidget *w)
{
    QWidget *next = w->nextInFocusChain();
    while (next != w
           && (!(next->focusPolicy() & Qt::TabFocus) || next->focusProxy() || next->isAncestorOf(w)
               || w->isAncestorOf(next)))
        next = next->nextInFocusChain();
    return next;
}

}  // namespace

class TestResultDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void successFieldMessages_data()
    {
        QTest::addColumn<QStringList>("filled");  // objectName=text, in the order typed
        QTest::addColumn<QString>("field");       // where the message must be
        QTest::addColumn<QStringList>("says");    // what the message must mention

        const QString summaryMax = QString::number(*shape("ExecutionSummary")->max);
        const QString idMax = QString::number(*shape("ExecutionId")->max);
        const QString changeMax = QString::number(*shape("RevisionChangeIdentifier")->max);
        const QString revisionMax = QString::number(*shape("Revision")->max);
        const QString tokenMax = QString::number(*shape("ContinuationToken")->max);
        const QString revisionSummaryMax = QString::number(*shape("RevisionSummary")->max);
        const QString okRevision = QStringLiteral("revision=abc123");
        const QString okChange = QStringLiteral("changeIdentifier=change-1");

        QTest::newRow("summary too long")
            << QStringList{QStringLiteral("executionSummary=") + repeated(summaryMax.toInt() + 1)} << "executionSummary"
            << QStringList{QStringLiteral("summary"), summaryMax};
        QTest::newRow("summary control character")
            << QStringList{QStringLiteral("executionSummary=done\abell")} << "executionSummary"
            << QStringList{QStringLiteral("summary"), QStringLiteral("U+0007")};
        QTest::newRow("external ID too long")
            << QStringList{QStringLiteral("externalExecutionId=") + repeated(idMax.toInt() + 1)}
            << "externalExecutionId" << QStringList{QStringLiteral("external execution ID"), idMax};
        QTest::newRow("external ID tab") << QStringList{QStringLiteral("externalExecutionId=run\t42")}
                                         << "externalExecutionId" << QStringList{QStringLiteral("U+0009")};
        QTest::newRow("revision without change identifier")
            << QStringList{okRevision} << "changeIdentifier" << QStringList{QStringLiteral("change identifier")};
        QTest::newRow("change identifier without revision")
            << QStringList{okChange} << "revision" << QStringList{QStringLiteral("revision itself")};
        QTest::newRow("revision summary alone") << QStringList{QStringLiteral("revisionSummary=fixed it")} << "revision"
                                                << QStringList{QStringLiteral("revision itself")};
        QTest::newRow("revision too long")
            << QStringList{QStringLiteral("revision=") + repeated(revisionMax.toInt() + 1), okChange} << "revision"
            << QStringList{revisionMax};
        QTest::newRow("change identifier too long")
            << QStringList{okRevision, QStringLiteral("changeIdentifier=") + repeated(changeMax.toInt() + 1)}
            << "changeIdentifier" << QStringList{changeMax};
        QTest::newRow("change identifier escape")
            << QStringList{okRevision, QStringLiteral("changeIdentifier=ch\x1b[0m")} << "changeIdentifier"
            << QStringList{QStringLiteral("U+001B")};
        QTest::newRow("revision summary too long")
            << QStringList{okRevision, okChange,
                           QStringLiteral("revisionSummary=") + repeated(revisionSummaryMax.toInt() + 1)}
            << "revisionSummary" << QStringList{revisionSummaryMax};
        QTest::newRow("continuation token too long")
            << QStringList{QStringLiteral("continuationToken=") + repeated(tokenMax.toInt() + 1)} << "continuationToken"
            << QStringList{QStringLiteral("continuation token"), tokenMax};
        QTest::newRow("continuation token NUL")
            << QStringList{QStringLiteral("continuationToken=a") + QChar(0) + QStringLiteral("b")}
            << "continuationToken" << QStringList{QStringLiteral("U+0000")};
    }

    void successFieldMessages()
    {
        QFETCH(QStringList, filled);
        QFETCH(QString, field);
        QFETCH(QStringList, says);
        SuccessResultDialog dialog;
        for (const QString &entry : filled) {
            const qsizetype eq = entry.indexOf(QLatin1Char('='));
            fill(&dialog, entry.left(eq), entry.mid(eq + 1));
        }
        QVERIFY(!dialog.validate());
        QWidget *bad = dialog.findChild<QWidget *>(field);
        QVERIFY(bad);
        const QString message = dialog.fieldError(bad);
        for (const QString &word : says)
            QVERIFY2(message.contains(word, Qt::CaseInsensitive), qPrintable(message));
        // Shown under the field, and given to screen readers with it.
        auto *label = dialog.findChild<QLabel *>(field + QStringLiteral("Error"));
        QVERIFY(label);
        QCOMPARE(label->text(), message);
        QCOMPARE(bad->accessibleDescription(), message);
        // The first bad field (in form order) has the focus.
        QVERIFY(dialog.focusWidget());
        QVERIFY(!dialog.fieldError(dialog.focusWidget()).isEmpty());
    }

    void successCreatedAloneIsPartial()
    {
        SuccessResultDialog dialog;
        dialog.createdCheck()->setChecked(true);
        QVERIFY(!dialog.validate());
        QVERIFY(!dialog.fieldError(dialog.revisionEdit()).isEmpty());
        QVERIFY(!dialog.fieldError(dialog.changeIdEdit()).isEmpty());
        QCOMPARE(dialog.focusWidget(), dialog.revisionEdit());
    }

    void successEmptyIsNothing()
    {
        SuccessResultDialog dialog;
        QVERIFY(dialog.validate());
        QCOMPARE(dialog.parameters(), Json::object());
        // Spaces alone are nothing typed.
        dialog.summaryEdit()->setPlainText(QStringLiteral("   "));
        dialog.revisionEdit()->setText(QStringLiteral("  "));
        QVERIFY(dialog.validate());
        QCOMPARE(dialog.parameters(), Json::object());
    }

    void successParameters()
    {
        SuccessResultDialog dialog;
        dialog.summaryEdit()->setPlainText(QStringLiteral("Built and tested: 212 tests ✓"));
        dialog.externalIdEdit()->setText(QStringLiteral(" run-42 "));
        dialog.percentSpin()->setValue(100);
        dialog.revisionEdit()->setText(QStringLiteral("9f2c1e0"));
        dialog.changeIdEdit()->setText(QStringLiteral("change-7"));
        dialog.createdCheck()->setChecked(true);
        dialog.createdEdit()->setDateTime(QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5), QTimeZone::utc()));
        dialog.revisionSummaryEdit()->setText(QStringLiteral("Fix the flaky test"));
        dialog.continuationTokenEdit()->setText(QStringLiteral("step-2"));
        QVERIFY2(dialog.validate(), qPrintable(dialog.errorText()));

        // `created` as jobdesk-cli sends --current-revision created=2024-01-02T03:04:05Z: whole seconds.
        const auto seconds = cli::CommandLine::parseTimestamp(QStringLiteral("2024-01-02T03:04:05Z"));
        QVERIFY(seconds.ok());
        Json expected = Json::object();
        expected["currentRevision"] = {{"revision", "9f2c1e0"},
                                       {"changeIdentifier", "change-7"},
                                       {"created", seconds.value()},
                                       {"revisionSummary", "Fix the flaky test"}};
        expected["continuationToken"] = "step-2";
        expected["executionDetails"] = {
            {"summary", "Built and tested: 212 tests ✓"}, {"externalExecutionId", "run-42"}, {"percentComplete", 100}};
        const Json params = dialog.parameters();
        QCOMPARE(QString::fromStdString(params.dump()), QString::fromStdString(expected.dump()));
        QVERIFY(params["currentRevision"]["created"].is_number_integer());
        verifySendable("PutThirdPartyJobSuccessResultInput", params);
    }

    void successPercentComesFromTheModel()
    {
        SuccessResultDialog dialog;
        const codepipeline::Shape *percentage = shape("Percentage");
        QCOMPARE(dialog.percentSpin()->maximum(), int(*percentage->max));
        QCOMPARE(dialog.percentSpin()->minimum(), int(*percentage->min) - 1);  // "not set"
        QCOMPARE(dialog.percentSpin()->text(), dialog.percentSpin()->specialValueText());
        // Typing past the model's limit is refused keystroke by keystroke.
        dialog.percentSpin()->setValue(0);
        QVERIFY(dialog.parameters()["executionDetails"].contains("percentComplete"));
        QCOMPARE(dialog.parameters()["executionDetails"]["percentComplete"].get<int>(), 0);
        dialog.percentSpin()->selectAll();
        QTest::keyClicks(dialog.percentSpin(), QStringLiteral("150"));
        QVERIFY(dialog.percentSpin()->value() <= *percentage->max);
        QVERIFY(dialog.validate());
    }

    void successAcceptStaysOpenWhileBad()
    {
        SuccessResultDialog dialog;
        dialog.show();
        dialog.revisionEdit()->setText(QStringLiteral("abc"));
        QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.fieldError(dialog.changeIdEdit()).isEmpty());
        dialog.changeIdEdit()->setText(QStringLiteral("c-1"));
        QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.fieldError(dialog.changeIdEdit()).isEmpty());
    }

    void successTabOrder()
    {
        SuccessResultDialog dialog;
        dialog.createdCheck()->setChecked(true);
        const QList<QWidget *> expected{
            dialog.summaryEdit(),           dialog.externalIdEdit(), dialog.percentSpin(), dialog.revisionEdit(),
            dialog.changeIdEdit(),          dialog.createdCheck(),   dialog.createdEdit(), dialog.revisionSummaryEdit(),
            dialog.continuationTokenEdit(), dialog.sendButton()};
        QCOMPARE(dialog.focusWidget(), dialog.summaryEdit());
        for (qsizetype i = 0; i + 1 < expected.size(); ++i)
            QCOMPARE(nextField(expected[i]), expected[i + 1]);
        QVERIFY(dialog.summaryEdit()->tabChangesFocus());
    }

    void failureFieldMessages_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("externalId");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QStringList>("says");
        const QString messageMax = QString::number(*shape("Message")->max);
        const QString idMax = QString::number(*shape("ExecutionId")->max);
        QTest::newRow("message missing") << QString() << QString() << "failureMessage"
                                         << QStringList{QStringLiteral("Enter a message")};
        QTest::newRow("message of spaces")
            << QStringLiteral("   ") << QString() << "failureMessage" << QStringList{QStringLiteral("Enter a message")};
        QTest::newRow("message too long") << repeated(messageMax.toInt() + 1) << QString() << "failureMessage"
                                          << QStringList{QStringLiteral("message"), messageMax};
        QTest::newRow("message bell") << QStringLiteral("ding\a") << QString() << "failureMessage"
                                      << QStringList{QStringLiteral("U+0007")};
        QTest::newRow("external ID too long") << QStringLiteral("Tests failed") << repeated(idMax.toInt() + 1)
                                              << "externalExecutionId" << QStringList{idMax};
        QTest::newRow("external ID C1 control")
            << QStringLiteral("Tests failed") << QStringLiteral("ru") + QChar(0x85) + QStringLiteral("n")
            << "externalExecutionId" << QStringList{QStringLiteral("U+0085")};
    }

    // A message or a summary written for people may span lines, as the AWS CLI sends them.
    void lineBreaksAreKeptInFreeText()
    {
        FailureResultDialog failure;
        failure.messageEdit()->setPlainText(QStringLiteral("line one\nline two"));
        QVERIFY2(failure.validate(), qPrintable(failure.errorText()));
        QCOMPARE(failure.failureDetails()["message"], "line one\nline two");

        SuccessResultDialog success;
        success.summaryEdit()->setPlainText(QStringLiteral("two\nlines"));
        QVERIFY2(success.validate(), qPrintable(success.errorText()));
        QCOMPARE(success.parameters()["executionDetails"]["summary"], "two\nlines");
    }

    void failureFieldMessages()
    {
        QFETCH(QString, message);
        QFETCH(QString, externalId);
        QFETCH(QString, field);
        QFETCH(QStringList, says);
        FailureResultDialog dialog;
        dialog.messageEdit()->setPlainText(message);
        dialog.externalIdEdit()->setText(externalId);
        QVERIFY(!dialog.validate());
        QWidget *bad = dialog.findChild<QWidget *>(field);
        QVERIFY(bad);
        const QString shown = dialog.fieldError(bad);
        for (const QString &word : says)
            QVERIFY2(shown.contains(word, Qt::CaseInsensitive), qPrintable(shown));
        QCOMPARE(bad->accessibleDescription(), shown);
        QCOMPARE(dialog.focusWidget(), bad);
    }

    void failureDetailsExactly()
    {
        FailureResultDialog dialog;
        dialog.typeCombo()->setCurrentText(QStringLiteral("ConfigurationError"));
        dialog.messageEdit()->setPlainText(QStringLiteral("The API token in the action's configuration expired."));
        QVERIFY2(dialog.validate(), qPrintable(dialog.errorText()));
        Json expected = {{"type", "ConfigurationError"},
                         {"message", "The API token in the action's configuration expired."}};
        QCOMPARE(QString::fromStdString(dialog.failureDetails().dump()), QString::fromStdString(expected.dump()));
        dialog.externalIdEdit()->setText(QStringLiteral("build-981"));
        expected["externalExecutionId"] = "build-981";
        QCOMPARE(QString::fromStdString(dialog.failureDetails().dump()), QString::fromStdString(expected.dump()));
        verifySendable("PutThirdPartyJobFailureResultInput", Json{{"failureDetails", dialog.failureDetails()}});
    }

    void failureTypesAndExplanations()
    {
        FailureResultDialog dialog;
        const std::vector<std::string> &types = shape("FailureType")->enumValues;
        QCOMPARE(dialog.typeCombo()->count(), int(types.size()));
        QStringList explanations;
        for (int i = 0; i < dialog.typeCombo()->count(); ++i) {
            QCOMPARE(dialog.typeCombo()->itemText(i), QString::fromStdString(types[std::size_t(i)]));
            dialog.typeCombo()->setCurrentIndex(i);
            const QString text = FailureResultDialog::explainFailureType(dialog.typeCombo()->currentText());
            QVERIFY(!text.isEmpty());
            QCOMPARE(dialog.explanationLabel()->text(), text);
            QCOMPARE(dialog.typeCombo()->accessibleDescription(), text);
            explanations << text;
        }
        explanations.removeDuplicates();
        QCOMPARE(explanations.size(), int(types.size()));
        QVERIFY(FailureResultDialog::explainFailureType(QStringLiteral("Exploded")).isEmpty());
        QVERIFY(FailureResultDialog::explainFailureType(QStringLiteral("JobFailed")).contains(QStringLiteral("stops")));
    }

    void failureAcceptStaysOpenWhileBad()
    {
        FailureResultDialog dialog;
        dialog.show();
        QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.fieldError(dialog.messageEdit()).isEmpty());
        dialog.messageEdit()->setPlainText(QStringLiteral("Deploy refused: the target is locked."));
        QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void failureKeyboard()
    {
        FailureResultDialog dialog;
        QCOMPARE(dialog.focusWidget(), dialog.typeCombo());
        QCOMPARE(nextField(dialog.typeCombo()), dialog.messageEdit());
        QCOMPARE(nextField(dialog.messageEdit()), dialog.externalIdEdit());
        QCOMPARE(nextField(dialog.externalIdEdit()), dialog.sendButton());
        // Tab leaves the message instead of typing a tab the model would refuse.
        QVERIFY(dialog.messageEdit()->tabChangesFocus());
    }
};

QTEST_MAIN(TestResultDialogs)
#include "tst_resultdialogs.moc"
