#include "jobexporter.h"

#include "core/codepipeline/servicemodel.h"
#include "core/output/jsonwriter.h"
#include "core/secret.h"

#include <QRegularExpression>

namespace jobdesk::gui {

using codepipeline::Shape;

namespace {

void redactSensitive(const Shape *shape, Json &value, const std::string &placeholder)
{
    if (!shape)
        return;
    if (shape->sensitive) {
        if (value.is_string()) {
            value = placeholder;
            return;
        }
    }
    switch (shape->type) {
    case Shape::Type::Structure:
        if (!value.is_object())
            return;
        for (const auto &member : shape->members) {
            auto it = value.find(member.name);
            if (it == value.end())
                continue;
            if (shape->sensitive && it->is_string())
                *it = placeholder;
            else
                redactSensitive(member.shape, *it, placeholder);
        }
        return;
    case Shape::Type::List:
        if (value.is_array()) {
            for (Json &item : value)
                redactSensitive(shape->member, item, placeholder);
        }
        return;
    case Shape::Type::Map:
        if (value.is_object()) {
            for (auto it = value.begin(); it != value.end(); ++it)
                redactSensitive(shape->value, it.value(), placeholder);
        }
        return;
    default:
        return;
    }
}

QString shellQuote(const QString &value)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:=@+-]+$"));
    if (safe.match(value).hasMatch())
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

QString JobExporter::placeholder()
{
    return Secret::placeholder();
}

QString JobExporter::tokenPlaceholder()
{
    return QStringLiteral("<client-token>");
}

Json JobExporter::redacted(const Json &data, const QStringList &maskedConfigurationKeys)
{
    Json out = data;
    const std::string ph = placeholder().toStdString();
    const auto *op = codepipeline::ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    redactSensitive(op->output, out, ph);
    if (maskedConfigurationKeys.isEmpty())
        return out;
    auto details = out.find("jobDetails");
    if (details == out.end() || !details->is_object())
        return out;
    auto jobData = details->find("data");
    if (jobData == details->end() || !jobData->is_object())
        return out;
    auto config = jobData->find("actionConfiguration");
    if (config == jobData->end() || !config->is_object())
        return out;
    auto map = config->find("configuration");
    if (map == config->end() || !map->is_object())
        return out;
    for (const QString &key : maskedConfigurationKeys) {
        auto it = map->find(key.toStdString());
        if (it != map->end())
            *it = ph;
    }
    return out;
}

QByteArray JobExporter::json(const JobDocument &document, const Options &options)
{
    if (options.includeSecrets)
        return output::writeJson(document.data());
    return output::writeJson(redacted(document.data(), options.maskedConfigurationKeys));
}

QString JobExporter::cliCommand(const LookupInfo &lookup)
{
    QStringList parts = {QStringLiteral("aws"), QStringLiteral("codepipeline"),
                         QStringLiteral("get-third-party-job-details"), QStringLiteral("--job-id"),
                         shellQuote(lookup.jobId), QStringLiteral("--client-token"), shellQuote(tokenPlaceholder())};
    if (!lookup.region.isEmpty())
        parts << QStringLiteral("--region") << shellQuote(lookup.region);
    if (!lookup.endpointOverride.isEmpty())
        parts << QStringLiteral("--endpoint-url") << shellQuote(lookup.endpointOverride);
    return parts.join(QLatin1Char(' '));
}

} // namespace jobdesk::gui
