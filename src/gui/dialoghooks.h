#pragma once

// Answers for modal dialogs, so that tests can give them before the action
// that opens a dialog; when a hook is unset the real dialog is shown.

#include "core/secret.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <functional>

class QWidget;

namespace jobdesk::gui {

struct ActionSummary;
class FailureResultDialog;
class MfaDialog;
class ProfileEditDialog;
class ProfileManagerDialog;
class SettingsDialog;
class SsoSignInDialog;
class SuccessResultDialog;
class UploadDialog;

struct DialogHooks
{
    Q_DECLARE_TR_FUNCTIONS(DialogHooks)

public:
    std::function<QString(const QString &suggestedPath)> saveFileName;  // empty: cancelled
    std::function<QString()> openFileName;                              // empty: cancelled
    std::function<QString(const QString &suggested)> folderName;        // an existing folder; empty: cancelled
    std::function<bool(const QString &question)> confirm;               // warned choices
    std::function<void(const QString &title, const QString &text)> message;
    std::function<bool(SettingsDialog *dialog)> settings;                     // true: accepted
    std::function<bool(MfaDialog *dialog)> mfa;                               // true: accepted
    std::function<void(ProfileManagerDialog *dialog)> profileManager;         // drive it, then return to close it
    std::function<bool(ProfileEditDialog *dialog)> profileEditor;             // true: accepted
    std::function<QString(const QString &suggested)> tokenLabel;              // empty: cancelled
    std::function<Secret(const QString &prompt)> clientToken;                 // empty: cancelled
    std::function<bool(SuccessResultDialog *dialog)> successResult;           // true: accepted
    std::function<bool(FailureResultDialog *dialog)> failureResult;           // true: accepted
    std::function<bool(const QString &text, bool &dontAskAgain)> pollNotice;  // true: poll
    std::function<bool(const ActionSummary &summary)> confirmAction;          // true: send
    std::function<bool(UploadDialog *dialog)> upload;                         // true: accepted
    std::function<bool(const QUrl &url)> openUrl;                             // true: a browser took it
    // The sign-in dialog has just opened; it stays open until its sign-in ends or is cancelled.
    std::function<void(SsoSignInDialog *dialog)> ssoSignIn;

    // A warning with Yes and Cancel (or the confirm hook); true for Yes.
    bool askToConfirm(QWidget *parent, const QString &question) const;
    // A warning to read and close (or the message hook).
    void showMessage(QWidget *parent, const QString &title, const QString &text) const;
    // The platform's browser (or the openUrl hook); false when none took the address.
    bool openInBrowser(const QUrl &url) const;
};

}  // namespace jobdesk::gui
