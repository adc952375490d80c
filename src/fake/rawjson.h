#pragma once

// Finds where JSON values begin and end in the original text, so that a
// fixture's jobDetails can be served byte for byte (member order, spacing,
// number spelling and unknown fields all survive). It only locates values;
// nlohmann::json validates and decodes them.

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace jobdesk::fake {

class RawJson
{
public:
    struct Span
    {
        qsizetype begin = 0;
        qsizetype end = 0;  // one past the last byte
    };

    // The members of the object that starts at `at` (after optional whitespace):
    // each decoded key with its value's span. nullopt when the text there is not a well-formed object.
    struct Member
    {
        QString key;
        Span value;
    };
    static std::optional<QList<Member>> objectMembers(const QByteArray &text, qsizetype at = 0);

    // The element spans of the array that starts at `at`.
    static std::optional<QList<Span>> arrayElements(const QByteArray &text, qsizetype at = 0);

    // Span of the value with the given key in the object at `at`; the last one wins if repeated.
    static std::optional<Span> member(const QByteArray &text, const QString &key, qsizetype at = 0);

private:
    static qsizetype skipSpace(const QByteArray &text, qsizetype pos);
    static qsizetype skipString(const QByteArray &text, qsizetype pos);
    static qsizetype skipValue(const QByteArray &text, qsizetype pos, int depth);
};

}  // namespace jobdesk::fake
