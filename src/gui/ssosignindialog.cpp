#include "gui/ssosignindialog.h"

#include "gui/clipboard.h"
#include "gui/dialoghooks.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace jobdesk::gui {

using sso::SsoSessions;
using sso::SsoSignIn;

namespace {

Error cancelledError()
{
    return Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"),
                       SsoSignInDialog::tr("The sign-in was cancelled."));
}

QLabel *wrappedLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

}  // namespace

SsoSignInDialog::SsoSignInDialog(SsoSessions *sessions, const sso::SsoProfileConfig &profile, const DialogHooks *hooks,
                                 QWidget *parent)
    : QDialog(parent)
    , m_sessions(sessions)
    , m_profile(profile)
    , m_sessionKey(SsoSessions::sessionKey(profile.session))
    , m_hooks(hooks)
    , m_outcome(cancelledError())
    , m_intro(wrappedLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_startingText(wrappedLabel(this))
    , m_browserText(wrappedLabel(this))
    , m_browserUrlEdit(new QLineEdit(this))
    , m_openBrowser(new QPushButton(tr("&Open Browser Again"), this))
    , m_codeText(wrappedLabel(this))
    , m_code(new QLabel(this))
    , m_verification(wrappedLabel(this))
    , m_codeNote(wrappedLabel(this))
    , m_copyCode(new QPushButton(tr("Co&py Code"), this))
    , m_waiting(wrappedLabel(this))
    , m_useCode(new QPushButton(tr("Use a Code &Instead"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("ssoSignInDialog"));
    setWindowTitle(tr("Sign In"));

    const QString startUrl = profile.session.startUrl.toHtmlEscaped();
    m_intro->setObjectName(QStringLiteral("ssoIntro"));
    m_intro->setText(profile.profileName.isEmpty()
                         ? tr("Sign in to IAM Identity Center at <b>%1</b> to continue.").arg(startUrl)
                         : tr("Profile “%1” needs you to sign in to IAM Identity Center at <b>%2</b>.")
                               .arg(profile.profileName.toHtmlEscaped(), startUrl));

    m_startingText->setText(tr("Preparing the sign-in…"));

    // The browser (authorization code) page.
    m_browserText->setObjectName(QStringLiteral("ssoBrowserText"));
    m_browserUrlEdit->setObjectName(QStringLiteral("ssoBrowserUrl"));
    m_browserUrlEdit->setReadOnly(true);
    m_browserUrlEdit->setAccessibleName(tr("Sign-in page address"));
    m_openBrowser->setObjectName(QStringLiteral("ssoOpenBrowser"));
    m_openBrowser->setAutoDefault(false);
    connect(m_openBrowser, &QPushButton::clicked, this, [this] { openInBrowser(m_browserUrl); });
    auto *browserPage = new QWidget(m_pages);
    auto *browserLayout = new QVBoxLayout(browserPage);
    browserLayout->setContentsMargins(0, 0, 0, 0);
    browserLayout->addWidget(m_browserText);
    browserLayout->addWidget(m_browserUrlEdit);
    auto *againRow = new QHBoxLayout;
    againRow->addWidget(m_openBrowser);
    againRow->addStretch(1);
    browserLayout->addLayout(againRow);
    browserLayout->addStretch(1);

    // The device-code page: the code large enough to compare at a glance.
    m_codeText->setText(tr("Open the page below in a browser, on this computer or another one, and enter this "
                           "code:"));
    m_code->setObjectName(QStringLiteral("ssoUserCode"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(qMax(mono.pointSizeF(), 10.0) * 2.2);
    mono.setBold(true);
    mono.setLetterSpacing(QFont::PercentageSpacing, 115);
    m_code->setFont(mono);
    m_code->setAlignment(Qt::AlignCenter);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_code->setAccessibleName(tr("Sign-in code"));
    m_verification->setObjectName(QStringLiteral("ssoVerification"));
    m_verification->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_verification, &QLabel::linkActivated, this, [this](const QString &link) { openInBrowser(QUrl(link)); });
    m_codeNote->setObjectName(QStringLiteral("ssoCodeNote"));
    m_codeNote->setText(tr("Before you approve, check that the page shows this same code. Never approve a code "
                           "you did not ask for."));
    m_copyCode->setObjectName(QStringLiteral("ssoCopyCode"));
    m_copyCode->setAutoDefault(false);
    connect(m_copyCode, &QPushButton::clicked, this, [this] { Clipboard::copyText(m_userCode); });
    auto *codePage = new QWidget(m_pages);
    auto *codeLayout = new QVBoxLayout(codePage);
    codeLayout->setContentsMargins(0, 0, 0, 0);
    codeLayout->addWidget(m_codeText);
    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(m_copyCode, 0, Qt::AlignVCenter);
    codeLayout->addLayout(codeRow);
    codeLayout->addWidget(m_verification);
    codeLayout->addWidget(m_codeNote);
    codeLayout->addStretch(1);

    m_pages->addWidget(m_startingText);
    m_pages->addWidget(browserPage);
    m_pages->addWidget(codePage);

    m_waiting->setObjectName(QStringLiteral("ssoWaiting"));
    m_useCode->setObjectName(QStringLiteral("ssoUseCode"));
    m_useCode->setToolTip(tr("For when the browser is on another computer or cannot reach JobDesk: sign in with a "
                             "code you enter on the sign-in page instead."));
    m_useCode->setAutoDefault(false);
    m_buttons->addButton(m_useCode, QDialogButtonBox::ActionRole);
    connect(m_useCode, &QPushButton::clicked, this, &SsoSignInDialog::useDeviceCode);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SsoSignInDialog::reject);
    // Return must not cancel a sign-in by accident: no button is the default one.
    cancelButton()->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_waiting);
    layout->addWidget(m_buttons);
    setMinimumWidth(480);

    // The result arrives here after the token is stored, so a caller may use it at once.
    connect(m_sessions, &SsoSessions::signedIn, this,
            [this](const SsoSignIn::Settings &session, const sso::SsoCachedToken &) {
                if (isOurs(session))
                    finish(success());
            });
    connect(m_sessions, &SsoSessions::signInFailed, this, [this](const SsoSignIn::Settings &session, const Error &e) {
        // A failure while the sign-in we show still runs belongs to the one it replaced.
        if (isOurs(session) && !m_switching && !(m_signIn && m_signIn->isRunning()))
            finish(e);
    });
    setMode(Mode::Starting);
}

SsoSignInDialog::~SsoSignInDialog() = default;

bool SsoSignInDialog::isOurs(const SsoSignIn::Settings &session) const
{
    return SsoSessions::sessionKey(session) == m_sessionKey;
}

void SsoSignInDialog::follow(SsoSignIn *signIn)
{
    if (m_signIn)
        disconnect(m_signIn, nullptr, this, nullptr);
    m_signIn = signIn;
    if (!signIn)
        return;
    connect(signIn, &SsoSignIn::browserUrlReady, this, &SsoSignInDialog::showBrowserUrl);
    connect(signIn, &SsoSignIn::deviceCodeReady, this, &SsoSignInDialog::showDeviceCode);
    connect(signIn, &SsoSignIn::failed, this, [this](const Error &error) {
        if (!m_switching)
            finish(error);
    });
}

void SsoSignInDialog::showBrowserUrl(const QUrl &url)
{
    const bool fresh = url != m_browserUrl;
    m_browserUrl = url;
    m_browserUrlEdit->setText(url.toString(QUrl::FullyEncoded));
    m_browserUrlEdit->setCursorPosition(0);
    setMode(Mode::Browser);
    if (fresh)
        openInBrowser(url);
}

void SsoSignInDialog::showDeviceCode(const QString &userCode, const QUrl &verificationUri,
                                     const QUrl &verificationUriComplete)
{
    m_userCode = userCode;
    m_verificationUrl = verificationUriComplete.isValid() ? verificationUriComplete : verificationUri;
    m_code->setText(userCode);
    const QString shown = verificationUri.toString().toHtmlEscaped();
    m_verification->setText(tr("Sign-in page: %1")
                                .arg(QStringLiteral("<a href=\"%1\">%2</a>")
                                         .arg(m_verificationUrl.toString(QUrl::FullyEncoded).toHtmlEscaped(), shown)));
    setMode(Mode::DeviceCode);
}

void SsoSignInDialog::setMode(Mode mode)
{
    m_mode = mode;
    m_pages->setCurrentIndex(int(mode));
    m_useCode->setVisible(mode == Mode::Browser);
    switch (mode) {
    case Mode::Starting:
        m_waiting->clear();
        cancelButton()->setFocus();
        break;
    case Mode::Browser:
        m_browserText->setText(tr("<b>Continue in your browser.</b> JobDesk opened the sign-in page there: sign in "
                                  "and allow access, and this window closes by itself. If no page opened, open this "
                                  "address in your browser:"));
        m_waiting->setText(tr("Waiting for the browser…"));
        m_openBrowser->setFocus();
        break;
    case Mode::DeviceCode:
        m_waiting->setText(tr("Waiting for you to approve the code…"));
        m_copyCode->setFocus();
        break;
    }
}

void SsoSignInDialog::openInBrowser(const QUrl &url)
{
    if (!url.isValid() || m_hooks->openInBrowser(url))
        return;
    if (m_mode == Mode::Browser)
        m_browserText->setText(tr("<b>JobDesk could not open a browser.</b> Open this address in your browser, or "
                                  "use a code instead:"));
}

void SsoSignInDialog::useDeviceCode()
{
    if (m_finished)
        return;
    // The browser's sign-in ends quietly: its cancellation is not the dialog's outcome.
    m_switching = true;
    if (m_signIn) {
        disconnect(m_signIn, nullptr, this, nullptr);
        if (m_signIn->isRunning())
            m_signIn->cancel();
    }
    m_signIn = nullptr;
    SsoSignIn *next = m_sessions->signIn(m_profile.session, SsoSessions::Flow::DeviceCode);
    m_switching = false;
    m_browserUrl.clear();
    setMode(Mode::Starting);
    follow(next);
}

void SsoSignInDialog::reject()
{
    if (m_finished)
        return;
    if (m_signIn && m_signIn->isRunning())
        m_signIn->cancel();  // failed() follows at once, and ends the dialog
    finish(cancelledError());
}

void SsoSignInDialog::finish(const Status &outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome = outcome;
    if (m_signIn)
        disconnect(m_signIn, nullptr, this, nullptr);
    done(outcome.ok() ? QDialog::Accepted : QDialog::Rejected);
}

QString SsoSignInDialog::introText() const
{
    return m_intro->text();
}

QString SsoSignInDialog::browserUrlText() const
{
    return m_browserUrlEdit->text();
}

QString SsoSignInDialog::verificationText() const
{
    return m_verification->text();
}

QPushButton *SsoSignInDialog::cancelButton() const
{
    return m_buttons->button(QDialogButtonBox::Cancel);
}

}  // namespace jobdesk::gui
