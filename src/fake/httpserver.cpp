#include "fake/httpserver.h"

#include "core/platform/socketoptions.h"

#include <QPointer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <optional>

namespace jobdesk::fake {

namespace {

// A streamed body is read in pieces of this size, and only while fewer than
// kHighWaterBytes wait in the socket's buffer: memory stays small whatever the size.
constexpr qint64 kPieceBytes = 64 * 1024;
constexpr qint64 kHighWaterBytes = 256 * 1024;
constexpr int kPaceMs = 100;

// Closing with a zero linger time makes the kernel send RST instead of FIN.
void resetConnection(QTcpSocket *socket)
{
    socket->flush();
    platform::SocketOptions::resetOnClose(socket->socketDescriptor());
    socket->abort();
}

}  // namespace

class HttpServer::Listener : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

    bool m_tls = false;
    QSslCertificate m_certificate;
    QSslKey m_key;

protected:
    void incomingConnection(qintptr handle) override
    {
        if (!m_tls) {
            QTcpServer::incomingConnection(handle);
            return;
        }
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(handle)) {
            delete socket;
            return;
        }
        socket->setLocalCertificate(m_certificate);
        socket->setPrivateKey(m_key);
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        socket->startServerEncryption();
        addPendingConnection(socket);
    }
};

struct HttpServer::Connection
{
    Connection(QTcpSocket *s, qsizetype maxHeader, qsizetype maxBody) : socket(s), parser(maxHeader, maxBody) {}
    QPointer<QTcpSocket> socket;
    HttpRequestParser parser;
    bool busy = false;  // an answer is pending (delayed or never coming)
    bool closing = false;

    // The body being streamed, if any.
    struct Stream
    {
        std::shared_ptr<QIODevice> device;
        qint64 left = 0;
        qint64 bytesPerSecond = 0;
        qint64 budget = 0;    // bytes that may go out before the next pacing tick
        bool pacing = false;  // a tick is due
        HttpResponse::After after = HttpResponse::After::KeepAlive;
        std::function<void()> sent;
    };
    std::optional<Stream> stream;
};

HttpServer::HttpServer(QObject *parent) : QObject(parent), m_listener(new Listener(this))
{
    connect(m_listener, &QTcpServer::newConnection, this, [this] { accept(); });
}

HttpServer::~HttpServer()
{
    // Sockets are children of the listener; drop our handlers before they go.
    for (auto it = m_open.cbegin(); it != m_open.cend(); ++it)
        it.key()->disconnect(this);
    m_open.clear();
}

bool HttpServer::listen(quint16 port)
{
    return m_listener->listen(QHostAddress::LocalHost, port);
}

void HttpServer::close()
{
    m_listener->close();
}

bool HttpServer::isListening() const
{
    return m_listener->isListening();
}

quint16 HttpServer::port() const
{
    return m_listener->serverPort();
}

QUrl HttpServer::url() const
{
    QUrl u;
    u.setScheme(m_listener->m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(port());
    return u;
}

QString HttpServer::errorString() const
{
    return m_listener->errorString();
}

void HttpServer::enableTls(const QSslCertificate &certificate, const QSslKey &key)
{
    m_listener->m_tls = true;
    m_listener->m_certificate = certificate;
    m_listener->m_key = key;
}

bool HttpServer::tlsEnabled() const
{
    return m_listener->m_tls;
}

void HttpServer::setLimits(qsizetype maxHeaderBytes, qsizetype maxBodyBytes)
{
    m_maxHeaderBytes = maxHeaderBytes;
    m_maxBodyBytes = maxBodyBytes;
}

void HttpServer::accept()
{
    while (QTcpSocket *socket = m_listener->nextPendingConnection()) {
        ++m_connections;
        auto connection = std::make_shared<Connection>(socket, m_maxHeaderBytes, m_maxBodyBytes);
        connection->parser.setMaxUploadBytes(m_maxUploadBytes);
        m_open.insert(socket, connection);
        connect(socket, &QTcpSocket::readyRead, this, [this, connection] { readFrom(connection); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, connection] {
            if (connection->stream && !connection->stream->pacing)
                pump(connection);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_open.remove(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            readFrom(connection);
    }
}

void HttpServer::readFrom(const std::shared_ptr<Connection> &connection)
{
    if (!connection->socket)
        return;
    connection->parser.append(connection->socket->readAll());
    if (connection->busy && connection->parser.bufferedBytes() > m_maxHeaderBytes + m_maxBodyBytes) {
        // A client that keeps sending while its earlier request waits gets cut off, not buffered forever.
        connection->socket->abort();
        return;
    }
    process(connection);
}

void HttpServer::process(const std::shared_ptr<Connection> &connection)
{
    while (connection->socket && !connection->busy && !connection->closing) {
        switch (connection->parser.parse()) {
        case HttpRequestParser::State::NeedMore:
            if (connection->parser.wantsContinue()) {
                connection->parser.acknowledgeContinue();
                connection->socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
            return;
        case HttpRequestParser::State::Failed:
            respond(connection, m_onMalformed(connection->parser.errorStatus(), connection->parser.errorMessage()));
            return;
        case HttpRequestParser::State::Complete:
            respond(connection, m_onRequest(connection->parser.takeRequest()));
            break;
        }
    }
}

void HttpServer::respond(const std::shared_ptr<Connection> &connection, const HttpResponse &response)
{
    connection->busy = true;
    if (response.never) {
        if (response.sent)
            response.sent();
        return;
    }
    if (response.delayMs > 0 && connection->socket) {
        QTimer::singleShot(response.delayMs, connection->socket.data(),
                           [this, connection, response] { deliver(connection, response, true); });
        return;
    }
    deliver(connection, response, false);
}

void HttpServer::deliver(const std::shared_ptr<Connection> &connection, const HttpResponse &response, bool resume)
{
    QTcpSocket *socket = connection->socket;
    if (!socket)
        return;
    HttpResponse::Wire wire = response.render();
    socket->write(wire.bytes);
    if (wire.stream) {
        Connection::Stream stream;
        stream.device = std::move(wire.stream);
        stream.left = wire.streamLength;
        stream.bytesPerSecond = wire.bytesPerSecond;
        stream.budget = qMax<qint64>(1, wire.bytesPerSecond * kPaceMs / 1000);
        stream.after = wire.after;
        stream.sent = response.sent;
        connection->stream = std::move(stream);
        pump(connection);  // goes on as bytesWritten and the pacing ticks come
        return;
    }
    finishAnswer(connection, wire.after, response.sent, resume);
}

void HttpServer::pump(const std::shared_ptr<Connection> &connection)
{
    QTcpSocket *socket = connection->socket;
    if (!socket || !connection->stream)
        return;
    Connection::Stream &stream = *connection->stream;
    while (stream.left > 0 && socket->bytesToWrite() < kHighWaterBytes) {
        qint64 want = qMin(stream.left, kPieceBytes);
        if (stream.bytesPerSecond > 0)
            want = qMin(want, stream.budget);
        if (want <= 0)
            break;
        const QByteArray piece = stream.device->read(want);
        if (piece.isEmpty()) {
            // The file ended or failed early: the client must not take the short body for whole.
            stream.left = 0;
            stream.after = HttpResponse::After::Reset;
            break;
        }
        socket->write(piece);
        stream.left -= piece.size();
        if (stream.bytesPerSecond > 0)
            stream.budget -= piece.size();
    }
    if (stream.left > 0) {
        if (stream.bytesPerSecond > 0 && stream.budget <= 0 && !stream.pacing) {
            stream.pacing = true;
            QTimer::singleShot(kPaceMs, socket, [this, connection] {
                if (!connection->stream)
                    return;
                connection->stream->pacing = false;
                connection->stream->budget = qMax<qint64>(1, connection->stream->bytesPerSecond * kPaceMs / 1000);
                pump(connection);
            });
        }
        return;
    }
    // A reset drops what the socket still holds: the bytes promised before it go out first.
    if (stream.after == HttpResponse::After::Reset && socket->bytesToWrite() > 0)
        return;
    const Connection::Stream done = std::move(stream);
    connection->stream.reset();
    // Later, not from inside the write that finished the body: process() may be below us.
    QTimer::singleShot(0, socket, [this, connection, done] { finishAnswer(connection, done.after, done.sent, true); });
}

void HttpServer::finishAnswer(const std::shared_ptr<Connection> &connection, HttpResponse::After after,
                              const std::function<void()> &sent, bool resume)
{
    QTcpSocket *socket = connection->socket;
    if (!socket)
        return;
    if (sent)
        sent();
    if (after == HttpResponse::After::Reset) {
        connection->closing = true;
        resetConnection(socket);  // abort() emits disconnected, which forgets the connection
        return;
    }

    connection->busy = false;
    if (after == HttpResponse::After::Close) {
        connection->closing = true;
        socket->disconnectFromHost();
        return;
    }
    // Requests that queued up behind a delayed answer; a synchronous answer
    // returns to the loop in process() instead of recursing.
    if (resume)
        process(connection);
}

}  // namespace jobdesk::fake
