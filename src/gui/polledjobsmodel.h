#pragma once

// The jobs a poll handed out in this window: job ID, client ID and when they were polled,
// the newest batch on top.

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

namespace jobdesk::gui {

struct PolledJob
{
    QString jobId;
    QString clientId;
    QDateTime polledAtUtc;
};

class PolledJobsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { JobIdColumn, ClientIdColumn, PolledColumn, ColumnCount };
    static constexpr int PolledAtUtcRole = Qt::UserRole + 1;  // the QDateTime in UTC

    explicit PolledJobsModel(QObject *parent = nullptr);

    // Puts a batch above the earlier ones, in the order the service returned it.
    void addBatch(const QList<PolledJob> &jobs);
    void clear();
    PolledJob job(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PolledJob> m_jobs;
};

}  // namespace jobdesk::gui
