#include "gui/profilemanagerdialog.h"

#include "gui/mainwindow.h"
#include "gui/profileeditdialog.h"

#include "core/aws/endpointresolver.h"
#include "core/codepipeline/operationcall.h"
#include "core/codepipeline/servicemodel.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/sharedconfig.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace jobdesk::gui {

using profiles::Profile;
using profiles::ProfileStore;

ProfileManagerDialog::ProfileManagerDialog(ProfileStore *store, profiles::CredentialResolver *resolver,
                                           aws::AwsClient *client, const AppSettings &settings,
                                           const DialogHooks *hooks, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_resolver(resolver)
    , m_client(client)
    , m_settings(settings)
    , m_hooks(hooks)
    , m_list(new QListWidget(this))
    , m_details(new QLabel(this))
    , m_status(new QLabel(this))
    , m_add(new QPushButton(tr("&Add…"), this))
    , m_addSso(new QPushButton(tr("New &SSO Profile…"), this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_remove(new QPushButton(tr("&Delete"), this))
    , m_import(new QPushButton(tr("&Import from AWS Config…"), this))
    , m_test(new QPushButton(tr("&Test"), this))
{
    setObjectName(QStringLiteral("profileManager"));
    setWindowTitle(tr("Profiles"));
    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setAccessibleName(tr("JobDesk profiles"));
    m_details->setObjectName(QStringLiteral("profileDetails"));
    m_details->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("profileStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_test->setToolTip(tr("Make one signed call to CodePipeline with the profile's keys"));
    m_addSso->setObjectName(QStringLiteral("addSsoProfile"));
    m_addSso->setToolTip(tr("Sign in with IAM Identity Center and pick an account and role"));

    auto *buttons = new QVBoxLayout;
    for (QPushButton *b : {m_add, m_addSso, m_edit, m_remove, m_import, m_test})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(m_details);
    layout->addWidget(m_status);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &ProfileManagerDialog::addProfile);
    connect(m_addSso, &QPushButton::clicked, this, &ProfileManagerDialog::addSsoProfile);
    connect(m_edit, &QPushButton::clicked, this, [this] { editProfile(currentName()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeProfile(currentName()); });
    connect(m_test, &QPushButton::clicked, this, [this] { testProfile(currentName()); });
    connect(m_list, &QListWidget::itemActivated, this, [this] { editProfile(currentName()); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        setWorking(false);
        // Where the selected profile's keys come from, in words, under the list.
        const auto p = m_store->profile(currentName());
        m_details->setText(
            !p ? QString()
               : tr("%1 · region %2")
                     .arg(m_list->currentItem()->toolTip(), p->region.isEmpty() ? tr("not set") : p->region));
    });
    connect(m_import, &QPushButton::clicked, this, [this] {
        const QStringList names = sharedProfileNames();
        if (names.isEmpty()) {
            report(false,
                   tr("The AWS shared config (%1) has no profiles to import.")
                       .arg(profiles::SharedConfig::configFilePath(m_resolver->environment())));
            return;
        }
        bool ok = false;
        const QString chosen =
            QInputDialog::getItem(this, tr("Import AWS Profile"), tr("AWS profile:"), names, 0, false, &ok);
        if (ok)
            importProfile(chosen);
    });
    connect(m_store, &ProfileStore::profilesChanged, this, &ProfileManagerDialog::reload);
    reload();
    resize(560, 360);
}

QStringList ProfileManagerDialog::profileNames() const
{
    QStringList names;
    for (int i = 0; i < m_list->count(); ++i)
        names << m_list->item(i)->text();
    return names;
}

QString ProfileManagerDialog::currentName() const
{
    return m_list->currentItem() ? m_list->currentItem()->text() : QString();
}

QString ProfileManagerDialog::statusText() const
{
    return m_status->text();
}

void ProfileManagerDialog::reload()
{
    const QString current = currentName();
    m_list->clear();
    for (const Profile &p : m_store->profiles()) {
        auto *item = new QListWidgetItem(p.name, m_list);
        switch (p.source) {
        case Profile::CredentialSource::Keychain: item->setToolTip(tr("Keys in the system keychain")); break;
        case Profile::CredentialSource::SharedConfig:
            item->setToolTip(tr("Linked to AWS profile “%1”").arg(p.sharedConfigProfile));
            break;
        case Profile::CredentialSource::Environment: item->setToolTip(tr("Keys from the environment")); break;
        case Profile::CredentialSource::Sso:
            item->setToolTip(
                tr("Role %1 in account %2 through IAM Identity Center").arg(p.sso.roleName, p.sso.accountId));
            break;
        }
        if (p.name == current)
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
    setWorking(false);
}

void ProfileManagerDialog::setWorking(bool working)
{
    const bool selected = m_list->currentItem() != nullptr;
    m_add->setEnabled(!working);
    m_addSso->setEnabled(!working);
    m_import->setEnabled(!working);
    m_edit->setEnabled(!working && selected);
    m_remove->setEnabled(!working && selected);
    m_test->setEnabled(!working && selected);
}

void ProfileManagerDialog::report(bool ok, const QString &message)
{
    setWorking(false);
    m_status->setText(message);
    Q_EMIT finished(ok, message);
}

QStringList ProfileManagerDialog::sharedProfileNames() const
{
    const auto shared = profiles::SharedConfig::load(m_resolver->environment());
    return shared ? shared.value().profileNames() : QStringList();
}

bool ProfileManagerDialog::runEditor(ProfileEditDialog *dialog)
{
    if (m_hooks && m_hooks->profileEditor)
        return m_hooks->profileEditor(dialog) && dialog->validate();
    return dialog->exec() == QDialog::Accepted;
}

void ProfileManagerDialog::addProfile()
{
    addWith(Profile());
}

void ProfileManagerDialog::addSsoProfile()
{
    Profile blank;
    blank.source = Profile::CredentialSource::Sso;
    addWith(blank);
}

void ProfileManagerDialog::addWith(const Profile &blank)
{
    ProfileEditDialog dialog(ProfileEditDialog::Mode::Add, blank, sharedProfileNames(), this);
    dialog.setSsoSessions(m_resolver->ssoSessions());
    if (!runEditor(&dialog)) {
        report(false, {});
        return;
    }
    save(dialog.profile(), dialog.credentials(), {});
}

void ProfileManagerDialog::editProfile(const QString &name)
{
    const auto existing = m_store->profile(name);
    if (!existing) {
        report(false, tr("There is no profile “%1”.").arg(name));
        return;
    }
    ProfileEditDialog dialog(ProfileEditDialog::Mode::Edit, *existing, sharedProfileNames(), this);
    dialog.setSsoSessions(m_resolver->ssoSessions());
    if (!runEditor(&dialog)) {
        report(false, {});
        return;
    }
    const Profile edited = dialog.profile();
    save(edited, dialog.credentials(), edited.name != name ? name : QString());
}

void ProfileManagerDialog::importProfile(const QString &awsProfile)
{
    Profile linked;
    linked.name = awsProfile;
    linked.source = Profile::CredentialSource::SharedConfig;
    linked.sharedConfigProfile = awsProfile;
    const QStringList names = sharedProfileNames();
    ProfileEditDialog dialog(ProfileEditDialog::Mode::Import, linked, names, this);
    if (!runEditor(&dialog)) {
        report(false, {});
        return;
    }
    Profile chosen = dialog.profile();
    if (!dialog.copyKeys()) {
        save(chosen, std::nullopt, {});
        return;
    }
    // Copying is the person's explicit choice; only static keys can be copied.
    const QString source = dialog.sharedProfileCombo()->currentText();
    const auto shared = profiles::SharedConfig::load(m_resolver->environment());
    if (!shared) {
        report(false, shared.error().message);
        return;
    }
    std::optional<aws::Credentials> keys;
    for (auto file : {profiles::SharedConfig::File::Credentials, profiles::SharedConfig::File::Config}) {
        const auto found = shared.value().staticCredentials(source, file);
        if (!found) {
            report(false, found.error().message);
            return;
        }
        if (found.value()) {
            keys = found.value();
            break;
        }
    }
    if (!keys) {
        report(false,
               tr("AWS profile “%1” has no static keys to copy (it may use a role or credential_process). "
                  "Link it instead.")
                   .arg(source));
        return;
    }
    if (chosen.region.isEmpty())
        chosen.region = shared.value().value(source, QStringLiteral("region")).value_or(QString());
    save(chosen, keys, {});
}

void ProfileManagerDialog::save(const Profile &profile, std::optional<aws::Credentials> keys, const QString &renameFrom)
{
    setWorking(true);
    m_status->setText(tr("Saving profile “%1”…").arg(profile.name));
    auto store = [this, profile, keys] {
        m_store->saveProfile(profile, keys ? &*keys : nullptr, this, [this, name = profile.name](Status s) {
            if (!s) {
                report(false, s.error().message + QLatin1Char(' ') + s.error().hint);
                return;
            }
            // Its settings changed, so keys resolved under the old ones must not be reused.
            m_resolver->forgetProfile(name);
            report(true, tr("Saved profile “%1”.").arg(name));
        });
    };
    if (renameFrom.isEmpty()) {
        store();
        return;
    }
    m_store->renameProfile(renameFrom, profile.name, this, [this, store, renameFrom](Status s) {
        if (!s) {
            report(false, s.error().message + QLatin1Char(' ') + s.error().hint);
            return;
        }
        m_resolver->forgetProfile(renameFrom);  // the old name is closed
        store();
    });
}

void ProfileManagerDialog::removeProfile(const QString &name)
{
    if (!m_store->contains(name)) {
        report(false, tr("There is no profile “%1”.").arg(name));
        return;
    }
    const QString question = tr("Delete profile “%1” and the keys it keeps in the system keychain?").arg(name);
    const bool yes = m_hooks && m_hooks->confirm
        ? m_hooks->confirm(question)
        : QMessageBox::question(this, tr("Delete Profile"), question) == QMessageBox::Yes;
    if (!yes) {
        report(false, {});
        return;
    }
    setWorking(true);
    m_store->removeProfile(name, this, [this, name](Status s) {
        if (!s) {
            report(false, s.error().message + QLatin1Char(' ') + s.error().hint);
            return;
        }
        m_resolver->forgetProfile(name);  // no key resolved for a deleted profile outlives it
        report(true, tr("Deleted profile “%1”.").arg(name));
    });
}

void ProfileManagerDialog::testProfile(const QString &name)
{
    if (name.isEmpty()) {
        report(false, tr("Choose a profile to test."));
        return;
    }
    setWorking(true);
    m_status->setText(tr("Testing profile “%1”…").arg(name));
    m_resolver->resolve(name, this, [this, name](Result<profiles::ResolvedConfig> resolved) {
        if (!resolved) {
            report(false, tr("Profile “%1” has no usable keys: %2").arg(name, resolved.error().summary()));
            return;
        }
        const profiles::ResolvedConfig &rc = resolved.value();
        const QString region = rc.region.isEmpty() ? QStringLiteral("us-east-1") : rc.region;
        const auto endpoint = aws::EndpointResolver::resolve(region, false, rc.endpointUrl.toString());
        if (!endpoint) {
            report(false, endpoint.error().message);
            return;
        }
        aws::ClientConfig config;
        config.endpoint = endpoint.value();
        config.credentials = rc.credentials;
        config.userAgent = QStringLiteral("JobDesk/") + QStringLiteral(JOBDESK_VERSION);
        if (Status applied = m_settings.applyTo(config); !applied) {
            report(false, applied.error().message);
            return;
        }
        const codepipeline::Json params = {{"jobId", testJobId().toStdString()}, {"clientToken", "jobdesk-key-test"}};
        auto *call = codepipeline::OperationCall::start(
            m_client, config, *codepipeline::ServiceModel::codePipeline().operation("GetThirdPartyJobDetails"), params);
        connect(call, &codepipeline::OperationCall::finished, this, [this, call, name] {
            const auto &result = call->result();
            const QString code = result ? QString() : result.error().code;
            if (result || code == QLatin1String("JobNotFoundException")
                || code == QLatin1String("InvalidJobException")) {
                report(true,
                       tr("The keys of “%1” work: CodePipeline accepted the signed call (and, as expected, "
                          "does not know the test job).")
                           .arg(name));
            } else if (code == QLatin1String("InvalidSignatureException")
                       || code == QLatin1String("SignatureDoesNotMatch")) {
                report(false,
                       tr("The keys of “%1” do not work: the secret access key does not belong to the access "
                          "key ID (%2).")
                           .arg(name, code));
            } else if (code == QLatin1String("UnrecognizedClientException")
                       || code == QLatin1String("InvalidClientTokenId")) {
                report(false,
                       tr("The keys of “%1” do not work: AWS does not know this access key ID (%2).").arg(name, code));
            } else {
                report(false,
                       tr("The test of “%1” could not tell whether the keys work: %2")
                           .arg(name, result.error().summary()));
            }
        });
    });
}

}  // namespace jobdesk::gui
