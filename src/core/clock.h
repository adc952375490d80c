#pragma once

// The source of "now". Injected wherever time matters (signing, retries,
// credential expiry) so that tests can pin it.

#include <QDateTime>

namespace jobdesk {

class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const { return QDateTime::currentDateTimeUtc(); }

    static const Clock &system()
    {
        static const Clock clock;
        return clock;
    }
};

// A clock that stands still until moved; for tests and reproducible signing.
class FixedClock : public Clock
{
public:
    explicit FixedClock(QDateTime now) : m_now(std::move(now)) {}
    QDateTime nowUtc() const override { return m_now; }
    void set(const QDateTime &now) { m_now = now; }

private:
    QDateTime m_now;
};

}  // namespace jobdesk
