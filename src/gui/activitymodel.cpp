#include "gui/activitymodel.h"

#include <QIcon>
#include <QLocale>

namespace jobdesk::gui {

ActivityModel::ActivityModel(QObject *parent) : QAbstractTableModel(parent) {}

void ActivityModel::append(const output::ActivityEntry &entry)
{
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
}

void ActivityModel::setEntries(const QList<output::ActivityEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

QString ActivityModel::summaryText() const
{
    QStringList lines;
    lines.reserve(m_entries.size());
    for (const output::ActivityEntry &entry : m_entries)
        lines << entry.summaryLine();
    return lines.join(QLatin1Char('\n'));
}

int ActivityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ActivityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActivityModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const output::ActivityEntry &e = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn: return QLocale().toString(e.timeUtc.toLocalTime(), QLocale::ShortFormat);
        case ActionColumn: return e.actionName();
        case JobIdColumn: return e.jobId;
        case ParametersColumn: return e.parametersText();
        case OutcomeColumn: return e.outcome;
        case RequestIdColumn: return e.requestId;
        case DurationColumn: return tr("%1 ms").arg(e.durationMs);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == OutcomeColumn && !e.message.isEmpty())
            return e.message;
        if (index.column() == TimeColumn)
            return e.timeUtc.toString(Qt::ISODateWithMs);
        return data(index, Qt::DisplayRole);
    }
    if (role == Qt::DecorationRole && index.column() == OutcomeColumn)
        return QIcon(e.ok ? QStringLiteral(":/icons/ok.svg") : QStringLiteral(":/icons/error.svg"));
    if (role == Qt::TextAlignmentRole && index.column() == DurationColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case ActionColumn: return tr("Action");
    case JobIdColumn: return tr("Job ID");
    case ParametersColumn: return tr("Parameters");
    case OutcomeColumn: return tr("Outcome");
    case RequestIdColumn: return tr("Request ID");
    case DurationColumn: return tr("Duration");
    default: return {};
    }
}

}  // namespace jobdesk::gui
