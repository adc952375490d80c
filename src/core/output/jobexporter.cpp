#include "core/output/jobexporter.h"

#include "core/codepipeline/servicemodel.h"
#include "core/output/clicommand.h"
#include "core/output/jsonwriter.h"
#include "core/output/redactor.h"
#include "core/platform/filesecurity.h"
#include "core/secret.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

namespace jobdesk::output {

using codepipeline::Json;

namespace {

// The object at jobDetails.data.<member> of a GetThirdPartyJobDetails answer, or null.
template<typename J>  // Json or const Json
J *dataMember(J &root, const char *member)
{
    auto details = root.find("jobDetails");
    if (details == root.end() || !details->is_object())
        return nullptr;
    auto jobData = details->find("data");
    if (jobData == details->end() || !jobData->is_object())
        return nullptr;
    auto it = jobData->find(member);
    return it == jobData->end() ? nullptr : &*it;
}

}  // namespace

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
    // What is secret is decided in one place, the core's Redactor, as for logs and --debug.
    const auto *op = codepipeline::ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    const Redactor redactor(op);
    Json out = redactor.redactJson(op->output, data);
    const std::string ph = placeholder().toStdString();

    // The Redactor blanks artifactCredentials as a whole; an export keeps the AWS CLI's
    // shape (each key present, each value a placeholder) so tools reading it still parse it.
    const Json *original = dataMember(data, "artifactCredentials");
    Json *blanked = dataMember(out, "artifactCredentials");
    if (original && blanked && original->is_object()) {
        Json shaped = Json::object();
        for (auto it = original->begin(); it != original->end(); ++it)
            shaped[it.key()] = ph;
        *blanked = std::move(shaped);
    }

    // Configuration values the person marked secret: a GUI choice the service model cannot know.
    Json *config = dataMember(out, "actionConfiguration");
    if (maskedConfigurationKeys.isEmpty() || !config || !config->is_object())
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

QByteArray JobExporter::json(const codepipeline::JobDocument &document, const Options &options)
{
    Json out = options.includeSecrets ? document.data() : redacted(document.data(), options.maskedConfigurationKeys);
    if (!options.activity.isEmpty()) {
        Json activity = Json::array();
        for (const ActivityEntry &entry : options.activity)
            activity.push_back(entry.toJson());
        out["activity"] = std::move(activity);
    }
    QByteArray bytes = writeJson(out);
    codepipeline::wipeJson(out);
    return bytes;
}

Status JobExporter::writeFile(const QString &path, const codepipeline::JobDocument &document, const Options &options)
{
    QByteArray bytes = json(document, options);
    return writeBytes(path, bytes, options.includeSecrets);
}

Status JobExporter::writeBytes(const QString &path, QByteArray &bytes, bool ownerOnly)
{
    const auto writeError = [&path, &bytes](const QString &reason) {
        wipeString(bytes);
        return Error::make(Error::Kind::Io, QStringLiteral("ExportFailed"),
                           QCoreApplication::translate("jobdesk::output::JobExporter", "Cannot write %1: %2")
                               .arg(QDir::toNativeSeparators(path), reason),
                           QCoreApplication::translate("jobdesk::output::JobExporter",
                                                       "Choose a folder you can write to, with space left."));
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return writeError(file.errorString());
    if (ownerOnly) {
        // Live credentials: nobody else may read the file, not even for a moment.
        if (Status restricted = platform::FileSecurity::restrictToOwner(file); !restricted) {
            wipeString(bytes);
            return restricted.error();
        }
    }
    const bool written = file.write(bytes) == bytes.size();
    wipeString(bytes);
    if (!written || !file.commit())
        return writeError(file.errorString());
    return success();
}

QString JobExporter::cliCommand(const codepipeline::LookupInfo &lookup)
{
    const auto *op = codepipeline::ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    // The token is only a placeholder in the line, whatever is passed for it.
    const Json params = {{"jobId", lookup.jobId.toStdString()}, {"clientToken", tokenPlaceholder().toStdString()}};
    return CliCommand::line(QStringLiteral("aws codepipeline"), *op, params,
                            CliContext{QString(), lookup.region, lookup.endpointOverride});
}

}  // namespace jobdesk::output
