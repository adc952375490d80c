#pragma once

// The actions taken on a job (or, in the activity log, on a profile's jobs):
// time, action, parameters with secrets masked, outcome, request ID and how
// long it took, oldest first as they happened.

#include "core/output/activityentry.h"

#include <QAbstractTableModel>
#include <QList>

namespace jobdesk::gui {

class ActivityModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        ActionColumn,
        JobIdColumn,
        ParametersColumn,
        OutcomeColumn,
        RequestIdColumn,
        DurationColumn,
        ColumnCount
    };

    explicit ActivityModel(QObject *parent = nullptr);

    void append(const output::ActivityEntry &entry);
    void setEntries(const QList<output::ActivityEntry> &entries);
    const QList<output::ActivityEntry> &entries() const { return m_entries; }
    // One line per entry, for a support ticket.
    QString summaryText() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<output::ActivityEntry> m_entries;
};

}  // namespace jobdesk::gui
