// The query bar of the real JobDesk window over the fake endpoint's job: the
// live result compared with python's jmespath (what the AWS CLI's --query runs
// on), errors with a caret under their position, the previous result kept,
// masked secrets and revealing them, the completer's paths and per-profile
// recent expressions, the copied AWS CLI command run by the AWS CLI itself, and
// the export of the result.

#include "gui/jobview.h"
#include "gui/jsontreemodel.h"
#include "gui/lookupform.h"
#include "gui/mainwindow.h"
#include "gui/querybar.h"
#include "gui/queryhistory.h"

#include "core/output/jobexporter.h"
#include "core/output/jsonwriter.h"
#include "core/output/tablewriter.h"
#include "core/output/textwriter.h"
#include "core/platform/filesecurity.h"
#include "core/query/expression.h"
#include "fake/fakecodepipeline.h"
#include "gui/clipboard.h"
#include "support/guitestdata.h"
#include "support/testenv.h"
#include "support/windowtestbed.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSplitter>
#include <QStringListModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <algorithm>

using namespace jobdesk;
using namespace jobdesk::gui;

namespace {

const QString kArtifactSecret = QStringLiteral("artifactSecretKeyEXAMPLE/000000000000000");
const QString kApiToken = QStringLiteral("tok_EXAMPLE_0123456789");

// What python's jmespath gives for the expression over the document, dumped as
// `aws --output json` dumps it; for an error, "error:<lex_position>".
QByteArray pythonSearch(const QByteArray &document, const QString &expression)
{
    const QString script = QStringLiteral("import json,sys,collections,jmespath\n"
                                          "d=json.loads(sys.stdin.read(),object_pairs_hook=collections.OrderedDict)\n"
                                          "try:\n"
                                          "    r=jmespath.search(sys.argv[1],d)\n"
                                          "except jmespath.exceptions.ParseError as e:\n"
                                          "    sys.stdout.write('error:%d' % e.lex_position); sys.exit(0)\n"
                                          "sys.stdout.write(json.dumps(r,indent=4,ensure_ascii=False)+'\\n')\n");
    return test::runProcess(QStringLiteral("python3"), {QStringLiteral("-c"), script, expression}, document).out;
}

}  // namespace

class TestQueryBar : public test::WindowTestCase
{
    Q_OBJECT

public:
    TestQueryBar() : WindowTestCase(QStringLiteral("tst_querybar")) {}

private:
    QTemporaryDir m_dir;

    void prepare() override { QVERIFY(m_dir.isValid()); }
    void windowReady() override
    {
        test::addStaticProfile(m_window, QStringLiteral("Other"), testEndpoint(), test::kAccessKeyId, test::kSecretKey);
    }

    QueryBar *bar() const { return m_window->currentJobView()->queryBar(); }

    // Types into the bar as a person would, replacing what it held, then closes the
    // completer's list as Escape would.
    void type(const QString &text)
    {
        bar()->edit()->clear();
        for (const QChar c : text) {
            if (c.unicode() < 0x80)
                QTest::keyClick(bar()->edit(), c.toLatin1());
            else  // what an input method delivers
                QTest::sendKeyEvent(QTest::Click, bar()->edit(), Qt::Key_unknown, QString(c), Qt::NoModifier);
        }
        closeCompleter();
    }

    // Puts the expression in the bar at once, as pasting does.
    void paste(const QString &text)
    {
        bar()->edit()->selectAll();
        bar()->edit()->insert(text);
    }

    void closeCompleter()
    {
        bar()->completer()->popup()->hide();
        reactivate();
    }

    // The offscreen platform makes the completer's popup the active window, and leaves no
    // window active once the popup is gone, which a desktop does not; the window's
    // shortcuts need it active again.
    void reactivate()
    {
        QCoreApplication::processEvents();
        if (!m_window->isActiveWindow()) {
            m_window->activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(m_window));
        }
    }

    QByteArray shownDocument(bool withSecrets) const
    {
        const JobView *view = m_window->currentJobView();
        return output::JobExporter::json(view->document(), {withSecrets, view->maskedConfigurationKeys()});
    }

private Q_SLOTS:
    void init()
    {
        resetCase();
        QueryHistory::clear();
        reactivate();
        QVERIFY(fetchAsTyped(test::JobShape().jobId, test::kClientToken));
        reactivate();
        bar()->formatChooser()->setCurrentIndex(QueryBar::JsonFormat);
        bar()->showSecrets()->setChecked(false);
    }

    void shortcutFocusesTheBar()
    {
        QAction *query = action(QStringLiteral("actionQuery"));
        QVERIFY(query->isEnabled());
        const QString keys = query->shortcut().toString(QKeySequence::NativeText);
        QVERIFY(!keys.isEmpty());
        QVERIFY(bar()->edit()->placeholderText().contains(keys));
        QVERIFY(bar()->edit()->toolTip().contains(keys));
        // No other action of the window answers to the same keys.
        for (const QAction *other : m_window->findChildren<QAction *>()) {
            if (other != query)
                QVERIFY2(!other->shortcuts().contains(query->shortcut()), qPrintable(other->objectName()));
        }
        form()->jobIdEdit()->setFocus();
        QTest::keySequence(m_window, query->shortcut());
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(bar()->edit()));
    }

    void emptyBarShowsNothing()
    {
        QVERIFY(!bar()->resultArea()->isVisible());
        QVERIFY(!bar()->errorView()->isVisible());
        type(QStringLiteral("jobDetails.id"));
        QVERIFY(bar()->resultArea()->isVisible());
        type(QStringLiteral("   "));
        QVERIFY(!bar()->resultArea()->isVisible());
        QVERIFY(!bar()->errorView()->isVisible());
        QVERIFY(!bar()->expression());
        QCOMPARE(bar()->resultModel()->rowCount(), 0);
    }

    void liveResult_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::newRow("path") << QStringLiteral("jobDetails.data.pipelineContext.stage.name");
        QTest::newRow("projection") << QStringLiteral("jobDetails.data.inputArtifacts[*].location.s3Location");
        QTest::newRow("filter") << QStringLiteral("jobDetails.data.outputArtifacts[?name != 'x'].name | [0]");
        QTest::newRow("multiselect") << QStringLiteral("jobDetails.{id: id, provider: data.actionTypeId.provider}");
        QTest::newRow("functions") << QStringLiteral("sort(keys(jobDetails.data.actionConfiguration.configuration))");
        QTest::newRow("missing") << QStringLiteral("jobDetails.nothingHere");
    }

    // Each keystroke updates the result; the finished expression shows what python's jmespath gives.
    void liveResult()
    {
        QFETCH(QString, expression);
        type(expression);
        QVERIFY(bar()->expression());
        QVERIFY(!bar()->errorView()->isVisible());
        QVERIFY(bar()->resultArea()->isVisible());
        const QByteArray expected = pythonSearch(shownDocument(false), expression);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(bar()->resultText()->toPlainText().toUtf8(), expected);
        const auto parsed = nlohmann::ordered_json::parse(expected.toStdString());
        QCOMPARE(bar()->resultModel()->rowCount(), parsed.is_structured() ? int(parsed.size()) : 0);

        // The text jobdesk-cli would print for --output text, from the same result.
        bar()->formatChooser()->setCurrentIndex(QueryBar::TextFormat);
        QCOMPARE(bar()->resultText()->toPlainText().toUtf8(), output::writeText(parsed));
        bar()->formatChooser()->setCurrentIndex(QueryBar::JsonFormat);
        QCOMPARE(bar()->resultText()->toPlainText().toUtf8(), expected);
    }

    // A result the AWS CLI's text or table formatter cannot print: the window shows what
    // jobdesk-cli prints (the lines before the failure, or nothing) and says why it stops.
    void formatterFailureIsExplained()
    {
        const QString expression = QStringLiteral("[jobDetails.data.actionTypeId, jobDetails.id]");
        type(expression);
        QVERIFY(bar()->expression());
        const auto result = nlohmann::ordered_json::parse(pythonSearch(shownDocument(false), expression).toStdString());
        QVERIFY(!bar()->formatNote()->isVisible());

        bar()->formatChooser()->setCurrentIndex(QueryBar::TextFormat);
        std::string failedType;
        const QByteArray text = output::writeText(result, &failedType);
        QCOMPARE(failedType, std::string("str"));
        QCOMPARE(bar()->resultText()->toPlainText().toUtf8(), text);
        QVERIFY(bar()->formatNote()->isVisible());
        QVERIFY(!bar()->formatNote()->text().isEmpty());

        bar()->formatChooser()->setCurrentIndex(QueryBar::TableFormat);
        QVERIFY(!output::writeTable(result, {}).ok());
        QCOMPARE(bar()->resultText()->toPlainText(), QString());
        QVERIFY(bar()->formatNote()->isVisible());

        bar()->formatChooser()->setCurrentIndex(QueryBar::JsonFormat);
        QVERIFY(!bar()->formatNote()->isVisible());
        type(QStringLiteral("jobDetails.data.actionTypeId"));
        bar()->formatChooser()->setCurrentIndex(QueryBar::TableFormat);
        QVERIFY(!bar()->formatNote()->isVisible());
        QVERIFY(bar()->resultText()->toPlainText().contains(QLatin1String("AcmeCI")));
    }

    void syntaxErrorShowsACaret_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::newRow("double dot") << QStringLiteral("jobDetails..data");
        QTest::newRow("unclosed") << QStringLiteral("jobDetails.data.inputArtifacts[0");
        QTest::newRow("after wide text") << QStringLiteral("'日本語の値' | jobDetails.[");
        QTest::newRow("bad token") << QStringLiteral("jobDetails.id ^ 2");
    }

    // The caret sits under the code point python's jmespath names, even after wide characters.
    void syntaxErrorShowsACaret()
    {
        QFETCH(QString, expression);
        type(QStringLiteral("jobDetails.id"));
        const QString previous = bar()->resultText()->toPlainText();
        QVERIFY(!previous.isEmpty());

        // Typed, the expression's valid beginnings would each show a result: pasted, the
        // result shown before it stays.
        paste(expression);
        QVERIFY(!bar()->expression());
        QVERIFY(bar()->errorView()->isVisible());
        const auto compiled = query::Expression::compile(expression);
        QVERIFY(!compiled.ok());
        QCOMPARE(compiled.error().kind, query::QueryError::Kind::Syntax);
        const QByteArray reference = pythonSearch(shownDocument(false), expression);
        QVERIFY2(reference.startsWith("error:"), reference.constData());
        const int position = reference.mid(6).toInt();
        QCOMPARE(compiled.error().position, position);

        QCOMPARE(bar()->errorMessage()->text(), compiled.error().message);
        QVERIFY(!bar()->errorMessage()->text().isEmpty());
        const QStringList lines = bar()->errorCaret()->text().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0), expression);
        QVERIFY(lines.at(1).endsWith(QLatin1Char('^')));
        QCOMPARE(lines.at(1).trimmed(), QStringLiteral("^"));
        // Measured in the label's own font: the caret starts where the code point does.
        const QFontMetrics metrics(bar()->errorCaret()->font());
        const QString before =
            QString::fromUcs4(reinterpret_cast<const char32_t *>(expression.toUcs4().constData()), position);
        const int caretX = metrics.horizontalAdvance(lines.at(1).left(lines.at(1).size() - 1));
        QVERIFY2(qAbs(caretX - metrics.horizontalAdvance(before)) <= metrics.horizontalAdvance(QLatin1Char(' ')) / 2,
                 qPrintable(QStringLiteral("caret at %1 px, code point at %2 px")
                                .arg(caretX)
                                .arg(metrics.horizontalAdvance(before))));
        if (std::all_of(expression.cbegin(), expression.cend(), [](QChar c) { return c.unicode() < 0x80; }))
            QCOMPARE(lines.at(1).size() - 1, position);

        // The previous result stays until the expression is valid again.
        QVERIFY(bar()->resultArea()->isVisible());
        QCOMPARE(bar()->resultText()->toPlainText(), previous);
        type(QStringLiteral("jobDetails.data.actionTypeId.provider"));
        QVERIFY(!bar()->errorView()->isVisible());
        QCOMPARE(bar()->resultText()->toPlainText().toUtf8(),
                 pythonSearch(shownDocument(false), QStringLiteral("jobDetails.data.actionTypeId.provider")));
    }

    void longExpressionIsCutAroundTheError()
    {
        const QString expression = QStringLiteral("jobDetails.data.") + QStringLiteral("a.").repeated(100)
            + QStringLiteral(".b") + QStringLiteral(".c").repeated(100);
        type(QStringLiteral("jobDetails."));
        const int narrowest = m_window->minimumSizeHint().width();
        type(expression);
        const auto compiled = query::Expression::compile(expression);
        QVERIFY(!compiled.ok());
        const QStringList lines = bar()->errorCaret()->text().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(0).size() < expression.size());
        const int caret = int(lines.at(1).size()) - 1;
        // The code point under the caret is the one the error names.
        QCOMPARE(lines.at(0).at(caret), expression.at(compiled.error().position));
        // A long expression does not widen the window.
        QCOMPARE(m_window->minimumSizeHint().width(), narrowest);
    }

    void evaluationErrorShownTheSameWay()
    {
        type(QStringLiteral("jobDetails.id"));
        const QString previous = bar()->resultText()->toPlainText();
        const QString expression = QStringLiteral("abs(jobDetails.id)");
        paste(expression);
        const auto compiled = query::Expression::compile(expression);
        QVERIFY(compiled.ok());
        const auto searched =
            compiled.value().search(nlohmann::ordered_json::parse(shownDocument(false).toStdString()));
        QVERIFY(!searched.ok());
        QVERIFY(bar()->errorView()->isVisible());
        QVERIFY(!bar()->expression());
        QCOMPARE(bar()->errorMessage()->text(), searched.error().message);
        QCOMPARE(bar()->errorCaret()->isVisibleTo(bar()), searched.error().position >= 0);
        QCOMPARE(bar()->resultText()->toPlainText(), previous);
        QVERIFY(!action(QStringLiteral("actionExportQuery"))->isEnabled());
    }

    // While hidden, no path, projection or function reaches a secret; revealing shows them.
    void secretsMaskedUntilRevealed_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("secret");
        QTest::newRow("credential") << QStringLiteral("jobDetails.data.artifactCredentials.secretAccessKey")
                                    << kArtifactSecret;
        QTest::newRow("values") << QStringLiteral("values(jobDetails.data.artifactCredentials)") << kArtifactSecret;
        QTest::newRow("to_string") << QStringLiteral("to_string(@)") << kArtifactSecret;
        QTest::newRow("join") << QStringLiteral("join(',', values(jobDetails.data.artifactCredentials))")
                              << kArtifactSecret;
        QTest::newRow("masked configuration")
            << QStringLiteral("jobDetails.data.actionConfiguration.configuration.ApiToken") << kApiToken;
        QTest::newRow("length") << QStringLiteral("length(jobDetails.data.artifactCredentials.secretAccessKey)")
                                << QString::number(kArtifactSecret.size());
    }

    void secretsMaskedUntilRevealed()
    {
        QFETCH(QString, expression);
        QFETCH(QString, secret);
        QVERIFY(m_window->currentJobView()->maskedConfigurationKeys().contains(QStringLiteral("ApiToken")));
        type(expression);
        QVERIFY(bar()->expression());
        QVERIFY(!bar()->resultText()->toPlainText().contains(secret));
        QCOMPARE(bar()->resultText()->toPlainText().toUtf8(), pythonSearch(shownDocument(false), expression));
        bar()->formatChooser()->setCurrentIndex(QueryBar::TableFormat);
        QVERIFY(!bar()->resultText()->toPlainText().contains(secret));
        bar()->formatChooser()->setCurrentIndex(QueryBar::JsonFormat);

        bar()->showSecrets()->setChecked(true);
        QVERIFY(bar()->resultText()->toPlainText().contains(secret));
        QCOMPARE(bar()->resultText()->toPlainText().toUtf8(), pythonSearch(shownDocument(true), expression));
        bar()->showSecrets()->setChecked(false);
        QVERIFY(!bar()->resultText()->toPlainText().contains(secret));
    }

    // The completer offers the job's own paths (each of them finds something) and member names.
    void completerOffersTheJobsPaths()
    {
        const QStringList entries = static_cast<QStringListModel *>(bar()->completer()->model())->stringList();
        QVERIFY(entries.contains(QStringLiteral("jobDetails.data.inputArtifacts[*].location.s3Location.bucketName")));
        QVERIFY(entries.contains(QStringLiteral("jobDetails.data.actionConfiguration.configuration.Setting1")));
        QVERIFY(entries.contains(QStringLiteral("bucketName")));
        const auto document = nlohmann::ordered_json::parse(shownDocument(false).toStdString());
        int paths = 0;
        for (const QString &entry : entries) {
            if (!entry.startsWith(QLatin1String("jobDetails")))
                continue;
            ++paths;
            const auto compiled = query::Expression::compile(entry);
            QVERIFY2(compiled.ok(), qPrintable(entry));
            const auto found = compiled.value().search(document);
            QVERIFY2(found.ok() && !found.value().is_null() && found.value() != nlohmann::ordered_json::array(),
                     qPrintable(entry));
        }
        QVERIFY(paths > 20);

        // Typing filters it: a part of a name finds the paths that hold it.
        bar()->edit()->clear();
        bar()->edit()->setFocus();
        QTest::keyClicks(bar()->edit(), QStringLiteral("bucketna"));
        QVERIFY(bar()->completer()->popup()->isVisible());
        QVERIFY(bar()->completer()->completionCount() >= 2);
        for (int i = 0; bar()->completer()->setCurrentRow(i); ++i)
            QVERIFY(bar()->completer()->currentCompletion().contains(QLatin1String("bucketName")));
        closeCompleter();
    }

    void recentExpressionsPerProfile()
    {
        // Not one of the job's paths, which every job's completer offers.
        const QString mine = QStringLiteral("jobDetails.data.inputArtifacts[*].name | [0]");
        // Return while the completer lists the paths the expression begins with.
        bar()->edit()->clear();
        QTest::keyClicks(bar()->edit(), QStringLiteral("jobDetails.data.inputArtifacts[*].name"));
        QVERIFY(bar()->completer()->popup()->isVisible());
        QTest::keyClick(bar()->edit(), Qt::Key_Return);
        closeCompleter();
        QCOMPARE(QueryHistory::expressions(QStringLiteral("Test")).value(0),
                 QStringLiteral("jobDetails.data.inputArtifacts[*].name"));
        type(mine);
        QTest::keyClick(bar()->edit(), Qt::Key_Return);
        QCOMPARE(QueryHistory::expressions(QStringLiteral("Test")).value(0), mine);
        QCOMPARE(static_cast<QStringListModel *>(bar()->completer()->model())->stringList().value(0), mine);

        // An expression holding a secret of the job is never remembered: a credential, a masked
        // value, or the client token typed as a literal.
        for (const QString &secret : {kArtifactSecret, kApiToken, test::kClientToken}) {
            type(QStringLiteral("jobDetails.id == '%1'").arg(secret));
            QVERIFY(bar()->expression());
            QVERIFY(!bar()->remember());
            QTest::keyClick(bar()->edit(), Qt::Key_Return);
        }
        QCOMPARE(QueryHistory::expressions(QStringLiteral("Test")),
                 QStringList({mine, QStringLiteral("jobDetails.data.inputArtifacts[*].name")}));
        QSettings().sync();
        QFile stored(QSettings().fileName());
        QVERIFY(stored.open(QIODevice::ReadOnly));
        const QByteArray settings = stored.readAll();
        QVERIFY(settings.contains("inputArtifacts"));
        for (const QString &secret : {kArtifactSecret, kApiToken, test::kClientToken}) {
            QVERIFY(!settings.contains(secret.toUtf8()));
            QVERIFY(!settings.contains(QByteArray(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2)));
        }

        // At most a few dozen, newest first, each once.
        for (int i = 0; i < QueryHistory::kMaxEntries + 5; ++i) {
            type(QStringLiteral("jobDetails.data.actionConfiguration.configuration.Setting%1").arg(i));
            QVERIFY(bar()->remember());
        }
        type(mine);
        QVERIFY(bar()->remember());
        const QStringList recent = QueryHistory::expressions(QStringLiteral("Test"));
        QCOMPARE(recent.size(), QueryHistory::kMaxEntries);
        QCOMPARE(recent.first(), mine);
        QCOMPARE(recent.count(mine), 1);

        // Another profile's job has its own list.
        QVERIFY(fetchAsTyped(test::JobShape().jobId, test::kClientToken, QStringLiteral("Other")));
        QCOMPARE(m_window->currentJobView()->document().lookup().profile, QStringLiteral("Other"));
        const QStringList others = static_cast<QStringListModel *>(bar()->completer()->model())->stringList();
        QVERIFY(!others.contains(mine));
        QVERIFY(QueryHistory::expressions(QStringLiteral("Other")).isEmpty());
    }

    // The copied command holds --query with the expression quoted for a shell; the AWS CLI
    // itself runs it and prints what the bar shows.
    void copiedCommandRunsTheSameQuery()
    {
        action(QStringLiteral("actionCopyCli"))->trigger();
        QVERIFY(!QGuiApplication::clipboard()->text().contains(QLatin1String("--query")));

        const QString expression = QStringLiteral("jobDetails.data.inputArtifacts[?name != 'it\\'s'].{n: name, "
                                                  "b: location.s3Location.bucketName} | [0]");
        type(expression);
        QVERIFY(bar()->expression());
        action(QStringLiteral("actionCopyCli"))->trigger();
        const QString command = QGuiApplication::clipboard()->text();
        QVERIFY(command.contains(QLatin1String(" --query '")));
        QVERIFY(!Clipboard::isConcealed(QGuiApplication::clipboard()->mimeData()));
        QCOMPARE(QueryHistory::expressions(QStringLiteral("Test")).value(0), expression);

        // sh reads the words back: the last is the expression, unchanged.
        const test::ProcessOutput words =
            test::runProcess(QStringLiteral("sh"),
                             {QStringLiteral("-c"),
                              QStringLiteral("eval \"set -- $1\"; for w; do last=$w; done; "
                                             "printf %s \"$last\""),
                              QStringLiteral("sh"), command});
        QCOMPARE(QString::fromUtf8(words.out), expression);

        const QStringList clis = test::awsClis();
        QVERIFY(!clis.isEmpty());
        QString runnable = command;
        runnable.replace(QStringLiteral("'<client-token>'"), test::kClientToken);
        runnable.replace(0, 3, QStringLiteral("\"$0\""));
        const test::ProcessOutput out =
            test::runProcessServing(QStringLiteral("sh"), {QStringLiteral("-c"), runnable, clis.constFirst()},
                                    test::referenceEnvironment(test::kAccessKeyId, test::kSecretKey));
        QVERIFY2(out.exitCode == 0, out.err.constData());
        QCOMPARE(bar()->resultText()->toPlainText().toUtf8(), out.out);

        // A secret typed into the query: the command is copied, marked for clipboard managers.
        type(QStringLiteral("jobDetails.id == '%1'").arg(test::kClientToken));
        action(QStringLiteral("actionCopyCli"))->trigger();
        QVERIFY(Clipboard::isConcealed(QGuiApplication::clipboard()->mimeData()));
    }

    void exportTheResult()
    {
        QVERIFY(!action(QStringLiteral("actionExportQuery"))->isEnabled());
        type(QStringLiteral("jobDetails.data.[artifactCredentials, actionConfiguration.configuration]"));
        QVERIFY(action(QStringLiteral("actionExportQuery"))->isEnabled());
        QVERIFY(action(QStringLiteral("actionExportQuerySecrets"))->isEnabled());

        const QString path = m_dir.filePath(QStringLiteral("query.json"));
        m_window->dialogHooks().saveFileName = [&](const QString &suggested) {
            return suggested.endsWith(QLatin1String(".json")) ? path : QString();
        };
        bool asked = false;
        m_window->dialogHooks().confirm = [&](const QString &) {
            asked = true;
            return false;
        };
        // Even with the secrets shown in the bar, the plain export leaves them out.
        bar()->showSecrets()->setChecked(true);
        action(QStringLiteral("actionExportQuery"))->trigger();
        QVERIFY(!asked);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray exported = file.readAll();
        file.close();
        QCOMPARE(exported, pythonSearch(shownDocument(false), bar()->edit()->text()));
        QVERIFY(!exported.contains(kArtifactSecret.toUtf8()));
        QVERIFY(!exported.contains(kApiToken.toUtf8()));

        const QString withSecrets = m_dir.filePath(QStringLiteral("query-secrets.json"));
        m_window->dialogHooks().saveFileName = [&](const QString &) { return withSecrets; };
        action(QStringLiteral("actionExportQuerySecrets"))->trigger();
        QVERIFY(asked);
        QVERIFY(!QFile::exists(withSecrets));
        m_window->dialogHooks().confirm = [](const QString &) { return true; };
        action(QStringLiteral("actionExportQuerySecrets"))->trigger();
        QFile secrets(withSecrets);
        QVERIFY(secrets.open(QIODevice::ReadOnly));
        const QByteArray secretBytes = secrets.readAll();
        QCOMPARE(secretBytes, pythonSearch(shownDocument(true), bar()->edit()->text()));
        QVERIFY(secretBytes.contains(kArtifactSecret.toUtf8()));
        QVERIFY(platform::FileSecurity::isOwnerOnly(withSecrets));
    }

    // Closing the tab scrubs the result's texts as it does the other tabs'.
    void closingTheTabWipesTheResult()
    {
        type(QStringLiteral("jobDetails.data.artifactCredentials"));
        bar()->showSecrets()->setChecked(true);
        QVERIFY(bar()->resultText()->toPlainText().contains(kArtifactSecret));
        QVERIFY(bar()->resultModel()->rowCount() > 0);
        JobView *view = m_window->currentJobView();
        int left = -1;
        QString text;
        int rows = -1;
        connect(view, &JobView::secretsWiped, this, [&](int unscrubbed) {
            left = unscrubbed;
            text = view->queryBar()->resultText()->toPlainText() + view->queryBar()->edit()->text();
            rows = view->queryBar()->resultModel()->rowCount();
        });
        m_window->closeDocument(0);
        QCOMPARE(left, 0);
        QCOMPARE(text, QString());
        QCOMPARE(rows, 0);
    }
};

QTEST_MAIN(TestQueryBar)
#include "tst_querybar.moc"
