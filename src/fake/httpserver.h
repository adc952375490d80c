#pragma once

// A small HTTP/1.1 server on 127.0.0.1, optionally over TLS: it reads and parses
// requests (keep-alive, pipelining, 100-continue) and writes the answers its handler
// gives, in order, one connection at a time. It knows no AWS service.

#include "fake/httprequestparser.h"
#include "fake/httpresponse.h"

#include <QHash>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace jobdesk::fake {

class HttpServer : public QObject
{
    Q_OBJECT

public:
    using RequestHandler = std::function<HttpResponse(const HttpRequest &request)>;
    // For a request that could not be parsed; the connection closes after its answer.
    using MalformedHandler = std::function<HttpResponse(int status, const QString &message)>;

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void setRequestHandler(RequestHandler handler) { m_onRequest = std::move(handler); }
    void setMalformedHandler(MalformedHandler handler) { m_onMalformed = std::move(handler); }

    bool listen(quint16 port);
    void close();
    bool isListening() const;
    quint16 port() const;
    QUrl url() const;
    QString errorString() const;

    // Takes effect for connections accepted afterwards.
    void enableTls(const QSslCertificate &certificate, const QSslKey &key);
    bool tlsEnabled() const;

    // Takes effect for connections accepted afterwards.
    void setLimits(qsizetype maxHeaderBytes, qsizetype maxBodyBytes);
    // The body limit of PUT requests (S3 uploads, held in memory). Takes effect for
    // connections accepted afterwards.
    void setMaxUploadBytes(qsizetype bytes) { m_maxUploadBytes = bytes; }

    int connectionCount() const { return m_connections; }
    void resetConnectionCount() { m_connections = 0; }

private:
    struct Connection;
    class Listener;

    void accept();
    void readFrom(const std::shared_ptr<Connection> &connection);
    void process(const std::shared_ptr<Connection> &connection);
    void respond(const std::shared_ptr<Connection> &connection, const HttpResponse &response);
    void deliver(const std::shared_ptr<Connection> &connection, const HttpResponse &response, bool resume);
    // Writes the next pieces of a streamed body while the socket's buffer is low.
    void pump(const std::shared_ptr<Connection> &connection);
    void finishAnswer(const std::shared_ptr<Connection> &connection, HttpResponse::After after,
                      const std::function<void()> &sent, bool resume);

    Listener *m_listener;
    RequestHandler m_onRequest;
    MalformedHandler m_onMalformed;
    qsizetype m_maxHeaderBytes = 32 * 1024;
    qsizetype m_maxBodyBytes = 1024 * 1024;
    qsizetype m_maxUploadBytes = 64 * 1024 * 1024;
    int m_connections = 0;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_open;
};

}  // namespace jobdesk::fake
