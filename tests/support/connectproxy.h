#pragma once

// A minimal HTTP CONNECT proxy on 127.0.0.1 for tests: records each CONNECT
// line and tunnels the bytes to the target, so HTTPS_PROXY handling can be
// checked against a real socket.

#include <QByteArray>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

namespace jobdesk::test {

class ConnectProxy : public QObject
{
public:
    ConnectProxy()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                serve(client);
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }
    const QList<QByteArray> &requests() const { return m_requests; }
    void clear() { m_requests.clear(); }

private:
    void serve(QTcpSocket *client)
    {
        client->setParent(this);
        auto *buffer = new QByteArray;
        connect(client, &QObject::destroyed, this, [buffer] { delete buffer; });
        connect(client, &QTcpSocket::readyRead, this, [this, client, buffer] {
            if (client->property("tunnel").toBool())
                return;
            buffer->append(client->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray line = buffer->left(buffer->indexOf("\r\n"));
            m_requests.append(line);
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() < 2 || parts.at(0) != "CONNECT") {
                client->write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                client->disconnectFromHost();
                return;
            }
            const QByteArray target = parts.at(1);
            const QByteArray rest = buffer->mid(end + 4);
            client->setProperty("tunnel", true);
            auto *upstream = new QTcpSocket(client);
            connect(upstream, &QTcpSocket::connected, this, [client, upstream, rest] {
                client->write("HTTP/1.1 200 Connection established\r\n\r\n");
                if (!rest.isEmpty())
                    upstream->write(rest);
                if (client->bytesAvailable() > 0)
                    upstream->write(client->readAll());
            });
            connect(upstream, &QTcpSocket::readyRead, this, [client, upstream] { client->write(upstream->readAll()); });
            connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] {
                if (upstream->state() == QAbstractSocket::ConnectedState)
                    upstream->write(client->readAll());
            });
            connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
            connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
            const qsizetype colon = target.lastIndexOf(':');
            upstream->connectToHost(QString::fromLatin1(target.left(colon)), quint16(target.mid(colon + 1).toUInt()));
        });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
    }

    QTcpServer m_server;
    QList<QByteArray> m_requests;
};

}  // namespace jobdesk::test
