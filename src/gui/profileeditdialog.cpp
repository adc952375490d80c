#include "gui/profileeditdialog.h"

#include "gui/ssoaccountpicker.h"

#include "core/aws/endpointresolver.h"
#include "core/inputcheck.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/ssoprofileconfig.h"
#include "core/sso/ssosessions.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace jobdesk::gui {

using profiles::Profile;

namespace {

QString sessionKey(const sso::SsoSignIn::Settings &s)
{
    return s.startUrl + QLatin1Char('\n') + s.region + QLatin1Char('\n') + s.sessionName;
}

QString link(const QUrl &url, const QString &text)
{
    return QStringLiteral("<a href=\"%1\">%2</a>")
        .arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(), text.toHtmlEscaped());
}

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
    , m_startUrl(new QLineEdit(profile.sso.startUrl, this))
    , m_ssoRegion(new QComboBox(this))
    , m_sessionName(new QLineEdit(this))
    , m_flow(new QComboBox(this))
    , m_signInButton(new QPushButton(tr("Sign &In…"), this))
    , m_cancelButton(new QPushButton(tr("Cancel Sign-In"), this))
    , m_signInState(new QLabel(this))
    , m_picker(new SsoAccountPicker(this))
    , m_sessionFollowsName(profile.sso.sessionName.isEmpty() || profile.sso.sessionName == profile.name)
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("profileEditDialog"));
    switch (mode) {
    case Mode::Add:
        setWindowTitle(profile.source == Profile::CredentialSource::Sso ? tr("New SSO Profile") : tr("Add Profile"));
        break;
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
    m_source->addItem(tr("IAM Identity Center (SSO)"), int(Profile::CredentialSource::Sso));
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
    m_form = form;
    addSsoRows(profile);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_keysNote);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        m_fieldErrors.clear();  // a message about a field the new source hides would linger
        updateFields();
    });
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
    const bool sso = source == Profile::CredentialSource::Sso;
    m_shared->setEnabled(source == Profile::CredentialSource::SharedConfig);
    for (QLineEdit *e : {m_accessKeyId, m_secretKey, m_sessionToken})
        e->setEnabled(keychain);
    // An SSO profile has no keys to type and many fields of its own: only one set is shown.
    for (QWidget *w : std::initializer_list<QWidget *>{m_shared, m_accessKeyId, m_secretKey, m_sessionToken})
        m_form->setRowVisible(w, !sso);
    m_form->setRowVisible(m_copyKeys, m_mode == Mode::Import);
    for (QWidget *w : std::initializer_list<QWidget *>{m_startUrl, m_ssoRegion, m_sessionName, m_signInState, m_picker})
        m_form->setRowVisible(w, sso);
    m_form->setRowVisible(m_signInRow, sso);
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
    if (p.source == Profile::CredentialSource::Sso) {
        const sso::SsoSignIn::Settings session = ssoSession();
        p.sso = {session.startUrl, session.region, session.sessionName, m_picker->accountId(), m_picker->roleName()};
    }
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
    if (p.source == Profile::CredentialSource::Sso) {
        checkSsoSession();
        checkSsoRole();
    }

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

ProfileEditDialog::~ProfileEditDialog()
{
    if (m_sessions)
        disconnect(m_sessions, nullptr, this, nullptr);  // its failure must not reach a half-destroyed editor
    if (m_startedSignIn && m_signIn)
        m_signIn->cancel();  // nobody is left to wait for it; a joined one is another window's
}

// --- IAM Identity Center --------------------------------------------------------------

void ProfileEditDialog::addSsoRows(const Profile &profile)
{
    m_startUrl->setObjectName(QStringLiteral("ssoStartUrl"));
    m_startUrl->setAccessibleName(tr("Start URL"));
    m_startUrl->setPlaceholderText(QStringLiteral("https://d-1234567890.awsapps.com/start"));
    m_ssoRegion->setObjectName(QStringLiteral("ssoRegion"));
    m_ssoRegion->setAccessibleName(tr("SSO region"));
    m_ssoRegion->setEditable(true);
    m_ssoRegion->setInsertPolicy(QComboBox::NoInsert);
    m_ssoRegion->addItems(aws::EndpointResolver::knownRegions());
    m_ssoRegion->setCurrentText(profile.sso.region.isEmpty() ? QStringLiteral("us-east-1") : profile.sso.region);
    m_sessionName->setObjectName(QStringLiteral("ssoSessionName"));
    m_sessionName->setAccessibleName(tr("Session name"));
    m_sessionName->setText(profile.sso.sessionName.isEmpty() ? profile.name : profile.sso.sessionName);
    m_sessionName->setPlaceholderText(tr("the profile's name"));
    m_flow->setObjectName(QStringLiteral("ssoSignInFlow"));
    m_flow->setAccessibleName(tr("How to sign in"));
    m_flow->addItem(tr("The browser on this computer"), int(sso::SsoSessions::Flow::AuthorizationCode));
    m_flow->addItem(tr("A code confirmed on another device"), int(sso::SsoSessions::Flow::DeviceCode));
    m_signInButton->setObjectName(QStringLiteral("ssoSignIn"));
    m_cancelButton->setObjectName(QStringLiteral("ssoCancelSignIn"));
    m_cancelButton->hide();
    m_signInState->setObjectName(QStringLiteral("ssoSignInState"));
    m_signInState->setWordWrap(true);
    m_signInState->setTextFormat(Qt::RichText);
    m_signInState->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_signInState->setOpenExternalLinks(true);
    m_picker->setSelection(profile.sso.accountId, profile.sso.roleName);

    auto *flowLabel = new QLabel(tr("Sign in &with:"), this);
    flowLabel->setBuddy(m_flow);
    m_signInRow = new QHBoxLayout;
    m_signInRow->addWidget(m_flow);
    m_signInRow->addWidget(m_signInButton);
    m_signInRow->addWidget(m_cancelButton);
    m_signInRow->addStretch();
    // Below the name, region and endpoint, where the key rows are for the other sources.
    int row = m_form->rowCount();
    m_form->insertRow(row++, tr("Start &URL:"), m_startUrl);
    m_form->insertRow(row++, tr("SSO re&gion:"), m_ssoRegion);
    m_form->insertRow(row++, tr("Session na&me:"), m_sessionName);
    m_form->insertRow(row++, flowLabel, m_signInRow);
    m_form->insertRow(row++, QString(), m_signInState);
    m_form->insertRow(row++, m_picker);
    // On the label and as What's This: the field's own tooltip is where FieldErrors puts its message.
    const auto explain = [this](QWidget *field, const QString &text) {
        m_form->labelForField(field)->setToolTip(text);
        field->setWhatsThis(text);
    };
    explain(m_startUrl, tr("The address of your AWS access portal, where you sign in to IAM Identity Center"));
    explain(m_ssoRegion, tr("The region where your organisation runs IAM Identity Center"));
    explain(m_sessionName,
            tr("Names the sign-in, as an sso-session does for the AWS CLI. Profiles with the same "
               "session share one sign-in: signing in once serves them all."));
    for (QWidget *field : std::initializer_list<QWidget *>{m_startUrl, m_ssoRegion, m_sessionName})
        m_fieldErrors.addBelow(m_form, field);
    m_fieldErrors.addBelow(m_picker->formLayout(), m_picker->accountView());
    m_fieldErrors.addBelow(m_picker->formLayout(), m_picker->roleCombo());
    showSignInState(tr("Sign in to list the accounts and roles you may use."), false);

    connect(m_signInButton, &QPushButton::clicked, this, &ProfileEditDialog::signIn);
    connect(m_cancelButton, &QPushButton::clicked, this, &ProfileEditDialog::cancelSignIn);
    // The session name is the profile's until the person types another.
    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &name) {
        if (m_sessionFollowsName)
            m_sessionName->setText(name.trimmed());
    });
    connect(m_sessionName, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_sessionFollowsName = text.trimmed().isEmpty() || text.trimmed() == m_name->text().trimmed();
    });
    for (QLineEdit *edit : {m_name, m_startUrl, m_sessionName})
        connect(edit, &QLineEdit::textChanged, this, &ProfileEditDialog::sessionFieldsChanged);
    connect(m_ssoRegion, &QComboBox::currentTextChanged, this, &ProfileEditDialog::sessionFieldsChanged);
}

sso::SsoSignIn::Settings ProfileEditDialog::ssoSession() const
{
    // The resolver's own reading of the profile, so that the editor signs in to the very
    // session (and keychain entry) the profile's requests will use.
    Profile p;
    p.name = m_name->text().trimmed();
    p.sso.startUrl = m_startUrl->text().trimmed();
    p.sso.region = m_ssoRegion->currentText().trimmed();
    p.sso.sessionName = m_sessionName->text().trimmed();
    return profiles::ssoProfileConfig(p).session;
}

void ProfileEditDialog::setSsoSessions(sso::SsoSessions *sessions)
{
    if (m_sessions)
        disconnect(m_sessions, nullptr, this, nullptr);
    m_sessions = sessions;
    if (!sessions)
        return;
    connect(sessions, &sso::SsoSessions::signedIn, this,
            [this](const sso::SsoSignIn::Settings &session, const sso::SsoCachedToken &token) {
                // Another window's sign-in of the same session serves this editor too.
                if (sessionKey(session) == sessionKey(ssoSession()))
                    signedIn(token);
            });
    connect(sessions, &sso::SsoSessions::signInFailed, this,
            [this](const sso::SsoSignIn::Settings &session, const Error &error) {
                if (sessionKey(session) != sessionKey(ssoSession()) || !m_signIn)
                    return;
                m_signIn = nullptr;
                m_startedSignIn = false;
                if (error.kind == Error::Kind::Cancelled) {
                    showSignInState(tr("Sign-in cancelled."), false);
                } else {
                    const QString why =
                        error.hint.isEmpty() ? error.message : error.message + QLatin1Char(' ') + error.hint;
                    showSignInState(tr("The sign-in failed: %1").arg(why.toHtmlEscaped()), false);
                }
                Q_EMIT ssoSignInFailed(error);
            });
    // An SSO profile opened for editing: list its accounts at once if its sign-in is still valid.
    const sso::SsoSignIn::Settings session = ssoSession();
    if (m_source->currentData().toInt() != int(Profile::CredentialSource::Sso) || session.startUrl.isEmpty()
        || !InputCheck::region(QString(), session.region).ok())
        return;
    if (sso::SsoSignIn *running = sessions->runningSignIn(session)) {
        m_signIn = running;
        showSignInState(tr("Waiting for the sign-in under way…"), true);
        return;
    }
    sessions->token(session, this, [this, session](Result<sso::SsoCachedToken> token) {
        if (token && !m_signIn && sessionKey(session) == sessionKey(ssoSession()))
            signedIn(token.value());
    });
}

bool ProfileEditDialog::checkSsoSession()
{
    bool ok = true;
    const auto show = [&](QWidget *field, const QString &message) {
        m_fieldErrors.show(field, message);
        ok = false;
    };
    const QString url = m_startUrl->text().trimmed();
    if (url.isEmpty()) {
        show(m_startUrl,
             tr("Enter the start URL of your AWS access portal, e.g. https://d-1234567890.awsapps.com/start."));
    } else if (auto checked = InputCheck::endpointUrl(tr("The start URL"), url); !checked) {
        show(m_startUrl, checked.error().message);
    } else if (checked.value().scheme() != QLatin1String("https")) {
        show(m_startUrl, tr("The start URL must begin with https://: IAM Identity Center signs in only over HTTPS."));
    }
    const QString region = m_ssoRegion->currentText().trimmed();
    if (region.isEmpty())
        show(m_ssoRegion, tr("Choose the region where IAM Identity Center runs."));
    else if (Status s = InputCheck::region(tr("The SSO region"), region); !s)
        show(m_ssoRegion, s.error().message);
    InputCheck::TextRules rules;
    rules.allowEmpty = true;  // the profile's name then, which has its own check
    rules.allowSpacesInside = true;
    if (Status s = InputCheck::text(tr("The session name"), m_sessionName->text().trimmed(), rules); !s)
        show(m_sessionName, s.error().message);
    return ok;
}

void ProfileEditDialog::checkSsoRole()
{
    static const QRegularExpression twelveDigits(QStringLiteral("^[0-9]{12}$"));
    const QString account = m_picker->accountId();
    if (account.isEmpty())
        m_fieldErrors.show(m_picker->accountView(), tr("Sign in, then choose the account this profile uses."));
    else if (!twelveDigits.match(account).hasMatch())
        m_fieldErrors.show(m_picker->accountView(), tr("An AWS account ID is 12 digits; choose the account again."));
    else if (m_picker->roleName().isEmpty())
        m_fieldErrors.show(m_picker->roleCombo(), tr("Choose the role this profile takes in the account."));
}

void ProfileEditDialog::signIn()
{
    m_fieldErrors.clear();
    m_error->hide();
    if (!checkSsoSession()) {
        m_fieldErrors.firstWithMessage()->setFocus();
        return;
    }
    if (!m_sessions) {
        showSignInState(tr("Signing in is not available here."), false);
        return;
    }
    const sso::SsoSignIn::Settings session = ssoSession();
    // A valid sign-in of the same session (another profile's, or the AWS CLI's) is used as it is.
    showSignInState(tr("Looking for a sign-in to reuse…"), false);
    m_signInButton->setEnabled(false);
    m_sessions->token(session, this, [this, session](Result<sso::SsoCachedToken> token) {
        m_signInButton->setEnabled(true);
        if (sessionKey(session) != sessionKey(ssoSession()))
            return;  // the fields changed meanwhile
        if (token)
            signedIn(token.value());
        else
            startInteractiveSignIn(session);
    });
}

void ProfileEditDialog::startInteractiveSignIn(const sso::SsoSignIn::Settings &session)
{
    const bool joined = m_sessions->runningSignIn(session) != nullptr;
    const auto flow = sso::SsoSessions::Flow(m_flow->currentData().toInt());
    sso::SsoSignIn *signIn = m_sessions->signIn(session, flow);
    if (!signIn) {
        showSignInState(tr("The sign-in could not start."), false);
        return;
    }
    m_signIn = signIn;
    m_startedSignIn = !joined;
    connect(signIn, &sso::SsoSignIn::browserUrlReady, this, [this](const QUrl &url) {
        const bool opened = m_openBrowser ? m_openBrowser(url) : QDesktopServices::openUrl(url);
        showSignInState(opened ? tr("Continue in your browser: sign in there and allow JobDesk access. %1")
                                     .arg(link(url, tr("Open the page again")))
                               : tr("Open %1 in a browser, sign in there and allow JobDesk access.")
                                     .arg(link(url, tr("the sign-in page"))),
                        true);
    });
    connect(signIn, &sso::SsoSignIn::deviceCodeReady, this,
            [this](const QString &userCode, const QUrl &verificationUri, const QUrl &complete) {
                showSignInState(
                    tr("On any device, open %1 and confirm the code %2.")
                        .arg(link(complete.isEmpty() ? verificationUri : complete, verificationUri.toString()),
                             QStringLiteral("<b>%1</b>").arg(userCode.toHtmlEscaped())),
                    true);
            });
    showSignInState(joined ? tr("Waiting for the sign-in under way…") : tr("Starting the sign-in…"), true);
}

void ProfileEditDialog::signedIn(const sso::SsoCachedToken &token)
{
    m_signIn = nullptr;
    m_startedSignIn = false;
    const sso::SsoSignIn::Settings session = ssoSession();
    auto portal = m_sessions->portal(session.region);
    if (!portal) {
        showSignInState(
            tr("Signed in, but the accounts cannot be listed: %1").arg(portal.error().message.toHtmlEscaped()), false);
        return;
    }
    showSignInState(tr("Signed in to %1.").arg(session.startUrl.toHtmlEscaped()), false);
    m_listedFor = sessionKey(session);
    m_picker->load(portal.value(), token.accessToken);
    Q_EMIT ssoSignedIn();
}

void ProfileEditDialog::cancelSignIn()
{
    if (QPointer<sso::SsoSignIn> signIn = std::exchange(m_signIn, nullptr)) {
        m_startedSignIn = false;
        signIn->cancel();
        showSignInState(tr("Sign-in cancelled."), false);
    }
}

void ProfileEditDialog::showSignInState(const QString &text, bool running)
{
    m_signInState->setText(text);
    m_signInButton->setVisible(!running);
    m_cancelButton->setVisible(running);
}

void ProfileEditDialog::sessionFieldsChanged()
{
    // Accounts listed for another sign-in are not this one's to choose from.
    if (m_listedFor.isEmpty() || m_listedFor == sessionKey(ssoSession()))
        return;
    m_listedFor.clear();
    m_picker->clear();
    showSignInState(tr("Sign in to list the accounts and roles you may use."), isSigningIn());
}

}  // namespace jobdesk::gui
