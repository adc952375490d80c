#include "gui/queryhistory.h"

#include <QSettings>
#include <QVariantMap>

namespace jobdesk::gui {

namespace {
// One map from profile name to its list: profile names may hold any character, so they are not keys.
const QString kKey = QStringLiteral("QueryHistory/expressions");
}  // namespace

QStringList QueryHistory::expressions(const QString &profile)
{
    QStringList list = QSettings().value(kKey).toMap().value(profile).toStringList();
    if (list.size() > kMaxEntries)
        list.resize(kMaxEntries);
    return list;
}

void QueryHistory::add(const QString &profile, const QString &expression)
{
    if (expression.trimmed().isEmpty())
        return;
    QSettings settings;
    QVariantMap all = settings.value(kKey).toMap();
    QStringList list = all.value(profile).toStringList();
    list.removeAll(expression);
    list.prepend(expression);
    if (list.size() > kMaxEntries)
        list.resize(kMaxEntries);
    all.insert(profile, list);
    settings.setValue(kKey, all);
}

void QueryHistory::clear()
{
    QSettings().remove(kKey);
}

}  // namespace jobdesk::gui
