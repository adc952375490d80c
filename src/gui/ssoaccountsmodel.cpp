#include "gui/ssoaccountsmodel.h"

namespace jobdesk::gui {

SsoAccountsModel::SsoAccountsModel(QObject *parent) : QAbstractTableModel(parent) {}

void SsoAccountsModel::setAccounts(const QList<sso::SsoAccount> &accounts)
{
    beginResetModel();
    m_accounts = accounts;
    endResetModel();
}

int SsoAccountsModel::rowOf(const QString &accountId) const
{
    for (int i = 0; i < m_accounts.size(); ++i) {
        if (m_accounts.at(i).accountId == accountId)
            return i;
    }
    return -1;
}

sso::SsoAccount SsoAccountsModel::account(int row) const
{
    return row >= 0 && row < m_accounts.size() ? m_accounts.at(row) : sso::SsoAccount{};
}

int SsoAccountsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_accounts.size());
}

int SsoAccountsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SsoAccountsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const sso::SsoAccount &a = m_accounts.at(index.row());
    if (role == AccountIdRole)
        return a.accountId;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case NameColumn: return a.accountName;
    case IdColumn: return a.accountId;
    case EmailColumn: return a.emailAddress;
    case ColumnCount: break;
    }
    return {};
}

QVariant SsoAccountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case NameColumn: return tr("Account");
    case IdColumn: return tr("ID");
    case EmailColumn: return tr("E-mail");
    case ColumnCount: break;
    }
    return {};
}

}  // namespace jobdesk::gui
