#pragma once

// A credential or token held in memory. It never converts to text by itself:
// debug output shows a placeholder, and code that really needs the bytes asks
// for reveal() where it sends or shows them on purpose. Cleared on destruction.

#include <QByteArray>
#include <QDebug>
#include <QString>

namespace jobdesk {

class Secret
{
public:
    Secret() = default;
    explicit Secret(const QByteArray &utf8) : m_data(utf8) { m_data.detach(); }
    explicit Secret(const QString &text) : m_data(text.toUtf8()) {}
    Secret(const Secret &other) : m_data(other.m_data) { m_data.detach(); }
    Secret(Secret &&other) noexcept : m_data(std::move(other.m_data)) {}
    Secret &operator=(const Secret &other)
    {
        if (this != &other) {
            wipe();
            m_data = other.m_data;
            m_data.detach();
        }
        return *this;
    }
    Secret &operator=(Secret &&other) noexcept
    {
        if (this != &other) {
            wipe();
            m_data = std::move(other.m_data);
        }
        return *this;
    }
    ~Secret() { wipe(); }

    bool isEmpty() const { return m_data.isEmpty(); }
    qsizetype size() const { return m_data.size(); }

    const QByteArray &reveal() const { return m_data; }
    QString revealText() const { return QString::fromUtf8(m_data); }

    void clear()
    {
        wipe();
        m_data.clear();
    }

    bool operator==(const Secret &other) const { return m_data == other.m_data; }

    static QString placeholder() { return QStringLiteral("<redacted>"); }

private:
    void wipe()
    {
        // Only scrub storage we own alone; a shared buffer belongs to someone else too.
        if (!m_data.isEmpty() && !m_data.isDetached())
            return;
        volatile char *p = m_data.data();
        for (qsizetype i = 0; i < m_data.size(); ++i)
            p[i] = 0;
    }

    QByteArray m_data;
};

inline QDebug operator<<(QDebug dbg, const Secret &)
{
    QDebugStateSaver saver(dbg);
    dbg.noquote() << Secret::placeholder();
    return dbg;
}

}  // namespace jobdesk
