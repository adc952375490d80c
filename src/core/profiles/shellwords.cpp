#include "core/profiles/shellwords.h"

#include <QCoreApplication>

namespace jobdesk::profiles {

namespace {

bool isBlank(QChar c)
{
    // shlex only treats these four as separators, not every Unicode space.
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r') || c == QLatin1Char('\n');
}

}  // namespace

Result<QStringList> ShellWords::split(const QString &commandLine, platform::Flavor flavor)
{
    return flavor == platform::Flavor::Windows ? splitWindows(commandLine) : splitPosix(commandLine);
}

Result<QStringList> ShellWords::splitPosix(const QString &commandLine)
{
    enum class State { Between, Word, Single, Double };
    QStringList words;
    QString word;
    bool quoted = false;  // an empty pair of quotes still makes a word
    State state = State::Between;

    const qsizetype n = commandLine.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = commandLine.at(i);
        switch (state) {
        case State::Between:
        case State::Word:
            if (isBlank(c)) {
                if (state == State::Word) {
                    words << word;
                    word.clear();
                    quoted = false;
                }
                state = State::Between;
            } else if (c == QLatin1Char('\'')) {
                state = State::Single;
                quoted = true;
            } else if (c == QLatin1Char('"')) {
                state = State::Double;
                quoted = true;
            } else if (c == QLatin1Char('\\')) {
                if (i + 1 >= n)
                    return Error::validation(QStringLiteral("credential_process"),
                                             tr("No escaped character after the final backslash."));
                word += commandLine.at(++i);
                state = State::Word;
            } else {
                word += c;
                state = State::Word;
            }
            break;
        case State::Single:
            if (c == QLatin1Char('\''))
                state = State::Word;
            else
                word += c;
            break;
        case State::Double:
            if (c == QLatin1Char('"')) {
                state = State::Word;
            } else if (c == QLatin1Char('\\')) {
                if (i + 1 >= n)
                    return Error::validation(QStringLiteral("credential_process"),
                                             tr("No escaped character after the final backslash."));
                const QChar next = commandLine.at(++i);
                if (next != QLatin1Char('"') && next != QLatin1Char('\\'))
                    word += c;
                word += next;
            } else {
                word += c;
            }
            break;
        }
    }
    if (state == State::Single || state == State::Double)
        return Error::validation(QStringLiteral("credential_process"), tr("No closing quotation."));
    if (state == State::Word || quoted)
        words << word;
    return words;
}

Result<QStringList> ShellWords::splitWindows(const QString &commandLine)
{
    QStringList words;
    QString word;
    bool started = false;  // a pair of quotes starts a word even with nothing between them
    bool quoted = false;
    qsizetype backslashes = 0;  // held back until we know whether a '"' follows them

    const auto flushBackslashes = [&](qsizetype count) {
        word += QString(count, QLatin1Char('\\'));
        started = true;
        backslashes = 0;
    };
    for (const QChar c : commandLine) {
        if (c == QLatin1Char('\\')) {
            ++backslashes;
        } else if (c == QLatin1Char('"')) {
            const bool escaped = backslashes % 2 == 1;
            if (backslashes > 0)
                flushBackslashes(backslashes / 2);
            if (escaped) {
                word += c;
                continue;
            }
            quoted = !quoted;
            started = true;
        } else if ((c == QLatin1Char(' ') || c == QLatin1Char('\t')) && !quoted) {
            if (backslashes > 0)
                flushBackslashes(backslashes);
            if (started)
                words << word;
            word.clear();
            started = false;
        } else {
            if (backslashes > 0)
                flushBackslashes(backslashes);
            word += c;
            started = true;
        }
    }
    if (quoted)
        return Error::validation(QStringLiteral("credential_process"), tr("No closing quotation."));
    if (backslashes > 0)
        flushBackslashes(backslashes);
    if (started)
        words << word;
    return words;
}

}  // namespace jobdesk::profiles
