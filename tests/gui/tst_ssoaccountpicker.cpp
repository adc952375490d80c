// The SSO account picker against the fake IAM Identity Center portal: its two accounts
// listed with name, ID and e-mail, filtered as a person types, an account's roles,
// a saved choice selected again, and the portal's refusal shown inline.

#include "gui/ssoaccountpicker.h"
#include "gui/ssoaccountsmodel.h"

#include "support/ssotestbed.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTreeView>

using namespace jobdesk;
using namespace jobdesk::gui;
using namespace jobdesk::test;

class TestSsoAccountPicker : public SsoTestBed
{
    Q_OBJECT

private Q_SLOTS:
    void listsAccounts();
    void filter_data();
    void filter();
    void filterKeepsChoice();
    void chooseAccountAndRole();
    void savedChoiceSelected();
    void savedAccountNotListed();
    void revokedTokenShownInline();

private:
    // A picker listing the fake's accounts for a fresh sign-in.
    bool loadInto(SsoAccountPicker *picker);
    static QStringList shownIds(const SsoAccountPicker &picker);
    static void click(SsoAccountPicker *picker, const QString &accountId);
};

bool TestSsoAccountPicker::loadInto(SsoAccountPicker *picker)
{
    const auto token = signIn();
    if (!token)
        return false;
    QSignalSpy listed(picker, &SsoAccountPicker::accountsListed);
    picker->load(m_portal.get(), token->accessToken);
    if (!picker->isBusy())
        return false;  // the listing is asynchronous: busy until the portal answers
    return listed.wait(20000);
}

QStringList TestSsoAccountPicker::shownIds(const SsoAccountPicker &picker)
{
    QStringList ids;
    const QAbstractItemModel *shown = picker.accountView()->model();
    for (int row = 0; row < shown->rowCount(); ++row)
        ids << shown->index(row, SsoAccountsModel::IdColumn).data().toString();
    return ids;
}

void TestSsoAccountPicker::click(SsoAccountPicker *picker, const QString &accountId)
{
    QTreeView *view = picker->accountView();
    const QAbstractItemModel *shown = view->model();
    for (int row = 0; row < shown->rowCount(); ++row) {
        const QModelIndex index = shown->index(row, SsoAccountsModel::NameColumn);
        if (index.data(SsoAccountsModel::AccountIdRole).toString() == accountId) {
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("account %1 is not shown").arg(accountId)));
}

void TestSsoAccountPicker::listsAccounts()
{
    SsoAccountPicker picker;
    QAbstractItemModelTester tester(picker.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    picker.show();
    QVERIFY(picker.statusText().contains(QStringLiteral("Sign in")));
    QVERIFY(loadInto(&picker));
    QVERIFY(!picker.isBusy());
    QVERIFY(picker.isListed());
    QCOMPARE(picker.model()->rowCount(), 2);
    // Sorted by name: "Partner CI" before "Support".
    QCOMPARE(shownIds(picker), QStringList({ssofix::PartnerAccount, ssofix::SupportAccount}));
    const QAbstractItemModel *shown = picker.accountView()->model();
    QCOMPARE(shown->index(1, SsoAccountsModel::NameColumn).data().toString(), QStringLiteral("Support"));
    QCOMPARE(shown->index(1, SsoAccountsModel::EmailColumn).data().toString(), QStringLiteral("support@example.com"));
    QCOMPARE(shown->headerData(SsoAccountsModel::EmailColumn, Qt::Horizontal).toString(), QStringLiteral("E-mail"));
    QVERIFY(picker.errorText().isEmpty());
    QVERIFY(picker.accountId().isEmpty());
    QVERIFY(picker.roleName().isEmpty());
    QCOMPARE(m_fake->operationCount(QStringLiteral("ListAccounts")), 1);
}

void TestSsoAccountPicker::filter_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QStringList>("shown");
    QTest::newRow("name") << QStringLiteral("partner") << QStringList{ssofix::PartnerAccount};
    QTest::newRow("part of the ID") << QStringLiteral("2223") << QStringList{ssofix::SupportAccount};
    QTest::newRow("e-mail") << QStringLiteral("ci@example") << QStringList{ssofix::PartnerAccount};
    QTest::newRow("other case") << QStringLiteral("SUPPORT") << QStringList{ssofix::SupportAccount};
    QTest::newRow("both") << QStringLiteral("example.com")
                          << QStringList{ssofix::PartnerAccount, ssofix::SupportAccount};
    QTest::newRow("spaces around") << QStringLiteral("  4444 ") << QStringList{ssofix::PartnerAccount};
    QTest::newRow("nothing") << QStringLiteral("nobody") << QStringList{};
}

void TestSsoAccountPicker::filter()
{
    QFETCH(QString, typed);
    QFETCH(QStringList, shown);
    SsoAccountPicker picker;
    picker.show();
    QVERIFY(loadInto(&picker));
    QTest::keyClicks(picker.filterEdit(), typed);
    QCOMPARE(shownIds(picker), shown);
    picker.filterEdit()->clear();
    QCOMPARE(shownIds(picker).size(), 2);
}

void TestSsoAccountPicker::filterKeepsChoice()
{
    SsoAccountPicker picker;
    picker.show();
    QVERIFY(loadInto(&picker));
    QSignalSpy roles(&picker, &SsoAccountPicker::rolesListed);
    click(&picker, ssofix::SupportAccount);
    QVERIFY(roles.wait(20000));
    QTest::keyClicks(picker.filterEdit(), QStringLiteral("partner"));
    // The chosen account is hidden, not unchosen.
    QCOMPARE(picker.accountId(), ssofix::SupportAccount);
    picker.filterEdit()->clear();
    QCOMPARE(picker.accountView()->currentIndex().data(SsoAccountsModel::AccountIdRole).toString(),
             ssofix::SupportAccount);
    QCOMPARE(roles.size(), 1);  // nothing listed again
}

void TestSsoAccountPicker::chooseAccountAndRole()
{
    SsoAccountPicker picker;
    picker.show();
    QVERIFY(loadInto(&picker));
    QSignalSpy roles(&picker, &SsoAccountPicker::rolesListed);
    click(&picker, ssofix::SupportAccount);
    QCOMPARE(picker.accountId(), ssofix::SupportAccount);
    QVERIFY(picker.isBusy());
    QVERIFY(roles.wait(20000));
    QCOMPARE(roles.first().at(0).toString(), ssofix::SupportAccount);
    QCOMPARE(roles.first().at(1).toInt(), 2);
    QComboBox *combo = picker.roleCombo();
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->itemText(0), QStringLiteral("ReadOnly"));
    QCOMPARE(combo->itemText(1), QStringLiteral("PartnerSupport"));
    QVERIFY(picker.roleName().isEmpty());  // two to choose from: none chosen for the person
    QVERIFY(picker.chooseRole(QStringLiteral("PartnerSupport")));
    QCOMPARE(picker.roleName(), QStringLiteral("PartnerSupport"));
    QVERIFY(!picker.chooseRole(QStringLiteral("JobWorker")));

    // An account with one role has it chosen.
    click(&picker, ssofix::PartnerAccount);
    QVERIFY(roles.wait(20000));
    QCOMPARE(picker.accountId(), ssofix::PartnerAccount);
    QCOMPARE(picker.roleName(), QStringLiteral("JobWorker"));

    // Back to the first: its roles come from memory, and the role first chosen there is not kept.
    const int listings = m_fake->operationCount(QStringLiteral("ListAccountRoles"));
    click(&picker, ssofix::SupportAccount);
    QCOMPARE(picker.roleCombo()->count(), 2);
    QCOMPARE(m_fake->operationCount(QStringLiteral("ListAccountRoles")), listings);
    QVERIFY(picker.roleName().isEmpty());
}

void TestSsoAccountPicker::savedChoiceSelected()
{
    SsoAccountPicker picker;
    picker.show();
    picker.setSelection(ssofix::SupportAccount, QStringLiteral("PartnerSupport"));
    QCOMPARE(picker.accountId(), ssofix::SupportAccount);
    QCOMPARE(picker.roleName(), QStringLiteral("PartnerSupport"));
    QVERIFY(picker.statusText().contains(ssofix::SupportAccount));
    QSignalSpy roles(&picker, &SsoAccountPicker::rolesListed);
    QVERIFY(loadInto(&picker));
    QVERIFY(roles.wait(20000));
    QCOMPARE(picker.accountView()->currentIndex().data(SsoAccountsModel::AccountIdRole).toString(),
             ssofix::SupportAccount);
    QCOMPARE(picker.roleCombo()->count(), 2);
    QCOMPARE(picker.roleName(), QStringLiteral("PartnerSupport"));

    // A saved role the account no longer offers is not chosen.
    picker.setSelection(ssofix::PartnerAccount, QStringLiteral("Gone"));
    QVERIFY(roles.wait(20000));
    QCOMPARE(picker.accountId(), ssofix::PartnerAccount);
    QCOMPARE(picker.roleName(), QStringLiteral("JobWorker"));  // its only role
}

void TestSsoAccountPicker::savedAccountNotListed()
{
    SsoAccountPicker picker;
    picker.show();
    picker.setSelection(QStringLiteral("999988887777"), QStringLiteral("ReadOnly"));
    QSignalSpy changed(&picker, &SsoAccountPicker::selectionChanged);
    QVERIFY(loadInto(&picker));
    QVERIFY(picker.accountId().isEmpty());
    QVERIFY(picker.roleName().isEmpty());
    QVERIFY(!changed.isEmpty());
    QVERIFY2(picker.errorText().contains(QStringLiteral("999988887777")), qPrintable(picker.errorText()));
}

void TestSsoAccountPicker::revokedTokenShownInline()
{
    const auto token = signIn();
    QVERIFY(token);
    QVERIFY(m_fake->revokeSsoToken(token->accessToken));
    SsoAccountPicker picker;
    picker.show();
    QSignalSpy failed(&picker, &SsoAccountPicker::failed);
    picker.load(m_portal.get(), token->accessToken);
    QVERIFY(failed.wait(20000));
    const auto error = failed.first().first().value<Error>();
    QCOMPARE(error.code, QStringLiteral("UnauthorizedException"));
    QVERIFY(!picker.isBusy());
    QVERIFY(!picker.isListed());
    QCOMPARE(picker.model()->rowCount(), 0);
    // The portal's words, and what to do about them.
    QVERIFY2(picker.errorText().contains(error.message), qPrintable(picker.errorText()));
    QVERIFY2(picker.errorText().contains(sso::SsoPortalClient::explain(error)), qPrintable(picker.errorText()));
    QVERIFY(picker.findChild<QWidget *>(QStringLiteral("ssoPickerError"))->isVisible());
}

QTEST_MAIN(TestSsoAccountPicker)
#include "tst_ssoaccountpicker.moc"
