#pragma once

// `jobdesk-cli profile list|add|remove|show`: manages JobDesk profiles in the
// ProfileStore. Secret keys are read from stdin (without echo on a terminal),
// never from arguments, and never printed.

#include "core/profiles/profilestore.h"

#include <QObject>
#include <QStringList>

#include <cstdio>
#include <optional>

namespace jobdesk::cli {

class ProfileCommand : public QObject
{
    Q_OBJECT

public:
    // region and endpointUrl are the global --region and --endpoint-url, which
    // `profile add` stores in the profile.
    ProfileCommand(QStringList arguments, QString region, QString endpointUrl, std::FILE *in, std::FILE *out,
                   std::FILE *err, QObject *parent = nullptr);

    void start();

    // "AKIAIOSFODNN7EXAMPLE" -> "****************MPLE", as `aws configure list` shows keys.
    static QString mask(const QString &value);

Q_SIGNALS:
    void done(int exitCode);

private:
    void list();
    void add(const QString &name, const QStringList &options);
    void remove(const QString &name);
    void show(const QString &name);
    void print(std::FILE *stream, const QString &text);
    void finish(int exitCode);
    void fail(const QString &message, int exitCode);
    void failWith(const Error &error);
    std::optional<QString> readSecretLine(const QString &prompt, bool required);

    QStringList m_arguments;
    QString m_region;
    QString m_endpointUrl;
    std::FILE *m_in;
    std::FILE *m_out;
    std::FILE *m_err;
    profiles::ProfileStore *m_store = nullptr;
};

}  // namespace jobdesk::cli
