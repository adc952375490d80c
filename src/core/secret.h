#pragma once

// A credential or token held in memory. It never converts to text by itself:
// debug output shows a placeholder, and code that really needs the bytes asks
// for reveal() where it sends or shows them on purpose. Cleared on destruction.

#include <QByteArray>
#include <QDebug>
#include <QString>

#include <QList>

#include <algorithm>
#include <cstddef>
#include <string>

namespace jobdesk {

// Overwrites size bytes at data with zeros through a volatile pointer, so the
// compiler cannot drop the stores as dead. The one place JobDesk scrubs memory.
inline void wipeBytes(void *data, std::size_t size)
{
    volatile unsigned char *p = static_cast<unsigned char *>(data);
    for (std::size_t i = 0; i < size; ++i)
        p[i] = 0;
}

// Scrub a text copy of a secret and empty it. Qt strings are scrubbed only when this
// object owns its buffer alone (as Secret does): a shared buffer is someone else's too,
// and touching data() would only detach a fresh copy. False when bytes were left unscrubbed
// for that reason (the other holder still has them).
inline bool wipeString(QByteArray &bytes)
{
    const bool scrub = !bytes.isEmpty() && bytes.isDetached();
    if (scrub)
        wipeBytes(bytes.data(), std::size_t(bytes.size()));
    // Literals and raw data (no allocation of ours, isMutable() false) are not copies we made.
    const bool left = !bytes.isEmpty() && !scrub && bytes.data_ptr().isMutable();
    bytes.clear();
    return !left;
}

inline bool wipeString(QString &text)
{
    const bool scrub = !text.isEmpty() && text.isDetached();
    if (scrub)
        wipeBytes(text.data(), std::size_t(text.size()) * sizeof(QChar));
    // Literals and raw data (no allocation of ours, isMutable() false) are not copies we made.
    const bool left = !text.isEmpty() && !scrub && text.data_ptr().isMutable();
    text.clear();
    return !left;
}

// Scrubs and empties a set of strings that may share buffers among themselves (a model's
// cells, say): a buffer shared only inside the set is scrubbed by its last holder here.
// `secrets` may hold a secret; `ordinary` are scrubbed the same way but hold none (a
// member name, a request ID that the recent-lookups list keeps). Returns how many
// buffers of `secrets` were still shared with a holder outside the set, and so were only
// released.
inline int wipeStrings(const QList<QString *> &secrets, const QList<QString *> &ordinary = {})
{
    QList<QString *> pending;
    for (QString *text : secrets + ordinary) {
        if (text->isEmpty() || !text->data_ptr().isMutable())
            text->clear();
        else
            pending.append(text);
    }
    int left = 0;
    while (!pending.isEmpty()) {
        bool scrubbed = false;
        for (qsizetype i = 0; i < pending.size();) {
            if (pending.at(i)->isDetached()) {
                wipeString(*pending.at(i));
                pending.removeAt(i);
                scrubbed = true;
            } else {
                ++i;
            }
        }
        if (scrubbed || pending.isEmpty())
            continue;
        // Every one left is shared: release one reference; if another here holds the same
        // buffer, it becomes the last holder and scrubs it on the next round.
        QString *released = pending.takeFirst();
        const bool sharedInside = std::any_of(pending.cbegin(), pending.cend(), [released](const QString *other) {
            return other->data_ptr().isSharedWith(released->data_ptr());
        });
        const bool secret = secrets.contains(released);
        released->clear();
        if (!sharedInside && secret)
            ++left;
    }
    return left;
}

// A std::string is never shared; its bytes are zeroed where they are, and its length
// kept, so the caller decides when the (now zero) storage is released.
inline void wipeBytes(std::string &text)
{
    wipeBytes(text.data(), text.size());
}

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
        if (!m_data.isEmpty())
            wipeBytes(m_data.data(), std::size_t(m_data.size()));
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
