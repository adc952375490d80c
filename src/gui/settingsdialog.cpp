#include "gui/settingsdialog.h"

#include "core/inputcheck.h"
#include "gui/translations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace jobdesk::gui {

SettingsDialog::SettingsDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_connectTimeout(new QSpinBox(this))
    , m_readTimeout(new QSpinBox(this))
    , m_attempts(new QSpinBox(this))
    , m_proxyMode(new QComboBox(this))
    , m_proxyHost(new QLineEdit(this))
    , m_proxyPort(new QSpinBox(this))
    , m_caBundle(new QLineEdit(this))
    , m_verifyTls(new QCheckBox(tr("&Verify TLS certificates"), this))
    , m_s3Endpoint(new QLineEdit(this))
    , m_tlsWarning(new QLabel(this))
    , m_theme(new QComboBox(this))
    , m_language(new QComboBox(this))
    , m_languageNote(new QLabel(this))
    , m_shareSso(new QCheckBox(tr("Share s&ign-in with the AWS CLI"), this))
    , m_shareSsoNote(new QLabel(this))
    , m_startLanguage(settings.language)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));

    for (QSpinBox *spin : {m_connectTimeout, m_readTimeout}) {
        spin->setRange(0, 3600);
        spin->setSuffix(tr(" s"));
        spin->setSpecialValueText(tr("No timeout"));
    }
    m_connectTimeout->setAccessibleName(tr("Connect timeout in seconds"));
    m_readTimeout->setAccessibleName(tr("Read timeout in seconds"));
    m_attempts->setRange(1, 10);
    m_attempts->setAccessibleName(tr("Attempts per request, the first included"));
    m_proxyMode->addItem(tr("System proxy"), int(AppSettings::ProxyMode::System));
    m_proxyMode->addItem(tr("No proxy"), int(AppSettings::ProxyMode::None));
    m_proxyMode->addItem(tr("Manual HTTP proxy"), int(AppSettings::ProxyMode::Manual));
    m_proxyMode->setAccessibleName(tr("Proxy"));
    m_proxyHost->setPlaceholderText(tr("proxy.example.com"));
    m_proxyHost->setObjectName(QStringLiteral("proxyHost"));
    m_proxyHost->setAccessibleName(tr("Proxy host"));
    m_proxyPort->setRange(1, 65535);
    m_proxyPort->setAccessibleName(tr("Proxy port"));
    m_caBundle->setPlaceholderText(tr("Only the system's certificates"));
    m_caBundle->setObjectName(QStringLiteral("caBundle"));
    m_caBundle->setAccessibleName(tr("CA bundle file"));
    m_caBundle->setClearButtonEnabled(true);
    m_verifyTls->setAccessibleName(tr("Verify TLS certificates"));
    m_s3Endpoint->setObjectName(QStringLiteral("s3Endpoint"));
    m_s3Endpoint->setPlaceholderText(tr("S3's public endpoints"));
    m_s3Endpoint->setAccessibleName(tr("S3 endpoint URL"));
    m_s3Endpoint->setToolTip(tr("Where artifacts are downloaded from and uploaded to, for a private endpoint or a "
                                "local emulator. Empty: AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL when set, else S3's "
                                "public hosts."));
    m_s3Endpoint->setClearButtonEnabled(true);
    m_tlsWarning->setWordWrap(true);
    m_tlsWarning->setText(tr("<b>Verification off:</b> anyone on the network path can read and change what "
                             "JobDesk sends and receives, including the client token and artifact credentials. "
                             "Use a CA bundle instead where you can."));
    QPalette pal = m_tlsWarning->palette();
    pal.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_tlsWarning->setPalette(pal);

    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->addItem(tr("Same as the system"), Theme::key(Theme::Choice::System));
    m_theme->addItem(tr("Light"), Theme::key(Theme::Choice::Light));
    m_theme->addItem(tr("Dark"), Theme::key(Theme::Choice::Dark));
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(tr("Same as the system"), QString());
    // Each language is named in itself, so that a person can find their own in any translation.
    for (const QString &code : Translations::languages()) {
        QString name = code == QLatin1String("en") ? QStringLiteral("English") : QLocale(code).nativeLanguageName();
        name[0] = name[0].toUpper();
        m_language->addItem(name, code);
    }
    m_languageNote->setObjectName(QStringLiteral("languageNote"));
    m_languageNote->setWordWrap(true);
    m_languageNote->setText(tr("The new language is used the next time JobDesk starts."));

    m_shareSso->setObjectName(QStringLiteral("shareSsoCheck"));
    m_shareSso->setAccessibleName(tr("Share IAM Identity Center sign-ins with the AWS CLI"));
    m_shareSsoNote->setObjectName(QStringLiteral("shareSsoNote"));
    m_shareSsoNote->setWordWrap(true);
    m_shareSsoNote->setText(tr("When on, an IAM Identity Center sign-in is also written to the AWS CLI's token cache "
                               "(~/.aws/sso/cache, a file only you can read), so that the AWS CLI and SDKs use it "
                               "too. Off by default: JobDesk then keeps sign-ins in the system keychain only."));

    auto *browse = new QPushButton(tr("Bro&wse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("CA Bundle"), m_caBundle->text(),
                                                          tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty())
            m_caBundle->setText(file);
    });

    auto *proxyRow = new QHBoxLayout;
    proxyRow->addWidget(m_proxyHost, 1);
    proxyRow->addWidget(m_proxyPort);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caBundle, 1);
    caRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Connect timeout:"), m_connectTimeout);
    form->addRow(tr("&Read timeout:"), m_readTimeout);
    form->addRow(tr("&Attempts:"), m_attempts);
    form->addRow(tr("&Proxy:"), m_proxyMode);
    // A row holding a layout gets no buddy of its own; without one the "&" would show.
    const auto buddyLabel = [this](const QString &text, QWidget *buddy) {
        auto *label = new QLabel(text, this);
        label->setBuddy(buddy);
        return label;
    };
    form->addRow(buddyLabel(tr("Proxy &host and port:"), m_proxyHost), proxyRow);
    form->addRow(buddyLabel(tr("CA &bundle:"), m_caBundle), caRow);
    form->addRow(QString(), m_verifyTls);
    form->addRow(QString(), m_tlsWarning);
    form->addRow(buddyLabel(tr("&S3 endpoint:"), m_s3Endpoint), m_s3Endpoint);
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(), m_languageNote);
    form->addRow(QString(), m_shareSso);
    form->addRow(QString(), m_shareSsoNote);
    m_fieldErrors.addBelow(form, m_proxyHost);
    m_fieldErrors.addBelow(form, m_caBundle);
    m_fieldErrors.addBelow(form, m_s3Endpoint);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    // Room for a file path and the message under it, and never less than the layout needs:
    // a minimum set by hand replaces the layout's, and translations run longer.
    setMinimumWidth(qMax(560, layout->minimumSize().width()));
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateEnabled);
    connect(m_verifyTls, &QCheckBox::toggled, this, &SettingsDialog::updateEnabled);
    connect(m_language, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateEnabled);
    setSettings(settings);
}

void SettingsDialog::setSettings(const AppSettings &s)
{
    m_connectTimeout->setValue(s.connectTimeoutSeconds);
    m_readTimeout->setValue(s.readTimeoutSeconds);
    m_attempts->setValue(s.maxAttempts);
    m_proxyMode->setCurrentIndex(m_proxyMode->findData(int(s.proxyMode)));
    m_proxyHost->setText(s.proxyHost);
    m_proxyPort->setValue(s.proxyPort);
    m_caBundle->setText(s.caBundleFile);
    m_verifyTls->setChecked(s.verifyTls);
    m_s3Endpoint->setText(s.s3Endpoint);
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(Theme::key(s.theme))));
    m_language->setCurrentIndex(qMax(0, m_language->findData(s.language)));
    m_shareSso->setChecked(s.shareSsoWithAwsCli);
    updateEnabled();
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s;
    s.connectTimeoutSeconds = m_connectTimeout->value();
    s.readTimeoutSeconds = m_readTimeout->value();
    s.maxAttempts = m_attempts->value();
    s.proxyMode = AppSettings::ProxyMode(m_proxyMode->currentData().toInt());
    s.proxyHost = m_proxyHost->text().trimmed();
    s.proxyPort = m_proxyPort->value();
    s.caBundleFile = m_caBundle->text().trimmed();
    s.verifyTls = m_verifyTls->isChecked();
    s.s3Endpoint = m_s3Endpoint->text().trimmed();
    s.theme = Theme::fromKey(m_theme->currentData().toString());
    s.language = m_language->currentData().toString();
    s.shareSsoWithAwsCli = m_shareSso->isChecked();
    return s;
}

QString SettingsDialog::fieldError(QWidget *field) const
{
    return m_fieldErrors.message(field);
}

bool SettingsDialog::validate()
{
    m_fieldErrors.clear();
    const AppSettings s = settings();
    if (s.proxyMode == AppSettings::ProxyMode::Manual) {
        if (Status host = InputCheck::text(tr("The proxy host"), m_proxyHost->text().trimmed()); !host)
            m_fieldErrors.show(m_proxyHost, host.error().message);
    }
    // The bundle is read when verification is on; a path with spaces around it is trimmed, as saved.
    if (s.verifyTls && !s.caBundleFile.isEmpty()) {
        if (auto bundle = InputCheck::caBundle(tr("The CA bundle"), s.caBundleFile); !bundle)
            m_fieldErrors.show(m_caBundle, bundle.error().message);
    }
    if (!s.s3Endpoint.isEmpty()) {
        if (auto url = InputCheck::endpointUrl(tr("The S3 endpoint"), s.s3Endpoint); !url)
            m_fieldErrors.show(m_s3Endpoint, url.error().message);
    }
    if (QWidget *first = m_fieldErrors.firstWithMessage()) {
        first->setFocus();
        return false;
    }
    return true;
}

void SettingsDialog::accept()
{
    if (validate())
        QDialog::accept();
}

void SettingsDialog::updateEnabled()
{
    const bool manual = AppSettings::ProxyMode(m_proxyMode->currentData().toInt()) == AppSettings::ProxyMode::Manual;
    m_proxyHost->setEnabled(manual);
    m_proxyPort->setEnabled(manual);
    m_tlsWarning->setVisible(!m_verifyTls->isChecked());
    m_languageNote->setVisible(m_language->currentData().toString() != m_startLanguage);
}

}  // namespace jobdesk::gui
