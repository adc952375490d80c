#include "gui/jobactionbar.h"

#include "gui/fielderrors.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace jobdesk::gui {

JobActionBar::JobActionBar(QWidget *parent)
    : QWidget(parent)
    , m_tokenRow(new QWidget(this))
    , m_tokenLabel(new QLabel(m_tokenRow))
    , m_token(new QLineEdit(m_tokenRow))
    , m_saveToken(new QCheckBox(m_tokenRow))
    , m_fetch(new QPushButton(QIcon(QStringLiteral(":/icons/fetch.svg")), tr("Fetch Job"), m_tokenRow))
    , m_status(new QLabel(this))
    , m_statusError(FieldErrors::newLabel(this))
{
    setObjectName(QStringLiteral("jobActionBar"));

    m_tokenLabel->setWordWrap(true);
    m_token->setObjectName(QStringLiteral("polledTokenEdit"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("Client token"));
    m_token->setAccessibleName(tr("Client token of the polled job"));
    m_tokenLabel->setBuddy(m_token);
    m_saveToken->setObjectName(QStringLiteral("saveClientToken"));
    m_fetch->setObjectName(QStringLiteral("fetchPolledJob"));
    // Enter in the field fetches; the button has no mnemonic, as the window's own keys are all taken.
    connect(m_token, &QLineEdit::returnPressed, m_fetch, &QPushButton::click);
    connect(m_fetch, &QPushButton::clicked, this, [this] {
        const QString token = m_token->text().trimmed();
        if (token.isEmpty()) {
            m_token->setFocus();
            return;
        }
        Q_EMIT fetchRequested(Secret(token), m_saveToken->isChecked());
    });
    auto *tokenFields = new QHBoxLayout;
    tokenFields->addWidget(m_token, 1);
    tokenFields->addWidget(m_saveToken);
    tokenFields->addWidget(m_fetch);
    auto *tokenLayout = new QVBoxLayout(m_tokenRow);
    tokenLayout->setContentsMargins(0, 0, 0, 0);
    tokenLayout->addWidget(m_tokenLabel);
    tokenLayout->addLayout(tokenFields);
    m_tokenRow->hide();

    m_status->setObjectName(QStringLiteral("actionStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    m_statusError->setObjectName(QStringLiteral("actionStatusError"));
    m_statusError->setWordWrap(false);
    m_statusError->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    for (QToolButton *&button : m_buttons) {
        button = new QToolButton(this);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(false);
        button->hide();
        row->addWidget(button);
    }
    row->addSpacing(12);
    row->addWidget(m_status, 1);
    row->addWidget(m_statusError, 1);
    row->addStretch();  // the buttons stay together on the left while no status is shown

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(9, 6, 9, 0);
    layout->addWidget(m_tokenRow);
    layout->addLayout(row);
}

void JobActionBar::setActions(QAction *acknowledge, QAction *success, QAction *failure)
{
    QAction *actions[] = {acknowledge, success, failure};
    for (int i = 0; i < 3; ++i) {
        m_buttons[i]->setDefaultAction(actions[i]);
        m_buttons[i]->setVisible(actions[i] != nullptr);
    }
}

void JobActionBar::setStatus(const QString &text, bool ok)
{
    // A failure reads in the error colour, as field messages do.
    m_status->setText(ok ? text : QString());
    m_status->setVisible(ok && !text.isEmpty());
    m_statusError->setText(ok ? QString() : text);
    m_statusError->setVisible(!ok && !text.isEmpty());
}

QString JobActionBar::statusText() const
{
    return m_status->isHidden() ? m_statusError->text() : m_status->text();
}

void JobActionBar::askForToken(const QString &clientId)
{
    m_clientId = clientId;
    m_tokenLabel->setText(tr("This job was polled and is not fetched yet. Enter the client token of client %1 to "
                             "fetch its details.")
                              .arg(clientId));
    m_saveToken->setText(tr("&Save for this client"));
    m_saveToken->setToolTip(
        tr("Keeps the token in the system keychain, so jobs of client %1 open fetched.").arg(clientId));
    m_tokenRow->show();
    m_token->setFocus();
}

void JobActionBar::hideTokenPrompt()
{
    m_token->clear();
    m_tokenRow->hide();
}

bool JobActionBar::isAskingForToken() const
{
    return !m_tokenRow->isHidden();
}

}  // namespace jobdesk::gui
