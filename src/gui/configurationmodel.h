#pragma once

// The Configuration tab: the action's configuration map as Key / Value /
// Secret rows. Values whose keys are secret (by name or by the user's choice
// for the provider) are masked; the Secret column is a checkbox that changes
// and remembers that choice.

#include "core/codepipeline/jobdocument.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace jobdesk::gui {

class SecretKeyPolicy;

class ConfigurationModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, SecretColumn, ColumnCount };
    enum Role {
        PlainValueRole = Qt::UserRole + 1,  // the unmasked value, for an explicit copy
        IsSecretRole,
    };

    explicit ConfigurationModel(SecretKeyPolicy *policy, QObject *parent = nullptr);

    void setDocument(const codepipeline::JobDocument &document);
    QString provider() const { return m_provider; }

    // Keys currently masked; exports replace their values.
    QStringList maskedKeys() const;
    static QString mask();

    // Scrubs every key and value and empties the model (the job tab is closing). Returns
    // how many strings were still shared with another holder and so left unscrubbed.
    int wipe();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void onPolicyChanged(const QString &provider);

    struct Entry
    {
        QString key;
        QString value;
        bool secret = false;
    };
    QPointer<SecretKeyPolicy> m_policy;
    QString m_provider;
    QList<Entry> m_entries;
};

}  // namespace jobdesk::gui
