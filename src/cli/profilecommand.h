#pragma once

// `jobdesk-cli profile list|add|remove|show`: manages JobDesk profiles in the
// ProfileStore. Secret keys are read from stdin (without echo on a terminal),
// never from arguments, and never printed.

#include "cli/command.h"
#include "core/profiles/profilestore.h"

#include <QStringList>

#include <optional>

namespace jobdesk::cli {

class ProfileCommand : public Command
{
    Q_OBJECT

public:
    using Command::Command;

    QString name() const override { return QStringLiteral("profile"); }
    QString help() const override;
    // The global --region and --endpoint-url are what `profile add` stores in the profile.
    void run(const CommandLine &commandLine) override;

    // "AKIAIOSFODNN7EXAMPLE" -> "****************MPLE", as `aws configure list` shows keys.
    static QString mask(const QString &value);

private:
    void list();
    void add(const QString &name, const QStringList &options);
    void remove(const QString &name);
    void show(const QString &name);
    void print(std::FILE *stream, const QString &text);
    void refuse(const QString &message, int exitCode);
    void failWith(const Error &error);
    std::optional<QString> readSecretLine(const QString &prompt, bool required);

    QStringList m_arguments;
    QString m_region;
    QString m_endpointUrl;
    profiles::ProfileStore *m_store = nullptr;
};

}  // namespace jobdesk::cli
