#include "gui/profileeditdialog.h"

#include "core/inputcheck.h"
#include "core/profiles/profilestore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace jobdesk::gui {

using profiles::Profile;

namespace {

QLineEdit *passwordEdit(QWidget *parent, const QString &objectName, const QString &accessibleName)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}

}  // namespace

ProfileEditDialog::ProfileEditDialog(Mode mode, const Profile &profile, const QStringList &sharedProfiles,
                                     QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_original(mode == Mode::Edit ? profile.name : QString())
    , m_name(new QLineEdit(profile.name, this))
    , m_region(new QLineEdit(profile.region, this))
    , m_endpoint(new QLineEdit(profile.endpoint.toString(), this))
    , m_source(new QComboBox(this))
    , m_shared(new QComboBox(this))
    , m_accessKeyId(new QLineEdit(this))
    , m_secretKey(passwordEdit(this, QStringLiteral("secretAccessKey"), tr("Secret access key")))
    , m_sessionToken(passwordEdit(this, QStringLiteral("sessionToken"), tr("Session token")))
    , m_copyKeys(new QCheckBox(tr("&Copy its keys into the keychain instead of linking it"), this))
    , m_keysNote(new QLabel(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("profileEditDialog"));
    switch (mode) {
    case Mode::Add: setWindowTitle(tr("Add Profile")); break;
    case Mode::Edit: setWindowTitle(tr("Edit Profile “%1”").arg(profile.name)); break;
    case Mode::Import: setWindowTitle(tr("Import AWS Profile")); break;
    }
    m_name->setObjectName(QStringLiteral("profileName"));
    m_name->setAccessibleName(tr("Profile name"));
    m_region->setObjectName(QStringLiteral("profileRegion"));
    m_region->setAccessibleName(tr("Region"));
    m_region->setPlaceholderText(tr("e.g. us-east-1; empty: from the AWS profile or environment"));
    m_endpoint->setObjectName(QStringLiteral("profileEndpoint"));
    m_endpoint->setAccessibleName(tr("Endpoint override"));
    m_endpoint->setPlaceholderText(tr("empty: the service's normal endpoint"));
    m_source->setObjectName(QStringLiteral("profileSource"));
    m_source->setAccessibleName(tr("Credential source"));
    m_source->addItem(tr("Keys in the system keychain"), int(Profile::CredentialSource::Keychain));
    m_source->addItem(tr("Linked AWS shared-config profile"), int(Profile::CredentialSource::SharedConfig));
    m_source->addItem(tr("Environment variables"), int(Profile::CredentialSource::Environment));
    m_source->setCurrentIndex(m_source->findData(int(profile.source)));
    m_shared->setObjectName(QStringLiteral("sharedProfile"));
    m_shared->setAccessibleName(tr("AWS profile"));
    m_shared->addItems(sharedProfiles);
    if (!profile.sharedConfigProfile.isEmpty()) {
        if (m_shared->findText(profile.sharedConfigProfile) < 0)
            m_shared->addItem(profile.sharedConfigProfile);
        m_shared->setCurrentText(profile.sharedConfigProfile);
    }
    m_accessKeyId->setObjectName(QStringLiteral("accessKeyId"));
    m_accessKeyId->setAccessibleName(tr("Access key ID"));
    m_copyKeys->setObjectName(QStringLiteral("copyKeys"));
    m_copyKeys->setVisible(mode == Mode::Import);
    if (mode == Mode::Edit && profile.source == Profile::CredentialSource::Keychain) {
        const QString kept = tr("stored in the keychain; leave empty to keep");
        m_accessKeyId->setPlaceholderText(kept);
        m_secretKey->setPlaceholderText(kept);
        m_sessionToken->setPlaceholderText(kept);
    }
    m_keysNote->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("profileError"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Region:"), m_region);
    form->addRow(tr("&Endpoint:"), m_endpoint);
    form->addRow(tr("&Keys from:"), m_source);
    form->addRow(tr("AWS &profile:"), m_shared);
    form->addRow(QString(), m_copyKeys);
    form->addRow(tr("&Access key ID:"), m_accessKeyId);
    form->addRow(tr("&Secret access key:"), m_secretKey);
    form->addRow(tr("Session &token:"), m_sessionToken);
    for (QWidget *field : std::initializer_list<QWidget *>{m_name, m_region, m_endpoint, m_shared, m_accessKeyId,
                                                           m_secretKey, m_sessionToken})
        m_fieldErrors.addBelow(form, field);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_keysNote);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_source, &QComboBox::currentIndexChanged, this, &ProfileEditDialog::updateFields);
    connect(m_copyKeys, &QCheckBox::toggled, this, &ProfileEditDialog::updateFields);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProfileEditDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (mode == Mode::Import) {
        m_source->setCurrentIndex(m_source->findData(int(Profile::CredentialSource::SharedConfig)));
        m_source->setEnabled(false);
    }
    updateFields();
    // Room for the placeholders that explain the empty key fields, and never less than the
    // layout needs: a minimum set by hand replaces the layout's, and translations run longer.
    setMinimumWidth(qMax(520, layout->minimumSize().width()));
    m_name->setFocus();
}

void ProfileEditDialog::updateFields()
{
    const auto source = Profile::CredentialSource(m_source->currentData().toInt());
    const bool keychain = source == Profile::CredentialSource::Keychain;
    const bool copy = m_mode == Mode::Import && m_copyKeys->isChecked();
    m_shared->setEnabled(source == Profile::CredentialSource::SharedConfig);
    for (QLineEdit *e : {m_accessKeyId, m_secretKey, m_sessionToken})
        e->setEnabled(keychain);
    if (m_mode == Mode::Import) {
        m_keysNote->setText(copy ? tr("The AWS profile's static keys are copied into the system keychain now; later "
                                      "changes to the AWS files do not apply.")
                                 : tr("The AWS profile is read each time a request needs it; no key is copied."));
    } else {
        m_keysNote->clear();
    }
    m_keysNote->setVisible(!m_keysNote->text().isEmpty());
}

Profile ProfileEditDialog::profile() const
{
    Profile p;
    p.name = m_name->text().trimmed();
    p.region = m_region->text().trimmed();
    p.endpoint = QUrl(m_endpoint->text().trimmed());
    p.source = Profile::CredentialSource(m_source->currentData().toInt());
    if (copyKeys())
        p.source = Profile::CredentialSource::Keychain;
    if (p.source == Profile::CredentialSource::SharedConfig)
        p.sharedConfigProfile = m_shared->currentText();
    return p;
}

bool ProfileEditDialog::copyKeys() const
{
    return m_mode == Mode::Import && m_copyKeys->isChecked();
}

std::optional<aws::Credentials> ProfileEditDialog::credentials() const
{
    if (profile().source != Profile::CredentialSource::Keychain || copyKeys())
        return std::nullopt;
    if (m_accessKeyId->text().isEmpty() && m_secretKey->text().isEmpty() && m_sessionToken->text().isEmpty())
        return std::nullopt;
    aws::Credentials c;
    c.accessKeyId = m_accessKeyId->text().trimmed();
    c.secretAccessKey = Secret(m_secretKey->text());
    c.sessionToken = Secret(m_sessionToken->text());
    return c;
}

QString ProfileEditDialog::errorText() const
{
    QStringList all = m_fieldErrors.messages();
    if (!m_error->isHidden())
        all << m_error->text();
    return all.join(QLatin1Char('\n'));
}

QString ProfileEditDialog::fieldError(QWidget *field) const
{
    return m_fieldErrors.message(field);
}

void ProfileEditDialog::checkKeys()
{
    const QString id = m_accessKeyId->text();
    const QString secret = m_secretKey->text();
    const QString token = m_sessionToken->text();
    if (id.isEmpty() && secret.isEmpty() && token.isEmpty()) {
        if (m_mode != Mode::Edit)
            m_fieldErrors.show(m_accessKeyId, tr("Enter the access key ID and the secret access key."));
        return;  // editing: the stored keys are kept
    }
    const QString both = m_mode == Mode::Edit
        ? tr("Enter both the access key ID and the secret access key, or neither to keep the "
             "stored keys.")
        : tr("Enter both the access key ID and the secret access key.");
    if (id.isEmpty())
        m_fieldErrors.show(m_accessKeyId, both);
    else if (Status s = InputCheck::accessKeyId(tr("The access key ID"), id); !s)
        m_fieldErrors.show(m_accessKeyId, s.error().message);
    // The secrets' messages never quote what was typed.
    if (secret.isEmpty())
        m_fieldErrors.show(m_secretKey, both);
    else if (Status s = InputCheck::text(tr("The secret access key"), secret); !s)
        m_fieldErrors.show(m_secretKey, s.error().message);
    InputCheck::TextRules optional;
    optional.allowEmpty = true;
    if (Status s = InputCheck::text(tr("The session token"), token, optional); !s)
        m_fieldErrors.show(m_sessionToken, s.error().message);
}

bool ProfileEditDialog::validate()
{
    m_fieldErrors.clear();
    m_error->hide();
    const Profile p = profile();
    if (Status s = profiles::ProfileStore::validateName(p.name); !s)
        m_fieldErrors.show(m_name, s.error().message);
    // Region and endpoint are optional; what is typed is trimmed first, as the profile stores it.
    if (!p.region.isEmpty()) {
        if (Status s = InputCheck::region(tr("The region"), p.region); !s)
            m_fieldErrors.show(m_region, s.error().message);
    }
    if (const QString endpoint = m_endpoint->text().trimmed(); !endpoint.isEmpty()) {
        if (auto url = InputCheck::endpointUrl(tr("The endpoint"), endpoint); !url)
            m_fieldErrors.show(m_endpoint, url.error().message);
    }
    if (p.source == Profile::CredentialSource::SharedConfig && p.sharedConfigProfile.isEmpty())
        m_fieldErrors.show(m_shared, tr("Choose the AWS profile to link."));
    if (p.source == Profile::CredentialSource::Keychain && !copyKeys())
        checkKeys();

    if (QWidget *first = m_fieldErrors.firstWithMessage()) {
        first->setFocus();
        return false;
    }
    // The store's own rules; the field checks above cover them, so this is a safety net.
    if (Status s = profiles::ProfileStore::validate(p); !s) {
        m_error->setText(s.error().message);
        m_error->show();
        return false;
    }
    return true;
}

void ProfileEditDialog::accept()
{
    if (validate())
        QDialog::accept();
}

}  // namespace jobdesk::gui
