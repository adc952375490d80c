#include "core/platform/socketoptions.h"

#include <sys/socket.h>

namespace jobdesk::platform {

bool SocketOptions::resetOnClose(qintptr descriptor)
{
    if (descriptor == -1)
        return false;
    linger option{};
    option.l_onoff = 1;
    option.l_linger = 0;
    return ::setsockopt(int(descriptor), SOL_SOCKET, SO_LINGER, &option, sizeof option) == 0;
}

}  // namespace jobdesk::platform
