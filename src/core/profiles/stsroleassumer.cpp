#include "core/profiles/stsroleassumer.h"

#include "core/aws/stsclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QSslCertificate>

namespace jobdesk::profiles {

namespace {

}  // namespace

StsRoleAssumer::StsRoleAssumer(aws::StsClient *sts, aws::ClientConfig base, const Clock &clock)
    : m_sts(sts), m_base(std::move(base)), m_clock(&clock)
{
}

void StsRoleAssumer::operator()(const AssumeRoleRequest &request, QObject *context, CredentialsCallback done) const
{
    const auto fail = [context, done](const Error &error) {
        QMetaObject::invokeMethod(
            context, [done, error] { done(error); }, Qt::QueuedConnection);
    };
    if (!request.mfaSerial.isEmpty() && request.tokenCode.isEmpty()) {
        return fail(Error::make(
            Error::Kind::Credentials, QStringLiteral("MfaPromptUnavailable"),
            tr("Profile “%1” needs an MFA code from %2 to assume the role %3, and nothing here can ask for one.")
                .arg(request.profileName, request.mfaSerial, request.roleArn),
            tr("Use the profile from the JobDesk window or from jobdesk-cli on a terminal, where you are asked for "
               "the code.")));
    }
    aws::ClientConfig config = m_base;
    Result<aws::Endpoint> endpoint = aws::StsClient::endpoint(request.region, request.stsEndpointUrl);
    if (!endpoint)
        return fail(endpoint.error());
    config.endpoint = endpoint.value();
    config.credentials = request.sourceCredentials;
    if (!config.clock)
        config.clock = m_clock;
    if (!request.caBundle.isEmpty()) {
        const QList<QSslCertificate> bundle = QSslCertificate::fromPath(request.caBundle, QSsl::Pem);
        if (bundle.isEmpty()) {
            return fail(Error::make(Error::Kind::Io, QStringLiteral("CaBundleUnreadable"),
                                    tr("The CA bundle %1 could not be read or holds no PEM certificate.")
                                        .arg(QDir::toNativeSeparators(request.caBundle)),
                                    tr("Check ca_bundle in the profile, or AWS_CA_BUNDLE.")));
        }
        config.extraCaCertificates += bundle;
    }
    aws::AssumeRoleParams params;
    params.roleArn = request.roleArn;
    params.roleSessionName = request.roleSessionName;
    params.externalId = request.externalId;
    params.durationSeconds = request.durationSeconds;
    params.serialNumber = request.mfaSerial;
    params.tokenCode = request.tokenCode;
    m_sts->assumeRole(config, params, context, [done](Result<aws::AssumedRole> role) {
        if (!role)
            return done(role.error());
        done(std::move(role).value().credentials);
    });
}

}  // namespace jobdesk::profiles
