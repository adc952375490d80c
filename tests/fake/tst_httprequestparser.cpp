// The fake endpoint's HTTP/1.1 request parser: framing, partial input and
// the limits that keep a broken client from growing its buffers.

#include "fake/httprequestparser.h"

#include <QTest>

using namespace jobdesk::fake;

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void pipelined();
    void failures_data();
    void failures();
    void keepAlive_data();
    void keepAlive();
};

void TestHttpRequestParser::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("no body") << QByteArray("GET /a?b=c HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray();
    QTest::newRow("content-length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello")
                                    << QByteArray("hello");
    QTest::newRow("chunked") << QByteArray(
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nhel\r\n2\r\nlo\r\n0\r\nTrailer: x\r\n\r\n")
                             << QByteArray("hello");
    QTest::newRow("leading empty line") << QByteArray("\r\nPOST / HTTP/1.0\r\ncontent-length: 2\r\n\r\n{}")
                                        << QByteArray("{}");
}

void TestHttpRequestParser::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, body);
    // Whole, then one byte at a time: the result must not depend on how bytes arrive.
    for (const bool bytewise : {false, true}) {
        HttpRequestParser parser(1024, 1024);
        HttpRequestParser::State state = HttpRequestParser::State::NeedMore;
        if (bytewise) {
            for (qsizetype i = 0; i < input.size(); ++i) {
                QCOMPARE(state, HttpRequestParser::State::NeedMore);
                parser.append(input.mid(i, 1));
                state = parser.parse();
            }
        } else {
            parser.append(input);
            state = parser.parse();
        }
        QCOMPARE(state, HttpRequestParser::State::Complete);
        const HttpRequest request = parser.takeRequest();
        QCOMPARE(request.body, body);
        QVERIFY(!request.method.isEmpty());
        QCOMPARE(parser.bufferedBytes(), 0);
    }
}

void TestHttpRequestParser::pipelined()
{
    HttpRequestParser parser(1024, 1024);
    parser.append("GET /one?x=1 HTTP/1.1\r\nX-A: 1\r\n\r\nPOST /two HTTP/1.1\r\nContent-Length: 1\r\n\r\nZ");
    QCOMPARE(parser.parse(), HttpRequestParser::State::Complete);
    const HttpRequest one = parser.takeRequest();
    QCOMPARE(one.path(), QByteArray("/one"));
    QCOMPARE(one.query(), QByteArray("x=1"));
    QCOMPARE(one.header("x-a"), QByteArray("1"));
    QCOMPARE(parser.parse(), HttpRequestParser::State::Complete);
    const HttpRequest two = parser.takeRequest();
    QCOMPARE(two.method, QByteArray("POST"));
    QCOMPARE(two.body, QByteArray("Z"));
    QCOMPARE(parser.parse(), HttpRequestParser::State::NeedMore);
}

void TestHttpRequestParser::failures_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");
    QTest::newRow("header too large") << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(2000, 'a')) << 400;
    QTest::newRow("body too large") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1025\r\n\r\n") << 413;
    QTest::newRow("chunks too large") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n200\r\n"
                                                    + QByteArray(512, 'a') + "\r\n201\r\n")
                                      << 413;
    QTest::newRow("conflicting lengths") << QByteArray(
        "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
                                         << 400;
    QTest::newRow("length overflow") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n")
                                     << 400;
    QTest::newRow("gzip encoding") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
    QTest::newRow("HTTP/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
    QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n") << 400;
    QTest::newRow("chunk without CRLF") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab")
                                        << 400;
}

void TestHttpRequestParser::failures()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    HttpRequestParser parser(1024, 1024);
    parser.append(input);
    QCOMPARE(parser.parse(), HttpRequestParser::State::Failed);
    QCOMPARE(parser.errorStatus(), status);
    QVERIFY(!parser.errorMessage().isEmpty());
}

void TestHttpRequestParser::keepAlive_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\n\r\n") << true;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n") << false;
    QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << true;
}

void TestHttpRequestParser::keepAlive()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, keepAlive);
    HttpRequestParser parser(1024, 1024);
    parser.append(input);
    QCOMPARE(parser.parse(), HttpRequestParser::State::Complete);
    QCOMPARE(parser.takeRequest().keepAlive(), keepAlive);
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
