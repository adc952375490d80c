#include "gui/polledjobsmodel.h"

namespace jobdesk::gui {

PolledJobsModel::PolledJobsModel(QObject *parent) : QAbstractTableModel(parent) {}

void PolledJobsModel::addBatch(const QList<PolledJob> &jobs)
{
    if (jobs.isEmpty())
        return;
    beginInsertRows({}, 0, int(jobs.size()) - 1);
    m_jobs = jobs + m_jobs;
    endInsertRows();
}

void PolledJobsModel::clear()
{
    if (m_jobs.isEmpty())
        return;
    beginResetModel();
    m_jobs.clear();
    endResetModel();
}

PolledJob PolledJobsModel::job(int row) const
{
    return row >= 0 && row < m_jobs.size() ? m_jobs.at(row) : PolledJob();
}

int PolledJobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int PolledJobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PolledJobsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PolledJob &j = m_jobs.at(index.row());
    if (role == PolledAtUtcRole)
        return j.polledAtUtc;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case JobIdColumn: return j.jobId;
    case ClientIdColumn: return j.clientId;
    case PolledColumn: {
        // Shown in local time, as the clock on the wall; the tooltip gives UTC for tickets.
        if (!j.polledAtUtc.isValid())
            return QString();
        if (role == Qt::ToolTipRole)
            return j.polledAtUtc.toUTC().toString(Qt::ISODate);
        return j.polledAtUtc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    default: return {};
    }
}

QVariant PolledJobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case JobIdColumn: return tr("Job ID");
    case ClientIdColumn: return tr("Client ID");
    case PolledColumn: return tr("Polled (local time)");
    default: return {};
    }
}

}  // namespace jobdesk::gui
