#pragma once

// One jobdesk-cli command (an operation, profile, help, version, completion):
// its name, its line of help, and run(), which ends with done(exit code), at
// once or after the network or the keychain answered.

#include "cli/commandline.h"
#include "core/error.h"

#include <QObject>
#include <QString>

#include <cstdio>

namespace jobdesk::cli {

struct Streams
{
    std::FILE *in = stdin;
    std::FILE *out = stdout;
    std::FILE *err = stderr;
};

class Command : public QObject
{
    Q_OBJECT

public:
    explicit Command(Streams streams, QObject *parent = nullptr);

    virtual QString name() const = 0;
    virtual QString help() const = 0;
    virtual void run(const CommandLine &commandLine) = 0;

    // The lines the AWS CLI's argument parser prints above a usage error.
    static QString usageLines();
    // A command's own arguments ask for its help page: --help anywhere, or "help" first or last.
    static bool asksForHelp(const QStringList &arguments);
    // What the AWS CLI prints for an error: a usage error under the usage lines, anything else alone.
    static QByteArray errorText(const Error &error, const QString &message);

Q_SIGNALS:
    void done(int exitCode);

protected:
    void write(std::FILE *stream, const QByteArray &bytes);
    void finish(int exitCode);
    // Prints the error as the AWS CLI would (usage errors under the usage lines) and ends
    // with its exit code.
    void fail(const Error &error);
    // A message's last chance to lose secrets before it is printed.
    virtual QString shown(const QString &message) const { return message; }

    Streams m_streams;
};

}  // namespace jobdesk::cli
