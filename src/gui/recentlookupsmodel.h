#pragma once

// The recent lookups: job ID, profile, region, time and outcome of each
// fetch, newest first. Never a token or a secret. Kept in the settings so the
// list survives restarts.

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace jobdesk::gui {

struct RecentLookup
{
    QDateTime timeUtc;
    QString jobId;
    QString profile;
    QString region;
    QString outcome;  // "OK", an error code, or "Cancelled"
    bool ok = false;
};

class RecentLookupsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, JobIdColumn, ProfileColumn, RegionColumn, OutcomeColumn, ColumnCount };
    static constexpr int kMaxEntries = 100;

    // Reads the saved list from the settings.
    explicit RecentLookupsModel(QObject *parent = nullptr);

    void add(const RecentLookup &lookup);  // saved at once
    void clear();                          // and forgotten in the settings
    RecentLookup lookup(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void load();
    void save() const;

    QList<RecentLookup> m_entries;
};

}  // namespace jobdesk::gui
