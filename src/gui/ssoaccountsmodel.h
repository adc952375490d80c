#pragma once

// The AWS accounts an IAM Identity Center sign-in may use, as the account picker
// lists them: name, ID and e-mail, one row each, in the portal's order.

#include "core/sso/ssoportalclient.h"

#include <QAbstractTableModel>
#include <QList>

namespace jobdesk::gui {

class SsoAccountsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, IdColumn, EmailColumn, ColumnCount };
    enum Role { AccountIdRole = Qt::UserRole + 1 };

    explicit SsoAccountsModel(QObject *parent = nullptr);

    void setAccounts(const QList<sso::SsoAccount> &accounts);
    const QList<sso::SsoAccount> &accounts() const { return m_accounts; }
    int rowOf(const QString &accountId) const;  // -1 if not listed
    sso::SsoAccount account(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<sso::SsoAccount> m_accounts;
};

}  // namespace jobdesk::gui
