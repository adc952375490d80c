#include "gui/ssoaccountpicker.h"

#include "gui/fielderrors.h"
#include "gui/ssoaccountsmodel.h"

#include "core/sso/ssoportalclient.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSortFilterProxyModel>
#include <QTreeView>

namespace jobdesk::gui {

SsoAccountPicker::SsoAccountPicker(QWidget *parent)
    : QWidget(parent)
    , m_model(new SsoAccountsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_form(new QFormLayout(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTreeView(this))
    , m_roles(new QComboBox(this))
    , m_busy(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_error(FieldErrors::newLabel(this))
{
    setObjectName(QStringLiteral("ssoAccountPicker"));
    m_proxy->setSourceModel(m_model);
    // Whatever the person remembers of an account: part of its name, ID or e-mail.
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setObjectName(QStringLiteral("ssoAccountFilter"));
    m_filter->setAccessibleName(tr("Filter accounts"));
    m_filter->setPlaceholderText(tr("Part of an account's name, ID or e-mail"));
    m_filter->setClearButtonEnabled(true);
    m_view->setObjectName(QStringLiteral("ssoAccounts"));
    m_view->setAccessibleName(tr("AWS accounts"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SsoAccountsModel::NameColumn, Qt::AscendingOrder);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);
    m_view->setMinimumHeight(m_view->fontMetrics().height() * 8);
    m_roles->setObjectName(QStringLiteral("ssoRole"));
    m_roles->setAccessibleName(tr("Role"));
    m_roles->setPlaceholderText(tr("Choose an account first"));
    m_roles->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_busy->setObjectName(QStringLiteral("ssoBusy"));
    m_busy->setRange(0, 0);  // no percentage to give: the portal pages until it is done
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(m_busy->fontMetrics().height() / 2 + 2);
    m_busy->hide();
    m_status->setObjectName(QStringLiteral("ssoPickerStatus"));
    m_status->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("ssoPickerError"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->addRow(tr("&Filter:"), m_filter);
    m_form->addRow(tr("Accounts:"), m_view);
    m_form->addRow(tr("Ro&le:"), m_roles);
    m_form->addRow(m_busy);
    m_form->addRow(m_status);
    m_form->addRow(m_error);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        // The view moves its current row off a row the filter hides; that is not the person's choice.
        m_filtering = true;
        m_proxy->setFilterFixedString(text.trimmed());
        m_view->selectionModel()->clear();
        m_filtering = false;
        // The choice outlives a filter that hid it; it is selected again when it shows.
        selectInView(m_accountId);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid() && !m_filtering)
                    onAccountChosen(current);
            });
    connect(m_roles, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            m_wantedRole = m_roles->currentText();
        Q_EMIT selectionChanged();
    });
    showSaved();
}

SsoAccountPicker::~SsoAccountPicker()
{
    // Deleting a listing ends it without an answer.
    delete m_accountListing.data();
    delete m_roleListing.data();
}

void SsoAccountPicker::load(sso::SsoPortalClient *portal, const Secret &accessToken)
{
    delete m_accountListing.data();
    delete m_roleListing.data();
    m_portal = portal;
    m_token = accessToken;
    m_roleCache.clear();
    m_listed = false;
    m_model->setAccounts({});
    m_roles->clear();
    if (!portal)
        return;
    showBusy(tr("Listing the accounts you may use…"));
    m_view->setEnabled(false);
    m_accountListing = portal->listAccounts(accessToken, this, [this](Result<QList<sso::SsoAccount>> accounts) {
        m_accountListing = nullptr;
        m_busy->hide();
        m_view->setEnabled(true);
        if (!accounts) {
            showError(accounts.error());
            Q_EMIT failed(accounts.error());
            return;
        }
        m_listed = true;
        m_model->setAccounts(accounts.value());
        const int count = int(accounts.value().size());
        if (count == 0)
            m_status->setText(tr("This sign-in may use no AWS account. Ask your administrator for access, or "
                                 "sign in as someone else."));
        else if (count == 1)
            m_status->setText(tr("One account. Choose it, then a role."));
        else
            m_status->setText(tr("%1 accounts. Choose one, then a role.").arg(count));
        if (!m_accountId.isEmpty()) {
            if (m_model->rowOf(m_accountId) >= 0) {
                const QString saved = m_accountId;
                m_accountId.clear();  // chosen afresh, which lists its roles
                chooseAccount(saved);
            } else {
                Error gone = Error::make(Error::Kind::Validation, QStringLiteral("SsoAccountNotListed"),
                                         tr("This sign-in may not use account %1.").arg(m_accountId),
                                         tr("Choose one of the accounts listed."));
                m_accountId.clear();
                m_wantedRole.clear();
                showError(gone);
                Q_EMIT selectionChanged();
            }
        }
        Q_EMIT accountsListed(count);
    });
}

void SsoAccountPicker::clear()
{
    delete m_accountListing.data();
    delete m_roleListing.data();
    m_portal = nullptr;
    m_token.clear();
    m_roleCache.clear();
    m_listed = false;
    m_model->setAccounts({});
    showSaved();
}

void SsoAccountPicker::setSelection(const QString &accountId, const QString &roleName)
{
    m_accountId = accountId;
    m_wantedRole = roleName;
    if (!m_listed) {
        showSaved();
        return;
    }
    const QString wanted = accountId;
    m_accountId.clear();
    {
        const QSignalBlocker quiet(m_roles);  // the role shown now is not the one wanted
        m_roles->clear();
    }
    if (!chooseAccount(wanted))
        Q_EMIT selectionChanged();
}

QString SsoAccountPicker::roleName() const
{
    return m_roles->currentIndex() >= 0 ? m_roles->currentText() : QString();
}

bool SsoAccountPicker::isBusy() const
{
    return m_accountListing || m_roleListing;
}

QString SsoAccountPicker::statusText() const
{
    return m_status->text();
}

QString SsoAccountPicker::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool SsoAccountPicker::chooseAccount(const QString &accountId)
{
    const int row = m_model->rowOf(accountId);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, SsoAccountsModel::NameColumn));
    if (index.isValid())
        m_view->setCurrentIndex(index);  // calls onAccountChosen
    if (m_accountId != accountId) {
        // Hidden by the filter: chosen all the same.
        if (!m_accountId.isEmpty() && !roleName().isEmpty())
            m_wantedRole = roleName();
        m_accountId = accountId;
        listRoles(accountId);
    }
    return true;
}

bool SsoAccountPicker::chooseRole(const QString &roleName)
{
    const int index = m_roles->findText(roleName);
    if (index < 0)
        return false;
    m_roles->setCurrentIndex(index);
    return true;
}

void SsoAccountPicker::onAccountChosen(const QModelIndex &proxyIndex)
{
    const QString id = proxyIndex.data(SsoAccountsModel::AccountIdRole).toString();
    if (id.isEmpty() || id == m_accountId)
        return;
    // The same role in the next account, when it has one of that name.
    if (!roleName().isEmpty())
        m_wantedRole = roleName();
    m_accountId = id;
    listRoles(id);
}

void SsoAccountPicker::listRoles(const QString &accountId)
{
    delete m_roleListing.data();
    {
        const QSignalBlocker quiet(m_roles);  // one selectionChanged, once the roles are there
        m_roles->clear();
    }
    m_error->hide();
    if (const auto cached = m_roleCache.constFind(accountId); cached != m_roleCache.cend()) {
        showRoles(*cached);
        return;
    }
    if (!m_portal) {
        Q_EMIT selectionChanged();
        return;
    }
    const QString name = m_model->account(m_model->rowOf(accountId)).accountName;
    showBusy(tr("Listing your roles in %1…").arg(name.isEmpty() ? accountId : name));
    m_roles->setEnabled(false);
    Q_EMIT selectionChanged();
    m_roleListing =
        m_portal->listAccountRoles(m_token, accountId, this, [this, accountId](Result<QList<sso::SsoRole>> roles) {
            m_roleListing = nullptr;
            m_busy->hide();
            m_roles->setEnabled(true);
            if (!roles) {
                showError(roles.error());
                Q_EMIT failed(roles.error());
                return;
            }
            QStringList names;
            for (const sso::SsoRole &role : roles.value())
                names << role.roleName;
            m_roleCache.insert(accountId, names);
            showRoles(names);
            Q_EMIT rolesListed(accountId, int(names.size()));
        });
}

void SsoAccountPicker::showRoles(const QStringList &roles)
{
    {
        const QSignalBlocker quiet(m_roles);
        m_roles->clear();
        m_roles->addItems(roles);
        int index = int(roles.indexOf(m_wantedRole));
        if (index < 0 && roles.size() == 1)
            index = 0;  // nothing to choose between
        m_roles->setCurrentIndex(index);
        if (index >= 0)
            m_wantedRole = roles.at(index);
    }
    const QString name = m_model->account(m_model->rowOf(m_accountId)).accountName;
    if (roles.isEmpty())
        m_status->setText(tr("You have no role in %1; choose another account.").arg(name));
    else if (roles.size() == 1)
        m_status->setText(tr("One role in %1.").arg(name));
    else
        m_status->setText(tr("%1 roles in %2.").arg(roles.size()).arg(name));
    Q_EMIT selectionChanged();
}

void SsoAccountPicker::showBusy(const QString &what)
{
    m_error->hide();
    m_busy->show();
    m_status->setText(what);
}

void SsoAccountPicker::showError(const Error &error)
{
    m_busy->hide();
    QString text = error.message;
    const QString hint = error.hint.isEmpty() ? sso::SsoPortalClient::explain(error) : error.hint;
    if (!hint.isEmpty() && !text.contains(hint))
        text += QLatin1Char(' ') + hint;
    m_status->clear();
    m_error->setText(text);
    m_error->show();
}

void SsoAccountPicker::showSaved()
{
    m_busy->hide();
    m_error->hide();
    const QSignalBlocker quiet(m_roles);
    m_roles->clear();
    if (m_accountId.isEmpty()) {
        m_status->setText(tr("Sign in to list the accounts and roles you may use."));
        return;
    }
    if (!m_wantedRole.isEmpty()) {
        m_roles->addItem(m_wantedRole);
        m_roles->setCurrentIndex(0);
    }
    m_status->setText(tr("Saved: role %1 in account %2. Sign in to list the accounts and roles you may use.")
                          .arg(m_wantedRole.isEmpty() ? tr("(none)") : m_wantedRole, m_accountId));
}

void SsoAccountPicker::selectInView(const QString &accountId)
{
    const int row = m_model->rowOf(accountId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, SsoAccountsModel::NameColumn));
    if (index.isValid() && m_view->currentIndex().row() != index.row())
        m_view->setCurrentIndex(index);
}

}  // namespace jobdesk::gui
