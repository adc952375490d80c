#pragma once

// Asks for the current code of an MFA device when a profile's role needs one. MfaPrompter
// opens it window-modal without blocking, and answers the resolver from finished().

#include <QDialog>

class QLineEdit;
class QDialogButtonBox;

namespace jobdesk::gui {

class MfaDialog : public QDialog
{
    Q_OBJECT

public:
    MfaDialog(const QString &profileName, const QString &roleArn, const QString &mfaSerial, QWidget *parent = nullptr);

    QString code() const;
    QLineEdit *codeEdit() const { return m_code; }

private:
    QLineEdit *m_code;
    QDialogButtonBox *m_buttons;
};

}  // namespace jobdesk::gui
