#pragma once

// The strip above a job's pages that acts on the job: Acknowledge, Report
// Success…, Report Failure… (the window's own actions, so they are enabled as
// the Job menu's are), what CodePipeline said last, and, for a polled job whose
// client token is not saved, the field that asks for it.

#include "core/secret.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace jobdesk::gui {

class JobActionBar : public QWidget
{
    Q_OBJECT

public:
    explicit JobActionBar(QWidget *parent = nullptr);

    // The window's actions, shown as buttons; they may be set once.
    void setActions(QAction *acknowledge, QAction *success, QAction *failure);
    // What the last action came to, e.g. "Acknowledged: InProgress"; empty hides it.
    void setStatus(const QString &text, bool ok = true);
    QString statusText() const;

    // Asks for the client token of a job polled for clientId (the job is not fetched yet).
    void askForToken(const QString &clientId);
    void hideTokenPrompt();
    bool isAskingForToken() const;
    QString clientId() const { return m_clientId; }

    QLineEdit *tokenEdit() const { return m_token; }
    QCheckBox *saveTokenCheck() const { return m_saveToken; }
    QPushButton *fetchButton() const { return m_fetch; }
    QToolButton *button(int index) const { return m_buttons[index]; }  // 0 acknowledge, 1 success, 2 failure

Q_SIGNALS:
    // Fetch pressed with a token typed in; save: keep it for the client ID in the keychain.
    void fetchRequested(const jobdesk::Secret &token, bool save);

private:
    QWidget *m_tokenRow;
    QLabel *m_tokenLabel;
    QLineEdit *m_token;
    QCheckBox *m_saveToken;
    QPushButton *m_fetch;
    QLabel *m_status;
    QLabel *m_statusError;
    QToolButton *m_buttons[3];
    QString m_clientId;
};

}  // namespace jobdesk::gui
