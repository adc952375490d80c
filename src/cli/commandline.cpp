#include "cli/commandline.h"

#include "core/output/clicommand.h"

#include "cli/shorthandparser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QTimeZone>

#include <cmath>

namespace jobdesk::cli {

namespace {

using codepipeline::Operation;
using codepipeline::ServiceModel;
using codepipeline::Shape;
using Json = nlohmann::ordered_json;

QString tr(const char *text)
{
    return QCoreApplication::translate("jobdesk::cli::CommandLine", text);
}

Error usageError(const QString &message)
{
    return Error::make(Error::Kind::Validation, CommandLine::usageErrorCode(), message);
}

Error paramError(const QString &option, const QString &message)
{
    return Error::make(Error::Kind::Validation, QStringLiteral("ParamError"),
                       QStringLiteral("Error parsing parameter '%1': %2").arg(option, message));
}

// file:// and fileb:// values are read from the file, for every parameter, as the AWS CLI does.
Result<QString> resolveParamFile(const QString &option, const QString &value)
{
    for (const QLatin1String prefix : {QLatin1String("file://"), QLatin1String("fileb://")}) {
        if (!value.startsWith(prefix))
            continue;
        const QString path = value.mid(prefix.size());
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return paramError(
                option, tr("Unable to load paramfile %1: [Errno 2] No such file or directory: '%2'").arg(value, path));
        }
        return QString::fromUtf8(file.readAll());
    }
    return value;
}

Result<Json> parseJson(const QString &option, const QString &text)
{
    const std::string utf8 = text.toStdString();
    Json value = Json::parse(utf8, nullptr, false);
    if (value.is_discarded())
        return paramError(option, tr("Invalid JSON:\nJSON received: %1").arg(text));
    return value;
}

Result<Json> parseValue(const Shape *shape, const QString &option, const QString &given)
{
    auto resolved = resolveParamFile(option, given);
    if (!resolved)
        return resolved.error();
    const QString text = resolved.value();
    switch (shape->type) {
    case Shape::Type::String:
    case Shape::Type::Timestamp: return Json(text.toStdString());
    case Shape::Type::Integer: {
        Json value = text.toStdString();
        Status s = ShorthandParser::applyModel(shape, value);
        if (!s)
            return s.error();
        return value;
    }
    case Shape::Type::Boolean: return Json(text.toLower() == QLatin1String("true"));
    default: {
        const QString trimmed = text.trimmed();
        if (trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('[')))
            return parseJson(option, text);
        auto parsed = ShorthandParser::parse(text);
        if (!parsed)
            return paramError(option, parsed.error().message);
        Json value = std::move(parsed).value();
        Status s = ShorthandParser::applyModel(shape, value);
        if (!s)
            return paramError(option, s.error().message);
        return value;
    }
    }
}

// Timestamps given as text become the whole seconds the JSON protocol carries.
Status convertTimestamps(const Shape *shape, Json &value, const std::string &path)
{
    if (!shape)
        return success();
    switch (shape->type) {
    case Shape::Type::Timestamp:
        if (value.is_string()) {
            auto seconds = CommandLine::parseTimestamp(QString::fromStdString(value.get<std::string>()));
            if (!seconds) {
                return Error::validation(QString::fromStdString(path),
                                         tr("Invalid timestamp for parameter %1: %2")
                                             .arg(QString::fromStdString(path), seconds.error().message));
            }
            value = seconds.value();
        }
        return success();
    case Shape::Type::Structure:
        if (value.is_object()) {
            for (const auto &member : shape->members) {
                auto it = value.find(member.name);
                if (it == value.end())
                    continue;
                Status s = convertTimestamps(member.shape, *it, path.empty() ? member.name : path + '.' + member.name);
                if (!s)
                    return s;
            }
        }
        return success();
    case Shape::Type::List:
        if (value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                Status s = convertTimestamps(shape->member, value[i], path + '[' + std::to_string(i) + ']');
                if (!s)
                    return s;
            }
        }
        return success();
    default: return success();
    }
}

bool takesOptionalValue(const QString &name)
{
    return name == QLatin1String("--generate-cli-skeleton");
}

}  // namespace

const QStringList &CommandLine::globalOptionsWithValue()
{
    static const QStringList options = {
        QStringLiteral("--region"),
        QStringLiteral("--endpoint-url"),
        QStringLiteral("--output"),
        QStringLiteral("--profile"),
        QStringLiteral("--color"),
        QStringLiteral("--ca-bundle"),
        QStringLiteral("--cli-read-timeout"),
        QStringLiteral("--cli-connect-timeout"),
        QStringLiteral("--query"),
    };
    return options;
}

const QStringList &CommandLine::globalFlags()
{
    static const QStringList flags = {
        QStringLiteral("--debug"),       QStringLiteral("--no-verify-ssl"),
        QStringLiteral("--no-paginate"), QStringLiteral("--no-sign-request"),
        QStringLiteral("--version"),     QStringLiteral("--no-cli-pager"),
        QStringLiteral("--help"),
    };
    return flags;
}

QString CommandLine::optionName(const std::string &memberName)
{
    return output::CliCommand::optionName(memberName);
}

Result<long long> CommandLine::parseTimestamp(const QString &given)
{
    const QString text = given.trimmed();
    bool isNumber = false;
    const double number = text.toDouble(&isNumber);
    if (isNumber && std::isfinite(number))
        return static_cast<long long>(std::floor(number));
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid()) {
        // "2024-01-02 03:04:05": a space instead of the T.
        QString withT = text;
        if (withT.size() > 10 && withT.at(10) == QLatin1Char(' '))
            withT[10] = QLatin1Char('T');
        time = QDateTime::fromString(withT, Qt::ISODateWithMs);
    }
    if (!time.isValid())
        return Error::make(Error::Kind::Validation, QStringLiteral("InvalidTimestamp"),
                           tr("'%1' is not an ISO 8601 time or a number of seconds.").arg(given));
    // Without a zone, the AWS CLI takes the time as UTC.
    if (time.timeSpec() == Qt::LocalTime)
        time = QDateTime(time.date(), time.time(), QTimeZone::utc());
    return time.toSecsSinceEpoch();
}

Result<CommandLine> CommandLine::parse(const QStringList &arguments)
{
    CommandLine cl;
    QStringList rest;
    bool help = false;
    bool version = false;
    std::optional<QString> queryText;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        QString name = arg;
        QString inlineValue;
        bool hasInline = false;
        if (arg.startsWith(QLatin1String("--")) && arg.contains(QLatin1Char('='))) {
            name = arg.section(QLatin1Char('='), 0, 0);
            inlineValue = arg.section(QLatin1Char('='), 1);
            hasInline = true;
        }
        if (globalFlags().contains(name) && !hasInline) {
            if (name == QLatin1String("--version"))
                version = true;
            else if (name == QLatin1String("--debug"))
                cl.debug = true;
            else if (name == QLatin1String("--no-verify-ssl"))
                cl.noVerifySsl = true;
            else if (name == QLatin1String("--no-paginate"))
                cl.noPaginate = true;
            else if (name == QLatin1String("--no-sign-request"))
                cl.noSignRequest = true;
            else if (name == QLatin1String("--help"))
                help = true;
            // --no-cli-pager: jobdesk-cli never pages.
            continue;
        }
        if (globalOptionsWithValue().contains(name)) {
            QString value;
            if (hasInline) {
                value = inlineValue;
            } else if (i + 1 < arguments.size()) {
                value = arguments.at(++i);
            } else {
                return usageError(tr("argument %1: expected one argument").arg(name));
            }
            cl.givenOptions << name;
            if (name == QLatin1String("--region"))
                cl.region = value;
            else if (name == QLatin1String("--endpoint-url"))
                cl.endpointUrl = value;
            else if (name == QLatin1String("--output"))
                cl.output = value;
            else if (name == QLatin1String("--profile"))
                cl.profile = value;
            else if (name == QLatin1String("--color"))
                cl.color = value;
            else if (name == QLatin1String("--ca-bundle"))
                cl.caBundle = value;
            else if (name == QLatin1String("--cli-read-timeout"))
                cl.readTimeout = value;
            else if (name == QLatin1String("--cli-connect-timeout"))
                cl.connectTimeout = value;
            else if (name == QLatin1String("--query"))
                queryText = value;
            continue;
        }
        rest << arg;
    }
    if (!cl.color.isEmpty() && cl.color != QLatin1String("on") && cl.color != QLatin1String("off")
        && cl.color != QLatin1String("auto")) {
        return usageError(tr("argument --color: invalid choice: '%1' (choose from 'on', 'off', 'auto')").arg(cl.color));
    }
    if (version) {
        cl.command = Command::Version;
        return cl;
    }
    // As in the AWS CLI, a bad expression is refused before the command and its parameters are read.
    if (queryText) {
        auto compiled = QueryOption::compile(*queryText);
        if (!compiled)
            return compiled.error();
        cl.query = std::move(compiled).value();
    }

    // "codepipeline" may precede the operation, so that AWS CLI command lines work unchanged.
    if (!rest.isEmpty() && rest.first() == QLatin1String("codepipeline"))
        rest.removeFirst();
    if (rest.isEmpty() || rest.first().startsWith(QLatin1String("--"))) {
        if (help) {
            cl.command = Command::Help;
            return cl;
        }
        return usageError(tr("the following arguments are required: operation"));
    }

    const QString opName = rest.takeFirst();
    if (opName == QLatin1String("help")) {
        cl.command = Command::Help;
        cl.commandArguments = rest;
        if (!rest.isEmpty())
            cl.operation = ServiceModel::codePipeline().operationByCliName(rest.first().toStdString());
        return cl;
    }
    if (opName == QLatin1String("completion") || opName == QLatin1String("profile")
        || opName == QLatin1String("artifact") || opName == QLatin1String("sso")) {
        cl.command = opName == QLatin1String("completion") ? Command::Completion
            : opName == QLatin1String("profile")           ? Command::Profile
            : opName == QLatin1String("sso")               ? Command::Sso
                                                           : Command::Artifact;
        cl.commandArguments = rest;
        if (help)
            cl.commandArguments.prepend(QStringLiteral("--help"));
        return cl;
    }
    cl.operation = ServiceModel::codePipeline().operationByCliName(opName.toStdString());
    if (!cl.operation) {
        QStringList valid;
        for (const Operation &op : ServiceModel::codePipeline().operations())
            valid << QString::fromStdString(op.cliName);
        valid << QStringLiteral("help") << QStringLiteral("completion") << QStringLiteral("profile")
              << QStringLiteral("artifact") << QStringLiteral("sso");
        return usageError(tr("argument operation: Invalid choice '%1', valid choices are: %2")
                              .arg(opName, valid.join(QStringLiteral(", "))));
    }
    if (help || (!rest.isEmpty() && rest.first() == QLatin1String("help"))) {
        cl.command = Command::Help;
        return cl;
    }

    const Shape *input = cl.operation->input;
    const bool isPoll = cl.operation->name == "PollForThirdPartyJobs";
    QStringList unknown;
    QString cliInputJson;
    bool hasCliInputJson = false;
    for (qsizetype i = 0; i < rest.size(); ++i) {
        QString name = rest.at(i);
        QString value;
        bool hasValue = false;
        if (name.startsWith(QLatin1String("--")) && name.contains(QLatin1Char('='))) {
            value = name.section(QLatin1Char('='), 1);
            name = name.section(QLatin1Char('='), 0, 0);
            hasValue = true;
        }
        if (name == QLatin1String("--quiet-poll-warning") && isPoll && !hasValue) {
            cl.quietPollWarning = true;
            continue;
        }
        if (takesOptionalValue(name)) {
            if (!hasValue) {
                if (i + 1 < rest.size() && !rest.at(i + 1).startsWith(QLatin1String("--")))
                    value = rest.at(++i);
                else
                    value = QStringLiteral("input");
            }
            if (value != QLatin1String("input") && value != QLatin1String("output")) {
                return usageError(
                    tr("argument --generate-cli-skeleton: invalid choice: '%1' (choose from 'input', 'output')")
                        .arg(value));
            }
            cl.skeleton = value;
            continue;
        }
        const codepipeline::Member *member = nullptr;
        for (const codepipeline::Member &m : input->members) {
            if (optionName(m.name) == name)
                member = &m;
        }
        const bool isInputJson = name == QLatin1String("--cli-input-json");
        if (!member && !isInputJson) {
            unknown << rest.at(i);
            continue;
        }
        if (!hasValue) {
            if (i + 1 >= rest.size() || rest.at(i + 1).startsWith(QLatin1String("--")))
                return usageError(tr("argument %1: expected one argument").arg(name));
            value = rest.at(++i);
        }
        if (isInputJson) {
            cliInputJson = value;
            hasCliInputJson = true;
            continue;
        }
        auto parsed = parseValue(member->shape, name, value);
        if (!parsed)
            return parsed.error();
        cl.params[member->name] = parsed.value();
    }
    if (!unknown.isEmpty()) {
        return Error::make(Error::Kind::Validation, unknownOptionsCode(),
                           tr("Unknown options: %1").arg(unknown.join(QStringLiteral(", "))));
    }
    if (!cl.skeleton.isEmpty())
        return cl;

    if (hasCliInputJson) {
        auto text = resolveParamFile(QStringLiteral("cli-input-json"), cliInputJson);
        if (!text)
            return text.error();
        const std::string utf8 = text.value().toStdString();
        Json fromJson = Json::parse(utf8, nullptr, false);
        if (fromJson.is_discarded() || !fromJson.is_object())
            return paramError(QStringLiteral("cli-input-json"), tr("Invalid JSON received."));
        // Values given on the command line win over the file's.
        Json merged = fromJson;
        for (auto it = cl.params.begin(); it != cl.params.end(); ++it)
            merged[it.key()] = it.value();
        cl.params = std::move(merged);
    } else {
        QStringList missing;
        for (const std::string &required : input->required) {
            if (!cl.params.contains(required))
                missing << optionName(required);
        }
        if (!missing.isEmpty())
            return usageError(tr("the following arguments are required: %1").arg(missing.join(QStringLiteral(", "))));
    }
    Status converted = convertTimestamps(input, cl.params, {});
    if (!converted)
        return converted.error();
    return cl;
}

}  // namespace jobdesk::cli
