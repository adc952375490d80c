#pragma once

// Asks AWS STS for a role's temporary keys: AssumeRole over the Query protocol
// (form-encoded POST, XML answer), signed for "sts" with the source keys and sent
// through AwsClient, which owns timeouts and retries.

#include "core/aws/awsclient.h"
#include "core/aws/clientconfig.h"
#include "core/aws/credentials.h"
#include "core/aws/endpointresolver.h"
#include "core/result.h"
#include "core/secret.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace jobdesk::aws {

// The AssumeRole parameters JobDesk sends (botocore's names in the comments).
struct AssumeRoleParams
{
    QString roleArn;                     // RoleArn
    QString roleSessionName;             // RoleSessionName
    QString externalId;                  // ExternalId; empty: not sent
    std::optional<int> durationSeconds;  // DurationSeconds; unset: the role's default (one hour)
    QString serialNumber;                // SerialNumber of the MFA device; empty: not sent
    Secret tokenCode;                    // TokenCode, the MFA device's current code; sent with SerialNumber
};

struct AssumedRole
{
    Credentials credentials;  // always with a session token and an expiration
    QString assumedRoleArn;   // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION
    QString assumedRoleId;    // AROA...:SESSION
    QString requestId;
};

class StsClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(Result<AssumedRole>)>;

    static constexpr char apiVersion[] = "2011-06-15";
    static constexpr char contentType[] = "application/x-www-form-urlencoded; charset=utf-8";

    // client must outlive this object.
    explicit StsClient(AwsClient *client, QObject *parent = nullptr);

    // Where STS calls go. overrideUrl wins (signed for region, or us-east-1 without one).
    // Otherwise the regional endpoint https://sts.REGION.amazonaws.com, which is what the
    // AWS CLI v2 and current botocore use by default (sts_regional_endpoints = regional);
    // with no region at all, the global https://sts.amazonaws.com, signed for us-east-1.
    static Result<Endpoint> endpoint(const QString &region, const QUrl &overrideUrl = {});

    // The checks botocore makes before sending (required members, lengths, ranges).
    static Status validate(const AssumeRoleParams &params);
    // The form body: members in the order of STS's AssumeRole input shape, encoded as
    // botocore's query serializer encodes them (Python's urlencode).
    static QByteArray assumeRoleBody(const AssumeRoleParams &params);
    // A successful AssumeRole answer; anything else is a Protocol error.
    static Result<AssumedRole> parseAssumeRoleResponse(const QByteArray &xml);
    // An STS <ErrorResponse>; nullopt when body is not one (an HTML page, nothing at all).
    static std::optional<Error> parseErrorResponse(int httpStatus, const QByteArray &xml);
    // What a person should check for an STS error code.
    static QString explain(const Error &error);

    // config.endpoint and config.credentials (the source keys) must be set; the service is
    // always "sts". done is called once from the event loop, unless context (when given) is gone.
    void assumeRole(const ClientConfig &config, const AssumeRoleParams &params, QObject *context, Callback done);

private:
    AwsClient *m_client;
};

}  // namespace jobdesk::aws
