#include "gui/queryhistory.h"

#include <QSettings>

#include <algorithm>
#include <utility>

namespace jobdesk::gui {

namespace {

// One entry per profile, each with its profile name as a value: profile names may hold any
// character, so they are not keys. Stored as text, so the file can be read and checked.
const QString kGroup = QStringLiteral("QueryHistory");
const QString kProfile = QStringLiteral("profile");
const QString kExpressions = QStringLiteral("expressions");

QList<std::pair<QString, QStringList>> load(QSettings &settings)
{
    QList<std::pair<QString, QStringList>> all;
    const int n = settings.beginReadArray(kGroup);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        all.append({settings.value(kProfile).toString(), settings.value(kExpressions).toStringList()});
    }
    settings.endArray();
    return all;
}

}  // namespace

QStringList QueryHistory::expressions(const QString &profile)
{
    QSettings settings;
    for (const auto &[name, list] : load(settings)) {
        if (name == profile)
            return list.mid(0, kMaxEntries);
    }
    return {};
}

void QueryHistory::add(const QString &profile, const QString &expression)
{
    if (expression.trimmed().isEmpty())
        return;
    QSettings settings;
    QList<std::pair<QString, QStringList>> all = load(settings);
    auto it = std::find_if(all.begin(), all.end(), [&profile](const auto &entry) { return entry.first == profile; });
    if (it == all.end())
        it = all.insert(all.end(), {profile, {}});
    QStringList &list = it->second;
    list.removeAll(expression);
    list.prepend(expression);
    if (list.size() > kMaxEntries)
        list.resize(kMaxEntries);
    settings.remove(kGroup);
    settings.beginWriteArray(kGroup, int(all.size()));
    for (int i = 0; i < all.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(kProfile, all.at(i).first);
        settings.setValue(kExpressions, all.at(i).second);
    }
    settings.endArray();
}

void QueryHistory::clear()
{
    QSettings().remove(kGroup);
}

}  // namespace jobdesk::gui
