// The shorthand parser against the AWS CLI v2's own (Debian's awscli, run by /usr/bin/python3;
// v1's messages lose their caret line to a bug): every input gives
// the same value, or the same error message.

#include "cli/shorthandparser.h"
#include "core/codepipeline/servicemodel.h"
#include "support/testenv.h"

#include <QTest>
#include <nlohmann/json.hpp>

using jobdesk::cli::ShorthandParser;
using Json = nlohmann::ordered_json;

namespace {

QStringList inputs()
{
    return {
        QStringLiteral("category=Build,owner=ThirdParty,provider=AcmeCI,version=1"),
        QStringLiteral("type=JobFailed,message=\"a,b\""),
        QStringLiteral("type=JobFailed,message=a,b"),
        QStringLiteral("type=JobFailed,message='it\\'s broken, really'"),
        QStringLiteral("a=b,c,d=e"),
        QStringLiteral("a = b , c = d"),
        QStringLiteral("a=[x,y],b={c=d,e=[f]}"),
        QStringLiteral("a={b={c=[1,2,{d=e}]}}"),
        QStringLiteral("a=b\\,c"),
        QStringLiteral("a=\"double \\\"quoted\\\" \\\\ text\""),
        QStringLiteral("a='x\\'"),
        QStringLiteral("a=héllo wörld,b=日本語"),
        QStringLiteral("a=🚀"),
        QStringLiteral("a="),
        QStringLiteral("a=,b=c"),
        QStringLiteral("key.with-odd_chars:/#=v"),
        QStringLiteral("summary=Build 42 passed,percentComplete=100"),
        QStringLiteral("a=b=c"),
        QStringLiteral("a=x y  "),
        QStringLiteral("category"),
        QStringLiteral("a=b,a=c"),
        QStringLiteral("a=[x,y"),
        QStringLiteral("a={b=c"),
        QStringLiteral("a=\"unterminated"),
        QStringLiteral("a=b,"),
        QStringLiteral("a=b c=d"),
        QStringLiteral("line1=a\nline2=b"),
        QStringLiteral("=b"),
        QStringLiteral("a={}"),
        QStringLiteral("a=[]"),
    };
}

}  // namespace

class TestShorthandParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameAsAwsCli_data();
    void sameAsAwsCli();
    void modelTypes();
    void refusesDeepNesting_data();
    void refusesDeepNesting();

private:
    Json m_reference;
};

void TestShorthandParser::initTestCase()
{
    Json list = Json::array();
    for (const QString &text : inputs())
        list.push_back(text.toStdString());
    const auto out = jobdesk::test::runProcess(QStringLiteral("/usr/bin/python3"),
                                               {QStringLiteral(JOBDESK_CLI_TEST_DIR "/awscli_shorthand.py")},
                                               QByteArray::fromStdString(list.dump()));
    QVERIFY2(out.exitCode == 0, out.err.constData());
    m_reference = Json::parse(out.out.toStdString());
    QCOMPARE(m_reference.size(), std::size_t(inputs().size()));
}

void TestShorthandParser::sameAsAwsCli_data()
{
    QTest::addColumn<int>("index");
    const QStringList all = inputs();
    for (int i = 0; i < all.size(); ++i)
        QTest::addRow("%d: %s", i, qPrintable(all.at(i).left(40))) << i;
}

void TestShorthandParser::sameAsAwsCli()
{
    QFETCH(int, index);
    const Json &expected = m_reference.at(std::size_t(index));
    const auto ours = ShorthandParser::parse(inputs().at(index));
    if (expected.contains("error")) {
        QVERIFY2(!ours.ok(), ours.ok() ? ours.value().dump().c_str() : "");
        QCOMPARE(ours.error().message, QString::fromStdString(expected["error"].get<std::string>()));
    } else {
        QVERIFY2(ours.ok(), qPrintable(ours.ok() ? QString() : ours.error().message));
        QCOMPARE(QString::fromStdString(ours.value().dump()), QString::fromStdString(expected["value"].dump()));
    }
}

void TestShorthandParser::modelTypes()
{
    const auto &model = jobdesk::codepipeline::ServiceModel::codePipeline();
    auto parsed = ShorthandParser::parse(QStringLiteral("summary=done,percentComplete=100"));
    QVERIFY(parsed.ok());
    Json value = parsed.value();
    QVERIFY(ShorthandParser::applyModel(model.shape("ExecutionDetails"), value).ok());
    QCOMPARE(QString::fromStdString(value.dump()), QStringLiteral("{\"summary\":\"done\",\"percentComplete\":100}"));

    Json bad = ShorthandParser::parse(QStringLiteral("percentComplete=lots")).value();
    const auto status = ShorthandParser::applyModel(model.shape("ExecutionDetails"), bad);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().message, QStringLiteral("invalid literal for int() with base 10: 'lots'"));

    // A scalar where the model has a list becomes a one-element list.
    Json artifacts = Json{{"inputArtifacts", "x"}};
    QVERIFY(ShorthandParser::applyModel(model.shape("ThirdPartyJobData"), artifacts).ok());
    QVERIFY(artifacts["inputArtifacts"].is_array());
}

void TestShorthandParser::refusesDeepNesting_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    QString braces = QStringLiteral("a=");
    QString lists = QStringLiteral("a=");
    for (int i = 0; i < 3000; ++i) {
        braces += QStringLiteral("{b=");
        lists += QLatin1Char('[');
    }
    QTest::newRow("3000 braces") << braces << false;
    QTest::newRow("3000 lists") << lists << false;
    QString shallow = QStringLiteral("a=");
    for (int i = 0; i < 10; ++i)
        shallow += QStringLiteral("{b=");
    shallow += QLatin1Char('1') + QString(10, QLatin1Char('}'));
    QTest::newRow("10 braces") << shallow << true;
}

void TestShorthandParser::refusesDeepNesting()
{
    // Found by fuzzing: thousands of levels used to overflow the stack.
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    const auto parsed = ShorthandParser::parse(text);
    QCOMPARE(parsed.ok(), accepted);
    if (!accepted)
        QVERIFY2(parsed.error().message.contains(QStringLiteral("nested")), qPrintable(parsed.error().message));
}

QTEST_GUILESS_MAIN(TestShorthandParser)
#include "tst_shorthandparser.moc"
