#pragma once

// The browser's way back in the authorization-code sign-in: a tiny HTTP listener on
// 127.0.0.1 that takes the redirect to /oauth/callback, refuses one whose state is not
// the one this sign-in sent (a page from elsewhere trying to slip in its own code), and
// hands over the code or the error the authorize page sent.

#include "core/secret.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QObject>
#include <QString>

class QTcpServer;
class QTcpSocket;

namespace jobdesk::sso {

class SsoLoopbackReceiver : public QObject
{
    Q_OBJECT

public:
    explicit SsoLoopbackReceiver(QString expectedState, QObject *parent = nullptr);
    ~SsoLoopbackReceiver() override;

    // Listens on a free port of 127.0.0.1; false with errorString() when none is free.
    bool listen();
    QString errorString() const { return m_errorString; }
    // http://127.0.0.1:PORT/oauth/callback, what goes into the authorize URL.
    QString redirectUri() const;
    // What the client registers: the same without a port, which loopback redirects may vary.
    static QString registeredRedirectUri();
    void close();

Q_SIGNALS:
    void codeReceived(const jobdesk::Secret &code);
    // The authorize page sent the browser back with an error (access_denied and the like).
    void errorReceived(const QString &error, const QString &description);
    // A request came that does not belong to this sign-in; it got a 400 page and the
    // listener waits on.
    void refused(const QString &reason);

private:
    void onReadyRead(QTcpSocket *socket);
    void reply(QTcpSocket *socket, int status, const QString &message);

    QString m_expectedState;
    QTcpServer *m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QString m_errorString;
    bool m_done = false;
};

}  // namespace jobdesk::sso
