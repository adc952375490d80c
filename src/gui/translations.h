#pragma once

// Puts the window into one language: JobDesk's catalogue (compiled in under
// :/i18n) and Qt's own, for a language chosen by --lang, in Settings, or by
// the system's locale.

#include <QString>
#include <QStringList>

namespace jobdesk::gui {

class Translations
{
public:
    // The codes of the catalogues compiled in ("de", "fr", "ja"); English is the source.
    static QStringList available();
    // English and the available ones: what the window can be shown in.
    static QStringList languages();
    // The code of the language JobDesk speaks for name ("de_AT", "de-AT", "DE" give "de"), or empty.
    static QString match(const QString &name);
    // The language to use: the first of these that JobDesk speaks ("de_AT" counts as "de"),
    // else the system locale's, else English. Empty entries are skipped.
    static QString choose(const QStringList &preferred);
    // Installs the catalogues for language on the application, replacing any installed
    // before, and makes it the default locale. "en" removes them.
    static void install(const QString &language);
};

}  // namespace jobdesk::gui
