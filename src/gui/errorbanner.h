#pragma once

// The strip above the results that explains a failed lookup: the error
// code, the service's message, the request ID, and what it means in plain
// words, with "Sign In Again" when a new sign-in is the cure. Also used, in
// its warning style, for the "TLS verification is off" notice.

#include "core/error.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace jobdesk::gui {

class ErrorBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Style { Error, Warning };

    explicit ErrorBanner(Style style = Style::Error, QWidget *parent = nullptr);

    void showError(const Error &error);
    void showText(const QString &title, const QString &text);  // a fixed notice
    void setClosable(bool closable);
    void dismiss();

    const Error &error() const { return m_error; }
    QString titleText() const;
    QString messageText() const;
    QString requestIdText() const;
    QString explanationText() const;
    // "Sign In Again", shown for an error that a new IAM Identity Center sign-in resolves.
    QPushButton *signInButton() const { return m_signIn; }

    // The plain-language explanation shown for an error.
    static QString explain(const Error &error);

Q_SIGNALS:
    void signInRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColours();

    Style m_style;
    Error m_error;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_message;
    QLabel *m_requestId;
    QLabel *m_explanation;
    QPushButton *m_signIn;
    QToolButton *m_close;
};

}  // namespace jobdesk::gui
