#pragma once

// Edits the settings: timeouts, retry attempts, proxy, CA bundle and TLS
// verification (with a warning when it is turned off), the S3 endpoint, theme,
// language, and sharing IAM Identity Center sign-ins with the AWS CLI.

#include "gui/appsettings.h"
#include "gui/fielderrors.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace jobdesk::gui {

class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);

    AppSettings settings() const;
    void setSettings(const AppSettings &settings);

    QSpinBox *connectTimeoutSpin() const { return m_connectTimeout; }
    QSpinBox *readTimeoutSpin() const { return m_readTimeout; }
    QSpinBox *attemptsSpin() const { return m_attempts; }
    QComboBox *proxyModeCombo() const { return m_proxyMode; }
    QLineEdit *caBundleEdit() const { return m_caBundle; }
    QCheckBox *verifyTlsCheck() const { return m_verifyTls; }
    QComboBox *themeCombo() const { return m_theme; }
    QComboBox *languageCombo() const { return m_language; }
    QCheckBox *shareSsoCheck() const { return m_shareSso; }
    QLineEdit *proxyHostEdit() const { return m_proxyHost; }
    QLineEdit *s3EndpointEdit() const { return m_s3Endpoint; }
    QString fieldError(QWidget *field) const;

    // Checks the proxy host, the CA bundle and the S3 endpoint; a problem is shown under its field.
    bool validate();
    void accept() override;

private:
    void updateEnabled();

    QSpinBox *m_connectTimeout;
    QSpinBox *m_readTimeout;
    QSpinBox *m_attempts;
    QComboBox *m_proxyMode;
    QLineEdit *m_proxyHost;
    QSpinBox *m_proxyPort;
    QLineEdit *m_caBundle;
    QCheckBox *m_verifyTls;
    QLineEdit *m_s3Endpoint;
    QLabel *m_tlsWarning;
    QComboBox *m_theme;
    QComboBox *m_language;
    QLabel *m_languageNote;
    QCheckBox *m_shareSso;
    QLabel *m_shareSsoNote;
    QString m_startLanguage;
    FieldErrors m_fieldErrors;
};

}  // namespace jobdesk::gui
