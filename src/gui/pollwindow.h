#pragma once

// The "Poll for Jobs" window: which action type to poll for (remembered per profile), a plain
// notice of what polling does before the first poll in a session, and the jobs handed out,
// newest first. It polls nothing itself: it asks for a poll with pollRequested().

#include "core/codepipeline/responseparser.h"
#include "core/error.h"
#include "gui/fielderrors.h"
#include "gui/modelfieldcheck.h"
#include "gui/polledjobsmodel.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace jobdesk::gui {

struct DialogHooks;
class ErrorBanner;

class PollWindow : public QWidget
{
    Q_OBJECT

public:
    // hooks may be null (the real notice is shown); it must outlive the window.
    explicit PollWindow(const DialogHooks *hooks, QWidget *parent = nullptr);

    // Says where the poll goes and loads the action type remembered for profile.
    void setTarget(const QString &profile, const QString &region, const QString &endpoint);
    // {"actionTypeId":{"category","owner","provider","version"},"maxBatchSize":n}; nothing when a
    // field is bad, which then says why under it (the first bad one focused).
    std::optional<codepipeline::Json> validatedParameters();
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    // A poll's answer: its jobs go on top; none is said in the window.
    void addJobs(const QList<PolledJob> &jobs);
    void showError(const Error &error);

    // The text of the notice shown before the first poll of a session.
    static QString noticeText();
    // Forgets that the notice was accepted in this process, as a new session would (for tests).
    static void resetSessionNotice();

    QComboBox *categoryCombo() const { return m_category; }
    QLabel *ownerLabel() const { return m_owner; }
    QLineEdit *providerEdit() const { return m_provider; }
    QLineEdit *versionEdit() const { return m_version; }
    QSpinBox *batchSizeSpin() const { return m_batchSize; }
    QPushButton *pollButton() const { return m_poll; }
    QPushButton *openButton() const { return m_open; }
    QTableView *jobsView() const { return m_view; }
    PolledJobsModel *jobsModel() const { return m_model; }
    QLabel *targetLabel() const { return m_target; }
    QLabel *statusLabel() const { return m_status; }
    ErrorBanner *errorBanner() const { return m_banner; }
    QString fieldError(QWidget *field) const;

Q_SIGNALS:
    // After validation and the notice; the action type is remembered for the profile by then.
    void pollRequested(const jobdesk::codepipeline::Json &parameters);
    void jobActivated(const QString &jobId, const QString &clientId);

private:
    void poll();
    bool noticeAccepted();
    void remember(const codepipeline::Json &parameters) const;
    void load();
    void openRow(int row);

    const DialogHooks *m_hooks;
    QString m_profile;
    QLabel *m_target;
    QComboBox *m_category;
    QLabel *m_owner;
    QLineEdit *m_provider;
    QLineEdit *m_version;
    QSpinBox *m_batchSize;
    QPushButton *m_poll;
    QProgressBar *m_busyBar;
    ErrorBanner *m_banner;
    QLabel *m_status;
    QTableView *m_view;
    PolledJobsModel *m_model;
    QPushButton *m_open;
    FieldErrors m_fieldErrors;
    ModelFieldCheck m_check;
    bool m_busy = false;
};

}  // namespace jobdesk::gui
