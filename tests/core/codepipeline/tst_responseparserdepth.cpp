// ResponseParser regression case from fuzzing (tests/fuzz/fuzz_responseparser):
// an answer nested thousands of levels deep in a member the model does not know
// was kept in the raw document, and printing it overflowed the stack. Answers
// deeper than ResponseParser::maxNestingDepth are now refused as malformed.

#include "core/codepipeline/responseparser.h"

#include <QTest>

using namespace jobdesk;
using namespace jobdesk::codepipeline;

namespace {

QByteArray nested(int depth, const QByteArray &open = "[", const QByteArray &close = "]")
{
    return R"({"jobDetails":{"id":"x"},"unknownMember":)" + open.repeated(depth) + close.repeated(depth) + '}';
}

const Shape *detailsOutput()
{
    return ServiceModel::codePipeline().operation("GetThirdPartyJobDetails")->output;
}

}  // namespace

class TestResponseParserDepth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void depth_data();
    void depth();
};

void TestResponseParserDepth::depth_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("accepted");

    // The document's own object is level 1, so a member nested n deep makes n + 1 levels.
    const int limit = ResponseParser::maxNestingDepth;
    QTest::newRow("lists at the limit") << nested(limit - 1) << true;
    QTest::newRow("lists over the limit") << nested(limit) << false;
    QTest::newRow("objects over the limit") << nested(limit, R"({"a":)", "}") << false;
    QTest::newRow("found by the fuzzer: 3000 levels") << nested(3000) << false;
    QTest::newRow("brackets inside strings do not count")
        << QByteArray(R"({"jobDetails":{"id":")" + QByteArray(5000, '[') + R"(\"["}})") << true;
}

void TestResponseParserDepth::depth()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, accepted);

    const auto parsed = ResponseParser::parse(detailsOutput(), body);
    QCOMPARE(parsed.ok(), accepted);
    if (accepted) {
        // What the raw view and exports do with the document the service sent.
        QVERIFY(!parsed.value().wire.dump(2).empty());
    } else {
        QCOMPARE(parsed.error().code, QStringLiteral("MalformedResponse"));
        QVERIFY(parsed.error().message.contains(QString::number(ResponseParser::maxNestingDepth)));
    }
}

QTEST_GUILESS_MAIN(TestResponseParserDepth)
#include "tst_responseparserdepth.moc"
