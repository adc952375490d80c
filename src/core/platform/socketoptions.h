#pragma once

// Socket settings Qt's sockets do not offer.

#include <QtGlobal>

namespace jobdesk::platform {

class SocketOptions
{
public:
    // Makes closing the socket send RST instead of FIN (SO_LINGER on, timeout 0), as
    // a server that crashes mid-answer does; the fake endpoint uses it to break
    // connections on purpose. False when the system refused.
    static bool resetOnClose(qintptr descriptor);
};

}  // namespace jobdesk::platform
