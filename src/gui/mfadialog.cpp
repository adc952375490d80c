#include "gui/mfadialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace jobdesk::gui {

MfaDialog::MfaDialog(const QString &profileName, const QString &roleArn, const QString &mfaSerial, QWidget *parent)
    : QDialog(parent)
    , m_code(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("mfaDialog"));
    setWindowTitle(tr("MFA Code"));
    auto *text = new QLabel(tr("Profile “%1” assumes the role %2, which needs a code from the MFA device %3.")
                                .arg(profileName.toHtmlEscaped(), roleArn.toHtmlEscaped(), mfaSerial.toHtmlEscaped()),
                            this);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *label = new QLabel(tr("&Code:"), this);
    label->setBuddy(m_code);
    m_code->setObjectName(QStringLiteral("mfaCode"));
    m_code->setAccessibleName(tr("MFA code"));
    m_code->setPlaceholderText(tr("6 digits"));
    // STS wants exactly six digits; the resolver checks too, this only keeps typos out.
    m_code->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,6}")), m_code));
    m_code->setInputMethodHints(Qt::ImhDigitsOnly);

    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(false);
    connect(m_code, &QLineEdit::textChanged, this, [ok](const QString &t) { ok->setEnabled(t.size() == 6); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(label);
    layout->addWidget(m_code);
    layout->addWidget(m_buttons);
    m_code->setFocus();
}

QString MfaDialog::code() const
{
    return m_code->text();
}

}  // namespace jobdesk::gui
