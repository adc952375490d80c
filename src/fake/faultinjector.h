#pragma once

// Plays a FakeScript against a service: decides, one request at a time, whether it is
// throttled, fails, is answered by something other than the service, or is answered
// normally but broken on the wire, and writes the HTTP message that results.

#include "fake/fakereply.h"
#include "fake/fakescript.h"
#include "fake/httpresponse.h"

#include <QDateTime>

#include <functional>
#include <optional>

namespace jobdesk::fake {

class FaultInjector
{
public:
    // What one request gets from its script.
    struct Decision
    {
        enum class Kind { Normal, Throttle, ServerError, Error };
        Kind kind = Kind::Normal;
        int status = 0;
        bool html = false;
        FakeScript::ForcedError error;
        FakeScript::Fault fault = FakeScript::Fault::None;
        int delayMs = 0;
        bool close = false;
        qint64 dateOffsetSeconds = 0;
        qint64 hugeBodyBytes = 0;
        qint64 resetAfterBodyBytes = -1;  // a TCP reset after this many body bytes; -1: none
        qint64 bodyBytesPerSecond = 0;
    };

    // Takes the first step of the script still available (see FakeScript).
    static Decision consume(FakeScript &script);

    // The answer that takes the place of the service's, if the decision has one. A
    // request that is never answered counts as lost before the service acted on it,
    // and one that a captive portal or a runaway server answers never reached it.
    static std::optional<FakeReply> replacement(const Decision &decision);
    static bool reachesService(const Decision &decision);

    // The reply as it goes on the wire, broken as the decision's fault says. now() gives
    // the fake's clock when the answer is written; sent() runs after it was.
    static HttpResponse response(const FakeReply &reply, const Decision &decision, bool close,
                                 std::function<QDateTime()> now, std::function<void()> sent);

    static FakeReply serverErrorReply(int status, bool html);
    static FakeReply captivePortalReply();
    static FakeReply hugeReply(qint64 bytes);
};

}  // namespace jobdesk::fake
