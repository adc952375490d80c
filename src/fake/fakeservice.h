#pragma once

// One AWS service behind the fake endpoint's port. FakeCodePipeline asks its services
// in turn whether they take a request, counts it, plays the service's script on it,
// and asks the service for its answer.

#include "fake/fakereply.h"
#include "fake/fakescript.h"
#include "fake/faultinjector.h"
#include "fake/httprequestparser.h"

#include <QString>

#include <optional>

namespace jobdesk::fake {

class FakeService
{
public:
    // A request as the counters, the signals and the scripts see it.
    struct Received
    {
        QString operation;      // empty when the request names none this service knows
        QString jobId;          // the job the request names, if any
        bool knownJob = false;  // the job exists: its request counter goes up
    };

    FakeService() = default;
    FakeService(const FakeService &) = delete;
    FakeService &operator=(const FakeService &) = delete;
    virtual ~FakeService() = default;

    // Whether this service answers the request; asked in the order the services were added.
    virtual bool accepts(const HttpRequest &request) const = 0;
    // Names the request. Called for every request the service accepts, before any check.
    virtual Received receive(const HttpRequest &request) = 0;
    // The script that applies to the request, if any: it is consumed as requests come.
    // Asked after requestReceived went out, so that a test may script the request it saw.
    virtual FakeScript *scriptFor(const Received &received)
    {
        Q_UNUSED(received);
        return nullptr;
    }
    // A refusal that comes before the script is consulted (method, signature, unknown
    // operation): such requests leave the script's counts alone.
    virtual std::optional<FakeReply> refuse(const HttpRequest &request, const Received &received)
    {
        Q_UNUSED(request);
        Q_UNUSED(received);
        return std::nullopt;
    }
    // The answer that takes the place of the service's when its script says so (throttling,
    // server errors, forced errors), in the service's own protocol.
    virtual std::optional<FakeReply> replacement(const FaultInjector::Decision &decision)
    {
        return FaultInjector::replacement(decision);
    }
    // The service's own answer, for a request that its script lets through.
    virtual FakeReply answer(const HttpRequest &request, const Received &received) = 0;
};

}  // namespace jobdesk::fake
