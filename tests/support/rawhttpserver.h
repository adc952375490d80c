#pragma once

// A raw HTTP/1.1 server on 127.0.0.1 for client tests: it records every request exactly
// as its bytes arrived (request line, headers, body) and answers each through a handler,
// which can also drop the connection after its bytes or leave it open and silent.

#include "core/aws/sigv4signer.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

namespace jobdesk::test {

struct ReceivedRequest
{
    QByteArray requestLine;
    aws::HeaderList headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QByteArray method() const { return requestLine.split(' ').value(0); }
    QByteArray target() const { return requestLine.split(' ').value(1); }
};

// What the server does with one request: the bytes to write, and whether to close the
// connection after them (a drop) or to leave it open and silent (a stall).
struct Answer
{
    QByteArray bytes;
    bool close = false;
    bool stall = false;
};

// A response with a Content-Length; a contentLength larger than body announces bytes that
// never come (for a drop or a stall mid-body).
inline QByteArray response(int status, const QByteArray &reason, const aws::HeaderList &headers, const QByteArray &body,
                           qsizetype contentLength = -1)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(contentLength >= 0 ? contentLength : body.size()) + "\r\n\r\n";
    return out + body;
}

// Answers on the test's own thread, so the test waits on the event loop, never blocking.
class RawHttpServer : public QObject
{
public:
    std::function<Answer(const ReceivedRequest &, int index)> handler;
    QList<ReceivedRequest> requests;

    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
            }
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

private:
    void onData(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            ReceivedRequest request;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            request.requestLine = lines.first().trimmed();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                request.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
            }
            const qsizetype length = request.header("Content-Length").toLongLong();
            if (buffer.size() < end + 4 + length)
                return;
            request.body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            requests.append(request);
            const Answer answer = handler(request, int(requests.size() - 1));
            socket->write(answer.bytes);
            socket->flush();
            if (answer.close) {
                socket->disconnectFromHost();
                return;
            }
            if (answer.stall)
                return;
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

}  // namespace jobdesk::test
