#pragma once

// How HttpServer answers one request: the bytes to write, when, and what becomes of
// the connection afterwards. It carries no meaning of its own, so that faults can
// shape it freely.

#include <QByteArray>

#include <functional>
#include <memory>

class QIODevice;

namespace jobdesk::fake {

struct HttpResponse
{
    enum class After {
        KeepAlive,  // the connection takes the next request
        Close,      // an orderly close (FIN) once the bytes are out
        Reset,      // a TCP reset (RST), dropping whatever the peer has not read
    };

    struct Wire
    {
        QByteArray bytes;
        After after = After::KeepAlive;
        // Written after bytes, read in pieces as the socket drains, so that a large body is
        // never held whole; streamLength bytes of it (fewer when the device ends early, which
        // resets the connection). `after` applies once they are out.
        std::shared_ptr<QIODevice> stream;
        qint64 streamLength = 0;
        qint64 bytesPerSecond = 0;  // 0: as fast as the socket takes them
    };

    // Never answered: the connection hangs, and requests behind it on the same
    // connection wait forever too, as behind a stuck server.
    bool never = false;
    int delayMs = 0;  // the event loop keeps running meanwhile
    // Made when the answer is due rather than when the request came, so that a delayed
    // answer carries the Date of the moment it is sent.
    std::function<Wire()> render;
    // Called once the bytes went out (at once for a never-answered request).
    std::function<void()> sent;
};

}  // namespace jobdesk::fake
