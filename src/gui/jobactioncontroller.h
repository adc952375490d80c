#pragma once

// Runs the life of one call that acts on jobs for the window (poll, acknowledge,
// success or failure result): the profile's keys, the call, cancel, and the
// record of what was sent. It has no widgets: it reports with signals.

#include "gui/appsettings.h"

#include "core/aws/awsclient.h"
#include "core/aws/endpointresolver.h"
#include "core/codepipeline/jobdocument.h"
#include "core/error.h"
#include "core/output/activityentry.h"
#include "core/output/redactor.h"

#include <QObject>
#include <QPointer>

namespace jobdesk::codepipeline {
class OperationCall;
}

namespace jobdesk::gui {

class ProfileListModel;

class JobActionController : public QObject
{
    Q_OBJECT

public:
    // Where a call goes and what it carries.
    struct Request
    {
        int profileRow = -1;
        QString profile;
        QString region;
        aws::Endpoint endpoint;
        QString operation;          // the model's name, e.g. "AcknowledgeThirdPartyJob"
        codepipeline::Json params;  // complete, the client token included; scrubbed once sent
        QString jobId;              // empty for a poll
    };

    // The client and the profiles must outlive the controller.
    JobActionController(aws::AwsClient *client, ProfileListModel *profiles, QObject *parent = nullptr);
    ~JobActionController() override;

    void setSettings(const AppSettings &settings) { m_settings = settings; }
    bool isBusy() const { return m_busy; }
    QString jobId() const { return m_request.jobId; }

    // Ignored while a call runs.
    void start(Request request);
    // Ends the call: failed() follows with a Cancelled error.
    void cancel();

Q_SIGNALS:
    void busyChanged(bool busy);
    // The entry says what was sent (redacted) and how it ended; data is the answer's.
    void succeeded(const jobdesk::output::ActivityEntry &entry, const jobdesk::codepipeline::Json &data);
    void failed(const jobdesk::output::ActivityEntry &entry, const jobdesk::Error &error);

private:
    void send(aws::Credentials credentials);
    void onCallFinished();
    void fail(const Error &error);
    void finish();

    aws::AwsClient *m_client;
    ProfileListModel *m_profiles;
    AppSettings m_settings;
    Request m_request;
    output::ActivityEntry m_entry;
    output::Redactor m_redactor;
    QPointer<codepipeline::OperationCall> m_call;
    qint64 m_startedMs = 0;
    quint64 m_generation = 0;  // bumps on cancel so late credential callbacks are ignored
    bool m_busy = false;
};

// The outcome word of a successful answer, as the activity records it.
QString activityOutcome(const QString &operation, const codepipeline::Json &data);

}  // namespace jobdesk::gui
