// SsoLoopbackReceiver: what it answers a browser (or anything else) knocking on its
// port, and which answers it hands on: only a GET to the callback with this sign-in's state.

#include "core/sso/ssoloopbackreceiver.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::sso;

namespace {

const QString State = QStringLiteral("8b1c3a52-6a0e-4f2e-9f39-1d1c0a7e4b11");

// Sends raw bytes without blocking (the listener runs on this thread's event loop) and
// waits for the status line's code: 0 when nothing came back.
int send(const QString &redirectUri, const QByteArray &request)
{
    QTcpSocket socket;
    QByteArray answer;
    QObject::connect(&socket, &QTcpSocket::connected, &socket, [&] { socket.write(request); });
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(QUrl(redirectUri).port()));
    QElapsedTimer timer;
    timer.start();
    while (!answer.contains("\r\n") && socket.state() != QAbstractSocket::UnconnectedState && timer.elapsed() < 10000)
        QTest::qWait(10);
    const QList<QByteArray> status = answer.left(answer.indexOf("\r\n")).split(' ');
    return status.size() >= 2 ? status.at(1).toInt() : 0;
}

}  // namespace

class TestSsoLoopbackReceiver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void answers_data();
    void answers();
    void onlyOnce();
    void redirectUris();
};

void TestSsoLoopbackReceiver::answers_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("codes");
    QTest::addColumn<int>("errors");
    QTest::addColumn<int>("refusals");
    const QByteArray good = "GET /oauth/callback?code=abc&state=" + State.toLatin1() + " HTTP/1.1\r\nHost: x\r\n\r\n";
    QTest::newRow("the answer") << good << 200 << 1 << 0 << 0;
    QTest::newRow("wrong state") << QByteArray("GET /oauth/callback?code=abc&state=other HTTP/1.1\r\n\r\n") << 400 << 0
                                 << 0 << 1;
    QTest::newRow("no state") << QByteArray("GET /oauth/callback?code=abc HTTP/1.1\r\n\r\n") << 400 << 0 << 0 << 1;
    QTest::newRow("no code") << QByteArray("GET /oauth/callback?state=" + State.toLatin1() + " HTTP/1.1\r\n\r\n") << 400
                             << 0 << 0 << 1;
    QTest::newRow("denied") << QByteArray("GET /oauth/callback?error=access_denied&state=" + State.toLatin1()
                                          + " HTTP/1.1\r\n\r\n")
                            << 200 << 0 << 1 << 0;
    QTest::newRow("other path") << QByteArray("GET /favicon.ico HTTP/1.1\r\n\r\n") << 404 << 0 << 0 << 0;
    QTest::newRow("POST") << QByteArray("POST /oauth/callback HTTP/1.1\r\nContent-Length: 0\r\n\r\n") << 400 << 0 << 0
                          << 0;
    QTest::newRow("garbage") << QByteArray("\x16\x03\x01\x02\x05\r\n\r\n") << 400 << 0 << 0 << 0;
    QTest::newRow("too large") << QByteArray("GET /" + QByteArray(20000, 'a')) << 400 << 0 << 0 << 0;
}

void TestSsoLoopbackReceiver::answers()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(int, codes);
    QFETCH(int, errors);
    QFETCH(int, refusals);
    SsoLoopbackReceiver receiver(State);
    QVERIFY(receiver.listen());
    QSignalSpy code(&receiver, &SsoLoopbackReceiver::codeReceived);
    QSignalSpy error(&receiver, &SsoLoopbackReceiver::errorReceived);
    QSignalSpy refused(&receiver, &SsoLoopbackReceiver::refused);
    QCOMPARE(send(receiver.redirectUri(), request), status);
    QCOMPARE(code.size(), codes);
    QCOMPARE(error.size(), errors);
    QCOMPARE(refused.size(), refusals);
    if (codes)
        QCOMPARE(code.first().first().value<Secret>().revealText(), QStringLiteral("abc"));
}

void TestSsoLoopbackReceiver::onlyOnce()
{
    SsoLoopbackReceiver receiver(State);
    QVERIFY(receiver.listen());
    QSignalSpy code(&receiver, &SsoLoopbackReceiver::codeReceived);
    const QByteArray good = "GET /oauth/callback?code=abc&state=" + State.toLatin1() + " HTTP/1.1\r\n\r\n";
    QCOMPARE(send(receiver.redirectUri(), good), 200);
    QCOMPARE(send(receiver.redirectUri(), good), 400);
    QCOMPARE(code.size(), 1);
}

void TestSsoLoopbackReceiver::redirectUris()
{
    SsoLoopbackReceiver receiver(State);
    QVERIFY(receiver.listen());
    const QUrl url(receiver.redirectUri());
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(url.port() > 0);
    QCOMPARE(url.path(), QStringLiteral("/oauth/callback"));
    QCOMPARE(SsoLoopbackReceiver::registeredRedirectUri(), QStringLiteral("http://127.0.0.1/oauth/callback"));
}

QTEST_GUILESS_MAIN(TestSsoLoopbackReceiver)
#include "tst_ssoloopbackreceiver.moc"
