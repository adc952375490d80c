#pragma once

// One third-party job held by the fake endpoint: who may see it, where it is
// in its life, and the exact jobDetails bytes GetThirdPartyJobDetails returns.

#include "fake/fakescript.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace jobdesk::fake {

struct ActionTypeId
{
    QString category;  // Build, Test, Deploy, ...
    QString owner;     // ThirdParty
    QString provider;
    QString version;

    bool operator==(const ActionTypeId &other) const = default;
};

struct FakeJob
{
    // CodePipeline's JobStatus values.
    enum class State { Created, Queued, Dispatched, InProgress, TimedOut, Succeeded, Failed };

    QString jobId;  // defaults to details.id
    QString clientId;
    QString clientToken;
    QString nonce;              // defaults to details.nonce
    ActionTypeId actionTypeId;  // defaults to details.data.actionTypeId
    State state = State::Queued;
    // The jobDetails object exactly as served. Empty: a minimal
    // {"id":..,"data":{"actionTypeId":..},"nonce":..} is made from the fields above.
    QByteArray details;
    FakeScript script;

    // Filled in by the fake: the request body of the Put*Result that finished the job.
    QByteArray resultBody;

    static QString stateName(State state)
    {
        switch (state) {
        case State::Created: return QStringLiteral("Created");
        case State::Queued: return QStringLiteral("Queued");
        case State::Dispatched: return QStringLiteral("Dispatched");
        case State::InProgress: return QStringLiteral("InProgress");
        case State::TimedOut: return QStringLiteral("TimedOut");
        case State::Succeeded: return QStringLiteral("Succeeded");
        case State::Failed: return QStringLiteral("Failed");
        }
        return {};
    }

    static std::optional<State> stateFromName(const QString &name)
    {
        for (State s : {State::Created, State::Queued, State::Dispatched, State::InProgress, State::TimedOut,
                        State::Succeeded, State::Failed}) {
            if (stateName(s) == name)
                return s;
        }
        return std::nullopt;
    }

    // Whether GetThirdPartyJobDetails may return the details in this state.
    static bool detailsAvailable(State state)
    {
        return state == State::Queued || state == State::Dispatched || state == State::InProgress;
    }

    static bool finished(State state)
    {
        return state == State::Succeeded || state == State::Failed || state == State::TimedOut;
    }
};

}  // namespace jobdesk::fake
