#include "core/platform/socketoptions.h"

#include <winsock2.h>

namespace jobdesk::platform {

bool SocketOptions::resetOnClose(qintptr descriptor)
{
    if (descriptor == -1)
        return false;
    linger option{};
    option.l_onoff = 1;
    option.l_linger = 0;
    return ::setsockopt(SOCKET(descriptor), SOL_SOCKET, SO_LINGER, reinterpret_cast<const char *>(&option),
                        int(sizeof option))
        == 0;
}

}  // namespace jobdesk::platform
