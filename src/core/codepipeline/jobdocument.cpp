#include "core/codepipeline/jobdocument.h"

#include "core/codepipeline/responseparser.h"
#include "core/codepipeline/servicemodel.h"
#include "core/secret.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>

namespace jobdesk::codepipeline {

namespace {

const Json &emptyObject()
{
    static const Json empty = Json::object();
    return empty;
}

}  // namespace

QString jsonText(const Json &value)
{
    if (!value.is_string())
        return {};
    const auto &s = value.get_ref<const std::string &>();
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

void wipeJson(Json &value)
{
    switch (value.type()) {
    case Json::value_t::string: wipeBytes(value.get_ref<std::string &>()); break;
    case Json::value_t::object:
    case Json::value_t::array:
        for (Json &child : value)
            wipeJson(child);
        break;
    default: break;
    }
}

void JobDocument::wipe()
{
    wipeJson(m_data);
    wipeJson(m_wire);
    wipeJson(m_activity);
    // None is secret; what is shared with a model is released here and scrubbed there.
    wipeStrings({},
                {&m_sourceName, &m_requestId, &m_lookup.jobId, &m_lookup.profile, &m_lookup.region,
                 &m_lookup.endpointOverride});
    m_wiped = true;
}

JobDocument JobDocument::fromResponse(const OperationResult &result, const LookupInfo &lookup,
                                      const QDateTime &fetchedAtUtc)
{
    JobDocument doc;
    doc.m_data = result.response.data;
    doc.m_wire = result.response.wire;
    doc.m_origin = Origin::Fetched;
    doc.m_lookup = lookup;
    doc.m_fetchedAtUtc = fetchedAtUtc;
    doc.m_requestId = result.requestId;
    doc.m_attempts = result.attempts;
    doc.m_elapsedMs = result.elapsedMs;
    return doc;
}

JobDocument JobDocument::polled(const QString &jobId, const LookupInfo &lookup, const QDateTime &polledAtUtc)
{
    JobDocument doc;
    doc.m_data = Json{{"jobDetails", Json{{"id", jobId.toStdString()}}}};
    doc.m_wire = doc.m_data;
    doc.m_origin = Origin::Polled;
    doc.m_lookup = lookup;
    doc.m_lookup.jobId = jobId;
    doc.m_fetchedAtUtc = polledAtUtc;
    return doc;
}

Result<JobDocument> JobDocument::fromJsonText(const QByteArray &text, Origin origin, const QString &sourceName)
{
    // A job is a few levels deep; thousands of levels would overflow the stack when shown or exported.
    if (ResponseParser::nestsDeeperThan(text, ResponseParser::maxNestingDepth))
        return Error::make(Error::Kind::Io, QStringLiteral("NotAJob"),
                           tr("The JSON is nested more than %1 levels deep; no CodePipeline job is.")
                               .arg(ResponseParser::maxNestingDepth),
                           tr("Open the output of \"aws codepipeline get-third-party-job-details\" or a JobDesk "
                              "export."));
    Json parsed = Json::parse(text.constBegin(), text.constEnd(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded())
        return Error::make(Error::Kind::Io, QStringLiteral("NotJson"), tr("This is not JSON."),
                           tr("Open the output of \"aws codepipeline get-third-party-job-details\" or a JobDesk "
                              "export."));
    if (!parsed.is_object())
        return Error::make(Error::Kind::Io, QStringLiteral("NotAJob"), tr("The JSON is not an object."),
                           tr("Expected an object with a \"jobDetails\" member."));
    // Some people send only the inner object; accept it as if the CLI had wrapped it.
    if (!parsed.contains("jobDetails") && parsed.contains("id") && parsed.contains("data"))
        parsed = Json{{"jobDetails", std::move(parsed)}};
    if (!parsed.contains("jobDetails") || !parsed["jobDetails"].is_object())
        return Error::make(Error::Kind::Io, QStringLiteral("NotAJob"), tr("The JSON has no \"jobDetails\" object."),
                           tr("Expected the output of \"aws codepipeline get-third-party-job-details\"."));

    // A JobDesk export carries the actions taken on the job beside it; they are not part of the answer.
    Json activity = Json::array();
    if (auto it = parsed.find("activity"); it != parsed.end()) {
        const bool objects =
            it->is_array() && std::all_of(it->begin(), it->end(), [](const Json &entry) { return entry.is_object(); });
        if (!objects)
            return Error::make(Error::Kind::Io, QStringLiteral("NotAJob"),
                               tr("The JSON's \"activity\" is not a list of objects."),
                               tr("Open a JobDesk export as it was written, or remove its \"activity\" member."));
        activity = *it;
    }

    const auto *op = ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    auto conformed = ResponseParser::conform(op->output, parsed);  // drops "activity" with other unknown members
    if (!conformed) {
        Error e = conformed.error();
        e.kind = Error::Kind::Io;
        return e;
    }
    JobDocument doc;
    doc.m_data = std::move(conformed).value();
    doc.m_wire = std::move(parsed);
    doc.m_activity = std::move(activity);
    doc.m_origin = origin;
    doc.m_sourceName = sourceName;
    doc.m_fetchedAtUtc = QDateTime::currentDateTimeUtc();
    doc.m_lookup.jobId = doc.jobId();
    return doc;
}

const Json &JobDocument::details() const
{
    auto it = m_data.find("jobDetails");
    if (it == m_data.end() || !it->is_object())
        return emptyObject();
    return *it;
}

const Json &JobDocument::jobData() const
{
    const Json &d = details();
    auto it = d.find("data");
    if (it == d.end() || !it->is_object())
        return emptyObject();
    return *it;
}

QString JobDocument::jobId() const
{
    auto it = details().find("id");
    return it == details().end() ? QString() : jsonText(*it);
}

QString JobDocument::provider() const
{
    return dataString("actionTypeId.provider").value_or(QString());
}

QString JobDocument::title() const
{
    QString id = jobId();
    if (id.isEmpty())
        id = tr("(no job ID)");
    else if (id.size() > 13)
        id = id.left(8) + QChar(0x2026);
    switch (m_origin) {
    case Origin::Fetched: return id;
    case Origin::Opened: return id + QStringLiteral(" (") + QFileInfo(m_sourceName).fileName() + QLatin1Char(')');
    case Origin::Pasted: return id + QStringLiteral(" (") + tr("pasted") + QLatin1Char(')');
    case Origin::Polled: return id + QStringLiteral(" (") + tr("polled") + QLatin1Char(')');
    }
    return id;
}

bool JobDocument::hasArtifactCredentials() const
{
    auto it = jobData().find("artifactCredentials");
    return it != jobData().end() && it->is_object() && !it->empty();
}

std::optional<QString> JobDocument::dataString(const char *path) const
{
    const Json *node = &jobData();
    const QByteArrayList parts = QByteArray(path).split('.');
    for (const QByteArray &part : parts) {
        if (!node->is_object())
            return std::nullopt;
        auto it = node->find(part.toStdString());
        if (it == node->end())
            return std::nullopt;
        node = &*it;
    }
    if (!node->is_string())
        return std::nullopt;
    return jsonText(*node);
}

}  // namespace jobdesk::codepipeline
