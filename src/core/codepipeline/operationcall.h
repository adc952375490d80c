#pragma once

// One CodePipeline operation in flight: validates the parameters against the
// model, sends them as JSON 1.1, and parses the answer into the AWS CLI's
// shape. Emits finished() once, then deletes itself.

#include "core/aws/awsclient.h"
#include "core/codepipeline/responseparser.h"
#include "core/codepipeline/servicemodel.h"

#include <QObject>
#include <QPointer>

namespace jobdesk::codepipeline {

// Holds a ParsedResponse: the same report from clang-tidy about nlohmann::json's destructor.
struct OperationResult  // NOLINT(bugprone-exception-escape)
{
    ParsedResponse response;
    QString requestId;
    int attempts = 0;
    qint64 elapsedMs = 0;
};

class OperationCall : public QObject
{
    Q_OBJECT

public:
    // Starts the call on the next turn of the event loop.
    static OperationCall *start(aws::AwsClient *client, const aws::ClientConfig &config, const Operation &operation,
                                const Json &params);

    const Operation &operation() const { return m_operation; }
    const Result<OperationResult> &result() const { return *m_result; }
    void cancel();

Q_SIGNALS:
    void finished();
    void wireEvent(const jobdesk::aws::WireEvent &event);

private:
    OperationCall(aws::AwsClient *client, const Operation &operation);
    void finish(Result<OperationResult> result);

    const Operation &m_operation;
    QPointer<aws::AwsCall> m_call;
    bool m_cancelled = false;
    std::optional<Result<OperationResult>> m_result;
};

// The JSON 1.1 body for params, byte for byte as botocore sends it.
QByteArray serializeRequest(const Json &params);

}  // namespace jobdesk::codepipeline
