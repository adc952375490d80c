#include "core/codepipeline/operationcall.h"

#include "core/codepipeline/paramvalidator.h"
#include "core/output/pythonrepr.h"

#include <QCoreApplication>
#include <QTimer>

namespace jobdesk::codepipeline {

QByteArray serializeRequest(const Json &params)
{
    // As botocore writes it (json.dumps with its defaults), so that the service receives the
    // very bytes the AWS CLI would send.
    const std::string text = output::pythonJsonDumps(params, output::JsonSeparators::Default);
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

OperationCall::OperationCall(aws::AwsClient *client, const Operation &operation)
    : QObject(client), m_operation(operation)
{
}

OperationCall *OperationCall::start(aws::AwsClient *client, const aws::ClientConfig &config, const Operation &operation,
                                    const Json &params)
{
    auto *self = new OperationCall(client, operation);
    Status valid = ParamValidator::validate(operation.input, params);
    if (!valid) {
        QTimer::singleShot(0, self, [self, error = valid.error()] { self->finish(error); });
        return self;
    }
    if (config.signRequests && !config.credentials.isComplete()) {
        QTimer::singleShot(0, self, [self] {
            self->finish(Error::make(
                Error::Kind::Credentials, QStringLiteral("NoCredentials"),
                QCoreApplication::translate("jobdesk::codepipeline::OperationCall", "Unable to locate credentials."),
                QCoreApplication::translate("jobdesk::codepipeline::OperationCall",
                                            "Choose a profile with AWS keys, or set "
                                            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")));
        });
        return self;
    }

    const QByteArray target =
        QByteArray(ServiceModel::targetPrefix()) + '.' + QByteArray::fromStdString(operation.name);
    aws::AwsCall *call = client->post(config, target, "application/x-amz-json-1.1", serializeRequest(params));
    self->m_call = call;
    connect(call, &aws::AwsCall::wireEvent, self, &OperationCall::wireEvent);
    connect(call, &aws::AwsCall::finished, self, [self, call] {
        const Result<aws::HttpResponse> &http = call->result();
        if (!http.ok()) {
            self->finish(http.error());
            return;
        }
        const aws::HttpResponse &response = http.value();
        auto parsed = ResponseParser::parse(self->m_operation.output, response.body);
        if (!parsed.ok()) {
            Error e = parsed.error();
            e.requestId = response.requestId;
            e.httpStatus = response.status;
            e.attempts = call->attempts();
            self->finish(e);
            return;
        }
        OperationResult out;
        out.response = std::move(parsed).value();
        out.requestId = response.requestId;
        out.attempts = call->attempts();
        out.elapsedMs = call->elapsedMs();
        self->finish(std::move(out));
    });
    return self;
}

void OperationCall::cancel()
{
    if (m_result)
        return;
    if (m_call) {
        m_call->cancel();
        return;
    }
    finish(
        Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"),
                    QCoreApplication::translate("jobdesk::codepipeline::OperationCall", "The request was cancelled.")));
}

void OperationCall::finish(Result<OperationResult> result)
{
    if (m_result)
        return;
    m_result = std::move(result);
    Q_EMIT finished();
    deleteLater();
}

}  // namespace jobdesk::codepipeline
