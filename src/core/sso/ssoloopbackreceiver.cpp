#include "core/sso/ssoloopbackreceiver.h"

#include "core/aws/sigv4signer.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

namespace jobdesk::sso {

namespace {

constexpr qsizetype kMaxRequestBytes = qsizetype(16) * 1024;
constexpr char kCallbackPath[] = "/oauth/callback";

}  // namespace

SsoLoopbackReceiver::SsoLoopbackReceiver(QString expectedState, QObject *parent)
    : QObject(parent), m_expectedState(std::move(expectedState)), m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            // Not the server's child: the last page must reach the browser even when the
            // sign-in ends (and this listener goes) the moment it is answered. The
            // application's, so that a program ending at once still closes it.
            socket->setParent(QCoreApplication::instance());
            m_buffers.insert(socket, QByteArray());
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] { m_buffers.remove(socket); });
        }
    });
}

SsoLoopbackReceiver::~SsoLoopbackReceiver()
{
    // Connections that were never answered are dropped; answered ones finish on their own.
    for (auto it = m_buffers.cbegin(); it != m_buffers.cend(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
    }
}

bool SsoLoopbackReceiver::listen()
{
    if (m_server->listen(QHostAddress::LocalHost, 0))
        return true;
    m_errorString = tr("Could not listen on 127.0.0.1 for the browser's answer: %1").arg(m_server->errorString());
    return false;
}

QString SsoLoopbackReceiver::redirectUri() const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->serverPort()).arg(QLatin1String(kCallbackPath));
}

QString SsoLoopbackReceiver::registeredRedirectUri()
{
    return QStringLiteral("http://127.0.0.1%1").arg(QLatin1String(kCallbackPath));
}

void SsoLoopbackReceiver::close()
{
    m_server->close();
}

void SsoLoopbackReceiver::reply(QTcpSocket *socket, int status, const QString &message)
{
    const QByteArray body = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>JobDesk</title></head><body><p>"
        + message.toHtmlEscaped().toUtf8() + "</p></body></html>";
    const QByteArray reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Bad Request";
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                  + "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    m_buffers.remove(socket);
    socket->disconnect(this);
    socket->disconnectFromHost();
}

void SsoLoopbackReceiver::onReadyRead(QTcpSocket *socket)
{
    const auto entry = m_buffers.find(socket);
    if (entry == m_buffers.end())
        return;
    QByteArray &buffer = *entry;
    buffer += socket->readAll();
    if (buffer.size() > kMaxRequestBytes) {
        reply(socket, 400, tr("The request is too large."));
        return;
    }
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || requestLine.at(0) != "GET") {
        reply(socket, 400, tr("JobDesk only expects the browser's sign-in answer here."));
        return;
    }
    const QUrl target(QString::fromLatin1(requestLine.at(1)), QUrl::StrictMode);
    if (target.path() != QLatin1String(kCallbackPath)) {
        reply(socket, 404, tr("JobDesk only expects the browser's sign-in answer here."));
        return;
    }
    if (m_done) {
        reply(socket, 400, tr("This sign-in has already been answered."));
        return;
    }
    const QUrlQuery query(target);
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (state.isEmpty() || !aws::SigV4Signer::signaturesEqual(state.toUtf8(), m_expectedState.toUtf8())) {
        reply(socket, 400,
              tr("This answer does not belong to the sign-in JobDesk started, so it was refused. "
                 "Sign in from JobDesk again."));
        Q_EMIT refused(tr("The answer's state does not match this sign-in."));
        return;
    }
    const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    if (!error.isEmpty()) {
        m_done = true;
        reply(socket, 200, tr("The sign-in was not completed. You can close this page."));
        Q_EMIT errorReceived(error, query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded));
        return;
    }
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (code.isEmpty()) {
        reply(socket, 400, tr("The answer holds no authorization code."));
        Q_EMIT refused(tr("The answer holds no authorization code."));
        return;
    }
    m_done = true;
    reply(socket, 200, tr("You are signed in to JobDesk. You can close this page."));
    Q_EMIT codeReceived(Secret(code));
}

}  // namespace jobdesk::sso
