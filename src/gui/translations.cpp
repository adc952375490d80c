#include "gui/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace jobdesk::gui {

namespace {

const QString kCatalogues = QStringLiteral(":/i18n");

QString languageOf(const QString &name)
{
    return QLocale(name).name().section(QLatin1Char('_'), 0, 0);
}

struct Installed
{
    std::unique_ptr<QTranslator> ours;
    std::unique_ptr<QTranslator> qt;
};

Installed &installed()
{
    static Installed translators;
    return translators;
}

}  // namespace

QStringList Translations::available()
{
    QStringList codes;
    const QStringList files = QDir(kCatalogues).entryList({QStringLiteral("jobdesk_*.qm")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        codes.append(file.mid(8).chopped(3));
    return codes;
}

QStringList Translations::languages()
{
    return QStringList{QStringLiteral("en")} + available();
}

QString Translations::match(const QString &name)
{
    const QStringList speaks = languages();
    // QLocale("xx") falls back to C for a language it does not know; the code itself still counts.
    for (const QString &code :
         {name.section(QLatin1Char('_'), 0, 0).section(QLatin1Char('-'), 0, 0).toLower(), languageOf(name)}) {
        if (speaks.contains(code))
            return code;
    }
    return {};
}

QString Translations::choose(const QStringList &preferred)
{
    for (const QString &wanted : preferred) {
        if (const QString code = wanted.isEmpty() ? QString() : match(wanted); !code.isEmpty())
            return code;
    }
    for (const QString &system : QLocale::system().uiLanguages()) {
        if (const QString code = match(system); !code.isEmpty())
            return code;
    }
    return QStringLiteral("en");
}

void Translations::install(const QString &language)
{
    Installed &current = installed();
    for (std::unique_ptr<QTranslator> *translator : {&current.ours, &current.qt}) {
        if (*translator)
            QCoreApplication::removeTranslator(translator->get());
        translator->reset();
    }
    const QLocale locale(language);
    QLocale::setDefault(locale);
    if (language == QLatin1String("en"))
        return;
    auto ours = std::make_unique<QTranslator>();
    if (ours->load(locale, QStringLiteral("jobdesk"), QStringLiteral("_"), kCatalogues)) {
        QCoreApplication::installTranslator(ours.get());
        current.ours = std::move(ours);
    }
    // Qt's own words (standard buttons, context menus), where Qt's catalogues are installed.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        current.qt = std::move(qt);
    }
}

}  // namespace jobdesk::gui
