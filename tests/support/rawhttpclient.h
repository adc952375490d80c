#pragma once

// A deliberately low-level HTTP client for the fake endpoint's tests: it
// writes exactly the bytes it is given (so requests can be split, pipelined,
// chunked or tampered with) and waits on the event loop, never blocking it,
// because the fake runs in the same thread.

#include "core/aws/sigv4signer.h"
#include "core/clock.h"

#include <QByteArray>
#include <QList>
#include <QTcpSocket>
#include <QTest>

#include <optional>
#include <utility>

namespace jobdesk::test {

struct RawResponse
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// Parses one response with a Content-Length body from the front of buffer.
// Returns the bytes it used, or -1 while incomplete.
inline qsizetype parseResponse(const QByteArray &buffer, RawResponse &out)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return -1;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    RawResponse r;
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2)
        return -1;
    r.status = statusLine[1].toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        r.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
    }
    const qsizetype length = r.header("content-length").toLongLong();
    if (buffer.size() < end + 4 + length)
        return -1;
    r.body = buffer.mid(end + 4, length);
    out = r;
    return end + 4 + length;
}

class RawHttpClient
{
public:
    bool connectTo(quint16 port)
    {
        m_port = port;
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { m_received += m_socket.readAll(); });
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 10000);
    }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }

    // The next complete response; nullopt if the connection closed (or 20 s passed) first.
    std::optional<RawResponse> next(int timeoutMs = 20000)
    {
        RawResponse response;
        qsizetype used = -1;
        const bool settled = QTest::qWaitFor(
            [&] {
                used = parseResponse(m_received, response);
                return used >= 0 || m_socket.state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
        if (settled && used < 0) {  // closed: take what arrived with the close
            m_received += m_socket.readAll();
            used = parseResponse(m_received, response);
        }
        if (used < 0)
            return std::nullopt;
        m_received.remove(0, used);
        return response;
    }

    bool waitForDisconnect(int timeoutMs = 20000)
    {
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    const QByteArray &received() const { return m_received; }
    QTcpSocket &socket() { return m_socket; }
    quint16 port() const { return m_port; }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
    quint16 m_port = 0;
};

// A signed CodePipeline request as bytes, the way an SDK would put it on the wire.
struct SignedRequestSpec
{
    SignedRequestSpec(const QString &op, const QByteArray &requestBody = "{}") : operation(op), body(requestBody) {}

    QString operation;
    QByteArray body;
    QString accessKeyId = QStringLiteral("AKIDEXAMPLE");
    QString secretKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    QString sessionToken;
    QString region = QStringLiteral("us-east-1");
    QDateTime signedAt;                                     // invalid: now
    QList<std::pair<QByteArray, QByteArray>> extraHeaders;  // added before signing
    bool chunked = false;
};

inline QByteArray signedRequest(quint16 port, const SignedRequestSpec &spec)
{
    aws::SignableRequest request;
    request.method = "POST";
    request.path = "/";
    request.headers = {{"Host", "127.0.0.1:" + QByteArray::number(port)},
                       {"Content-Type", "application/x-amz-json-1.1"},
                       {"X-Amz-Target", "CodePipeline_20150709." + spec.operation.toUtf8()}};
    request.headers += spec.extraHeaders;
    request.body = spec.body;
    aws::Credentials credentials;
    credentials.accessKeyId = spec.accessKeyId;
    credentials.secretAccessKey = Secret(spec.secretKey);
    credentials.sessionToken = Secret(spec.sessionToken);
    FixedClock clock(spec.signedAt.isValid() ? spec.signedAt : QDateTime::currentDateTimeUtc());
    aws::SigV4Signer signer(clock);
    signer.signHeaders(request, credentials, spec.region, QStringLiteral("codepipeline"));

    QByteArray bytes = "POST / HTTP/1.1\r\n";
    for (const auto &[name, value] : std::as_const(request.headers))
        bytes += name + ": " + value + "\r\n";
    if (spec.chunked) {
        bytes += "Transfer-Encoding: chunked\r\n\r\n";
        // Uneven pieces, so that chunk boundaries fall inside JSON tokens.
        for (qsizetype at = 0; at < spec.body.size();) {
            const qsizetype piece = qMin<qsizetype>(1 + at % 7, spec.body.size() - at);
            bytes += QByteArray::number(piece, 16) + "\r\n" + spec.body.mid(at, piece) + "\r\n";
            at += piece;
        }
        bytes += "0\r\n\r\n";
    } else {
        bytes += "Content-Length: " + QByteArray::number(spec.body.size()) + "\r\n\r\n" + spec.body;
    }
    return bytes;
}

}  // namespace jobdesk::test
