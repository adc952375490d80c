#include "core/output/activityentry.h"

#include "core/output/redactor.h"

#include <QStringList>

namespace jobdesk::output {

using codepipeline::Json;

namespace {

// A value of the one-line parameter text: long strings end in an ellipsis so that a
// failure message of thousands of characters does not fill the line.
constexpr qsizetype kMaxValueChars = 80;

QString text(const std::string &utf8)
{
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

QString shortValue(const Json &value)
{
    if (value.is_object()) {
        QStringList parts;
        for (auto it = value.begin(); it != value.end(); ++it)
            parts << text(it.key()) + QStringLiteral(": ") + shortValue(it.value());
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    if (value.is_array()) {
        QStringList parts;
        for (const Json &item : value)
            parts << shortValue(item);
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    QString shown = value.is_string() ? text(value.get_ref<const std::string &>())
                                      : text(value.dump(-1, ' ', false, Json::error_handler_t::replace));
    // One line, whatever the value holds.
    shown.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    if (shown.size() > kMaxValueChars)
        shown = shown.left(kMaxValueChars - 1) + QChar(0x2026);
    return shown;
}

// message names the member as %1, so that a translation places it where its grammar wants it.
Error badMember(const char *member, const QString &message)
{
    return Error::make(Error::Kind::Io, QStringLiteral("BadActivityEntry"), message.arg(QLatin1String(member)),
                       ActivityEntry::tr("The activity record was changed or damaged outside JobDesk."));
}

Result<QString> stringMember(const Json &object, const char *member, bool required)
{
    auto it = object.find(member);
    if (it == object.end()) {
        if (required)
            return badMember(member, ActivityEntry::tr("The activity entry has no \"%1\"."));
        return QString();
    }
    if (!it->is_string())
        return badMember(member, ActivityEntry::tr("The activity entry's \"%1\" is not a string."));
    return text(it->get_ref<const std::string &>());
}

}  // namespace

ActivityEntry ActivityEntry::make(const codepipeline::Operation &operation, const Json &params,
                                  const QDateTime &timeUtc, const QList<Secret> &secrets)
{
    ActivityEntry entry;
    entry.timeUtc = timeUtc.toUTC();
    entry.operation = QString::fromStdString(operation.name);
    if (params.is_object()) {
        auto id = params.find("jobId");
        if (id != params.end() && id->is_string())
            entry.jobId = text(id->get_ref<const std::string &>());
    }
    Redactor redactor(&operation);
    for (const Secret &secret : secrets)
        redactor.addSecret(secret);
    entry.parameters = redactor.redactJson(operation.input, params);
    return entry;
}

Json ActivityEntry::redactedParameters() const
{
    // Entries also come from files and other programs: the rules are applied again on the
    // way out, and a known operation's model names its sensitive members.
    const codepipeline::Operation *op = codepipeline::ServiceModel::codePipeline().operation(operation.toStdString());
    return Redactor(op).redactJson(op ? op->input : nullptr, parameters);
}

Json ActivityEntry::toJson() const
{
    Json out = Json::object();
    out["time"] = timeUtc.toUTC().toString(Qt::ISODateWithMs).toStdString();
    out["operation"] = operation.toStdString();
    out["jobId"] = jobId.toStdString();
    out["profile"] = profile.toStdString();
    out["region"] = region.toStdString();
    out["parameters"] = redactedParameters();
    out["ok"] = ok;
    out["outcome"] = outcome.toStdString();
    out["message"] = message.toStdString();
    out["requestId"] = requestId.toStdString();
    out["durationMs"] = durationMs;
    return out;
}

Result<ActivityEntry> ActivityEntry::fromJson(const Json &value)
{
    if (!value.is_object())
        return Error::make(Error::Kind::Io, QStringLiteral("BadActivityEntry"),
                           tr("An activity entry is not a JSON object."),
                           tr("The activity record was changed or damaged outside JobDesk."));
    ActivityEntry entry;

    auto time = stringMember(value, "time", true);
    if (!time)
        return time.error();
    entry.timeUtc = QDateTime::fromString(time.value(), Qt::ISODateWithMs);
    // A time without its zone would be read as local time and move with the reader's clock.
    if (!entry.timeUtc.isValid() || entry.timeUtc.timeSpec() == Qt::LocalTime)
        return badMember("time",
                         tr("The activity entry's \"%1\" is not a date and time with its zone, such as "
                            "2026-12-03T08:45:22.123Z."));
    entry.timeUtc = entry.timeUtc.toUTC();

    auto operation = stringMember(value, "operation", true);
    if (!operation)
        return operation.error();
    if (operation.value().isEmpty())
        return badMember("operation", tr("The activity entry's \"%1\" is empty."));
    entry.operation = operation.value();

    const std::pair<const char *, QString *> strings[] = {{"jobId", &entry.jobId},     {"profile", &entry.profile},
                                                          {"region", &entry.region},   {"outcome", &entry.outcome},
                                                          {"message", &entry.message}, {"requestId", &entry.requestId}};
    for (const auto &[member, target] : strings) {
        auto read = stringMember(value, member, false);
        if (!read)
            return read.error();
        *target = read.value();
    }

    auto params = value.find("parameters");
    if (params != value.end()) {
        if (!params->is_object())
            return badMember("parameters", tr("The activity entry's \"%1\" is not an object."));
        entry.parameters = *params;
    }

    auto ok = value.find("ok");
    if (ok == value.end())
        return badMember("ok", tr("The activity entry has no \"%1\"."));
    if (!ok->is_boolean())
        return badMember("ok", tr("The activity entry's \"%1\" is not true or false."));
    entry.ok = ok->get<bool>();

    auto duration = value.find("durationMs");
    if (duration != value.end()) {
        if (!duration->is_number_integer() || duration->get<long long>() < 0)
            return badMember("durationMs", tr("The activity entry's \"%1\" is not a whole number of milliseconds."));
        entry.durationMs = duration->get<qint64>();
    }
    return entry;
}

QString ActivityEntry::actionName() const
{
    if (operation == QLatin1String("PollForThirdPartyJobs"))
        return tr("Poll for jobs");
    if (operation == QLatin1String("AcknowledgeThirdPartyJob"))
        return tr("Acknowledge");
    if (operation == QLatin1String("PutThirdPartyJobSuccessResult"))
        return tr("Report success");
    if (operation == QLatin1String("PutThirdPartyJobFailureResult"))
        return tr("Report failure");
    if (operation == QLatin1String("GetThirdPartyJobDetails"))
        return tr("Fetch details");
    return operation;
}

QString ActivityEntry::parametersText() const
{
    const Json shown = redactedParameters();
    if (!shown.is_object())
        return {};
    QStringList parts;
    for (auto it = shown.begin(); it != shown.end(); ++it) {
        // The job ID has a column of its own, and the token is a placeholder that says nothing.
        if (it.key() == "jobId" || it.key() == "clientToken")
            continue;
        parts << text(it.key()) + QLatin1Char('=') + shortValue(it.value());
    }
    return parts.join(QStringLiteral(", "));
}

QString ActivityEntry::summaryLine() const
{
    QStringList parts;
    parts << tr("%1 UTC").arg(timeUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    parts << actionName();
    if (!jobId.isEmpty())
        parts << tr("job %1").arg(jobId);
    const QString params = parametersText();
    if (!params.isEmpty())
        parts << params;
    if (ok)
        parts << tr("done: %1").arg(outcome);
    else if (message.isEmpty())
        parts << tr("failed: %1").arg(outcome);
    else
        parts << tr("failed: %1: %2").arg(outcome, QString(message).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    if (!requestId.isEmpty())
        parts << tr("request ID %1").arg(requestId);
    parts << tr("%1 ms").arg(durationMs);
    return parts.join(QStringLiteral(" | "));
}

}  // namespace jobdesk::output
