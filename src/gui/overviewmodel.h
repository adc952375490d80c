#pragma once

// The Overview tab: one row per fact about the job (IDs, action type,
// pipeline context, continuation token, encryption key, fetch time and how
// long the artifact credentials stay valid), as a two-column table.

#include "core/codepipeline/jobdocument.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace jobdesk::gui {

class OverviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { FieldColumn, ValueColumn, ColumnCount };
    enum Role {
        KeyRole = Qt::UserRole + 1,  // a stable name for the row, e.g. "pipelineArn"
        AbsentRole,                  // true when the value is missing from the answer
        WarningRole,                 // a warning about the value, or empty
    };

    // CodePipeline's artifact credentials last about this long from the moment they are handed out.
    static constexpr int kCredentialLifetimeSeconds = 15 * 60;
    static constexpr int kContinuationTokenLimit = 2048;

    explicit OverviewModel(QObject *parent = nullptr);

    void setDocument(const codepipeline::JobDocument &document);
    void clear();
    // The reference time for the credentials countdown; the view ticks it every second.
    void setNow(const QDateTime &nowUtc);
    // Scrubs every row's text (the continuation token is one) and empties the model, as the
    // job tab closes. Returns how many strings were shared elsewhere and left unscrubbed.
    int wipe();

    int rowOf(const QString &key) const;  // -1 if there is no such row

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "alias/name" or an alias ARN: fails when the job runs in another account.
    static bool isKeyAlias(const QString &keyId);
    // The countdown text for credentials handed out at issuedUtc, seen at nowUtc.
    static QString validityText(const QDateTime &issuedUtc, const QDateTime &nowUtc);

private:
    struct Row
    {
        QString key;
        QString label;
        QString value;
        bool absent = false;
        QString warning;
    };
    void addRow(const QString &key, const QString &label, const std::optional<QString> &value,
                const QString &absentText = {}, const QString &warning = {});
    QString credentialsValue() const;

    QList<Row> m_rows;
    QDateTime m_issuedUtc;  // invalid: unknown (opened from a file)
    bool m_hasCredentials = false;
    QDateTime m_nowUtc;
    int m_credentialsRow = -1;
};

}  // namespace jobdesk::gui
