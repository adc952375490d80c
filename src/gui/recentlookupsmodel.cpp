#include "gui/recentlookupsmodel.h"

#include <QIcon>
#include <QLocale>
#include <QSettings>

namespace jobdesk::gui {

namespace {
const QString kGroup = QStringLiteral("RecentLookups");
}

RecentLookupsModel::RecentLookupsModel(QObject *parent) : QAbstractTableModel(parent)
{
    load();
}

void RecentLookupsModel::load()
{
    QSettings settings;
    const int n = settings.beginReadArray(kGroup);
    for (int i = 0; i < n && i < kMaxEntries; ++i) {
        settings.setArrayIndex(i);
        RecentLookup r;
        r.timeUtc = settings.value(QStringLiteral("time")).toDateTime().toUTC();
        r.jobId = settings.value(QStringLiteral("jobId")).toString();
        r.profile = settings.value(QStringLiteral("profile")).toString();
        r.region = settings.value(QStringLiteral("region")).toString();
        r.outcome = settings.value(QStringLiteral("outcome")).toString();
        r.ok = settings.value(QStringLiteral("ok")).toBool();
        m_entries.append(r);
    }
    settings.endArray();
}

void RecentLookupsModel::save() const
{
    QSettings settings;
    settings.remove(kGroup);
    settings.beginWriteArray(kGroup, int(m_entries.size()));
    for (int i = 0; i < m_entries.size(); ++i) {
        settings.setArrayIndex(i);
        const RecentLookup &r = m_entries.at(i);
        settings.setValue(QStringLiteral("time"), r.timeUtc);
        settings.setValue(QStringLiteral("jobId"), r.jobId);
        settings.setValue(QStringLiteral("profile"), r.profile);
        settings.setValue(QStringLiteral("region"), r.region);
        settings.setValue(QStringLiteral("outcome"), r.outcome);
        settings.setValue(QStringLiteral("ok"), r.ok);
    }
    settings.endArray();
}

void RecentLookupsModel::add(const RecentLookup &lookup)
{
    if (m_entries.size() >= kMaxEntries) {
        const int last = int(m_entries.size()) - 1;
        beginRemoveRows({}, last, last);
        m_entries.removeLast();
        endRemoveRows();
    }
    beginInsertRows({}, 0, 0);
    m_entries.prepend(lookup);
    endInsertRows();
    save();
}

void RecentLookupsModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
    QSettings settings;
    settings.remove(kGroup);
}

RecentLookup RecentLookupsModel::lookup(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row) : RecentLookup{};
}

int RecentLookupsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RecentLookupsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecentLookupsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RecentLookup &r = m_entries.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case TimeColumn: return QLocale().toString(r.timeUtc.toLocalTime(), QLocale::ShortFormat);
        case JobIdColumn: return r.jobId;
        case ProfileColumn: return r.profile;
        case RegionColumn: return r.region;
        case OutcomeColumn: return r.ok ? tr("OK") : r.outcome;
        default: return {};
        }
    }
    if (role == Qt::DecorationRole && index.column() == OutcomeColumn)
        return QIcon(r.ok ? QStringLiteral(":/icons/ok.svg") : QStringLiteral(":/icons/error.svg"));
    return {};
}

QVariant RecentLookupsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case JobIdColumn: return tr("Job ID");
    case ProfileColumn: return tr("Profile");
    case RegionColumn: return tr("Region");
    case OutcomeColumn: return tr("Outcome");
    default: return {};
    }
}

}  // namespace jobdesk::gui
