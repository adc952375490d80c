#pragma once

// The one line jobdesk-cli rewrites on stderr while a transfer runs ("Downloaded 12.0 MiB
// of 256.0 MiB (85.3 MiB/s)"), shown only when stderr is a terminal so that scripts and
// logs never see it.

#include <QElapsedTimer>
#include <QString>

#include <cstdio>

namespace jobdesk::cli {

class ProgressLine
{
public:
    // enabled false: every call does nothing.
    ProgressLine(std::FILE *stream, bool enabled) : m_stream(stream), m_enabled(enabled) {}
    ~ProgressLine() { clear(); }
    ProgressLine(const ProgressLine &) = delete;
    ProgressLine &operator=(const ProgressLine &) = delete;

    // Starts counting the rate anew for the next step (download, extraction, upload).
    void start(const QString &verb);
    // Redraws at most ten times a second; total is -1 while unknown.
    void update(qint64 bytes, qint64 total);
    // Blanks the line, so that what follows starts at the left edge.
    void clear();

    // "0 B", "1023 B", "12.0 KiB", "256.0 MiB", "1.5 GiB", as the AWS CLI's s3 commands count.
    static QString size(qint64 bytes);
    // The line itself, for bytes of total after elapsedMs.
    static QString text(const QString &verb, qint64 bytes, qint64 total, qint64 elapsedMs);

private:
    std::FILE *m_stream;
    bool m_enabled;
    QString m_verb;
    QElapsedTimer m_started;
    QElapsedTimer m_lastDrawn;
    int m_width = 0;  // of the line on screen, to blank what a shorter one leaves
};

}  // namespace jobdesk::cli
