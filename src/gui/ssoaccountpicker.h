#pragma once

// Picks the AWS account and role of an SSO profile from what the person's IAM
// Identity Center sign-in may use: lists the accounts (filtered as they type), then
// the chosen account's roles. The IDs are never typed; a profile's saved choice is
// shown until the listing arrives and selected again in it.

#include "core/error.h"
#include "core/secret.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSortFilterProxyModel;
class QTreeView;

namespace jobdesk::sso {
class SsoPortalClient;
}

namespace jobdesk::gui {

class SsoAccountsModel;

class SsoAccountPicker : public QWidget
{
    Q_OBJECT

public:
    explicit SsoAccountPicker(QWidget *parent = nullptr);
    ~SsoAccountPicker() override;

    // Lists the accounts accessToken may use through portal, ending any listing under way.
    void load(sso::SsoPortalClient *portal, const Secret &accessToken);
    // Forgets the listing and the token; the choice stays, as a saved one.
    void clear();
    // The choice to show (a saved profile's), selected again once the listing has it.
    void setSelection(const QString &accountId, const QString &roleName);

    QString accountId() const { return m_accountId; }
    QString roleName() const;
    bool isBusy() const;
    bool isListed() const { return m_listed; }
    QString statusText() const;
    QString errorText() const;

    // Selects a listed account (as a click would) and lists its roles; false if not listed.
    bool chooseAccount(const QString &accountId);
    bool chooseRole(const QString &roleName);

    QLineEdit *filterEdit() const { return m_filter; }
    QTreeView *accountView() const { return m_view; }
    QComboBox *roleCombo() const { return m_roles; }
    QFormLayout *formLayout() const { return m_form; }
    SsoAccountsModel *model() const { return m_model; }
    QSortFilterProxyModel *filterModel() const { return m_proxy; }

Q_SIGNALS:
    void accountsListed(int count);
    void rolesListed(const QString &accountId, int count);
    // A listing failed; the picker shows it too.
    void failed(const jobdesk::Error &error);
    void selectionChanged();

private:
    void onAccountChosen(const QModelIndex &proxyIndex);
    void listRoles(const QString &accountId);
    void showRoles(const QStringList &roles);
    void showBusy(const QString &what);
    void showError(const Error &error);
    void showSaved();
    void selectInView(const QString &accountId);

    QPointer<sso::SsoPortalClient> m_portal;
    Secret m_token;
    QPointer<QObject> m_accountListing;
    QPointer<QObject> m_roleListing;
    QHash<QString, QStringList> m_roleCache;  // by account ID, for this token
    bool m_listed = false;
    bool m_filtering = false;  // the view's current row moves while the filter changes
    QString m_accountId;
    QString m_wantedRole;  // the saved role, chosen once the account's roles are listed

    SsoAccountsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QFormLayout *m_form;
    QLineEdit *m_filter;
    QTreeView *m_view;
    QComboBox *m_roles;
    QProgressBar *m_busy;
    QLabel *m_status;
    QLabel *m_error;
};

}  // namespace jobdesk::gui
