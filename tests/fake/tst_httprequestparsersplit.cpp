// HttpRequestParser regression cases from fuzzing (tests/fuzz/fuzz_httprequestparser):
// the same bytes must give the same requests and the same outcome whichever
// pieces the network delivers them in.

#include "fake/httprequestparser.h"

#include <QTest>

using jobdesk::fake::HttpRequest;
using jobdesk::fake::HttpRequestParser;

namespace {

struct Outcome
{
    QList<QByteArray> bodies;  // one per complete request
    HttpRequestParser::State last = HttpRequestParser::State::NeedMore;
    int errorStatus = 0;
};

Outcome feed(const QByteArray &stream, qsizetype piece)
{
    HttpRequestParser parser(32 * 1024, 1024 * 1024);
    Outcome outcome;
    for (qsizetype pos = 0; pos < stream.size(); pos += piece) {
        parser.append(stream.mid(pos, piece));
        for (;;) {
            outcome.last = parser.parse();
            if (outcome.last == HttpRequestParser::State::Complete) {
                outcome.bodies.append(parser.takeRequest().body);
                continue;
            }
            if (outcome.last == HttpRequestParser::State::Failed) {
                outcome.errorStatus = parser.errorStatus();
                return outcome;
            }
            break;
        }
    }
    return outcome;
}

QByteArray chunkedWithExtension(qsizetype lineLength)
{
    // "5;" plus padding makes a chunk-size line of exactly lineLength bytes.
    return "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;" + QByteArray(lineLength - 2, 'x')
        + "\r\nhello\r\n0\r\n\r\n";
}

}  // namespace

class TestHttpRequestParserSplit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameOutcomeInAnyPieces_data();
    void sameOutcomeInAnyPieces();
};

void TestHttpRequestParserSplit::sameOutcomeInAnyPieces_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("requests");
    QTest::addColumn<int>("errorStatus");

    // Found by the fuzzer: a chunk-size line over 1024 bytes was accepted when it
    // arrived in one read and refused with 400 when it arrived in pieces.
    QTest::newRow("chunk line of 1024 bytes") << chunkedWithExtension(1024) << 1 << 0;
    QTest::newRow("chunk line of 1025 bytes") << chunkedWithExtension(1025) << 0 << 400;
    QTest::newRow("chunk line of 1100 bytes") << chunkedWithExtension(1100) << 0 << 400;
    QTest::newRow("pipelined, chunked then fixed")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;a=b\r\nabc\r\n0\r\nX: y\r\n\r\n"
                      "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nok")
        << 2 << 0;
}

void TestHttpRequestParserSplit::sameOutcomeInAnyPieces()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, requests);
    QFETCH(int, errorStatus);

    const Outcome whole = feed(stream, stream.size());
    QCOMPARE(whole.bodies.size(), requests);
    QCOMPARE(whole.errorStatus, errorStatus);
    for (qsizetype piece = 1; piece <= 17; ++piece) {
        const Outcome pieces = feed(stream, piece);
        QCOMPARE(pieces.bodies, whole.bodies);
        QCOMPARE(int(pieces.last), int(whole.last));
        QCOMPARE(pieces.errorStatus, whole.errorStatus);
    }
}

QTEST_GUILESS_MAIN(TestHttpRequestParserSplit)
#include "tst_httprequestparsersplit.moc"
