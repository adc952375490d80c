#include "commandline.h"

#include <QCoreApplication>

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
    Error e = Error::make(Error::Kind::Validation, QStringLiteral("Usage"), message);
    return e;
}

const QStringList &globalOptionsWithValue()
{
    static const QStringList options = {
        QStringLiteral("--region"), QStringLiteral("--endpoint-url"), QStringLiteral("--output"),
        QStringLiteral("--cli-read-timeout"), QStringLiteral("--cli-connect-timeout"),
    };
    return options;
}

Result<Json> parseValue(const Shape *shape, const QString &option, const QString &text)
{
    switch (shape->type) {
    case Shape::Type::String:
        return Json(text.toStdString());
    case Shape::Type::Integer: {
        bool ok = false;
        const long long value = text.toLongLong(&ok);
        if (!ok)
            return usageError(tr("invalid literal for %1: '%2' is not a whole number").arg(option, text));
        return Json(value);
    }
    default: {
        const std::string utf8 = text.toStdString();
        Json value = Json::parse(utf8, nullptr, false);
        if (value.is_discarded())
            return usageError(tr("Error parsing parameter '%1': Invalid JSON: %2").arg(option, text));
        return value;
    }
    }
}

} // namespace

QString CommandLine::optionName(const std::string &memberName)
{
    QString out = QStringLiteral("--");
    for (const char c : memberName) {
        if (c >= 'A' && c <= 'Z') {
            out += QLatin1Char('-');
            out += QLatin1Char(char(c - 'A' + 'a'));
        } else {
            out += QLatin1Char(c);
        }
    }
    return out;
}

Result<CommandLine> CommandLine::parse(const QStringList &arguments)
{
    CommandLine cl;
    QStringList rest;
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
        if (name == QLatin1String("--version")) {
            cl.showVersion = true;
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
            if (name == QLatin1String("--region"))
                cl.region = value;
            else if (name == QLatin1String("--endpoint-url"))
                cl.endpointUrl = value;
            else if (name == QLatin1String("--output"))
                cl.output = value;
            else if (name == QLatin1String("--cli-read-timeout"))
                cl.readTimeout = value;
            else if (name == QLatin1String("--cli-connect-timeout"))
                cl.connectTimeout = value;
            continue;
        }
        rest << arg;
    }
    if (cl.showVersion)
        return cl;

    // "codepipeline" may precede the operation, so that AWS CLI command lines work unchanged.
    if (!rest.isEmpty() && rest.first() == QLatin1String("codepipeline"))
        rest.removeFirst();
    if (rest.isEmpty() || rest.first().startsWith(QLatin1String("--")))
        return usageError(tr("the following arguments are required: operation"));

    const QString opName = rest.takeFirst();
    cl.operation = ServiceModel::codePipeline().operationByCliName(opName.toStdString());
    if (!cl.operation) {
        QStringList valid;
        for (const Operation &op : ServiceModel::codePipeline().operations())
            valid << QString::fromStdString(op.cliName);
        return usageError(tr("argument operation: Invalid choice '%1', valid choices are: %2")
                              .arg(opName, valid.join(QStringLiteral(", "))));
    }

    const Shape *input = cl.operation->input;
    QStringList unknown;
    for (qsizetype i = 0; i < rest.size(); ++i) {
        QString name = rest.at(i);
        QString value;
        bool hasValue = false;
        if (name.startsWith(QLatin1String("--")) && name.contains(QLatin1Char('='))) {
            value = name.section(QLatin1Char('='), 1);
            name = name.section(QLatin1Char('='), 0, 0);
            hasValue = true;
        }
        const codepipeline::Member *member = nullptr;
        for (const codepipeline::Member &m : input->members) {
            if (optionName(m.name) == name)
                member = &m;
        }
        if (!member) {
            unknown << rest.at(i);
            continue;
        }
        if (!hasValue) {
            if (i + 1 >= rest.size() || rest.at(i + 1).startsWith(QLatin1String("--")))
                return usageError(tr("argument %1: expected one argument").arg(name));
            value = rest.at(++i);
        }
        auto parsed = parseValue(member->shape, name, value);
        if (!parsed)
            return parsed.error();
        cl.params[member->name] = parsed.value();
    }
    if (!unknown.isEmpty())
        return usageError(tr("Unknown options: %1").arg(unknown.join(QStringLiteral(", "))));

    QStringList missing;
    for (const std::string &required : input->required) {
        if (!cl.params.contains(required))
            missing << optionName(required);
    }
    if (!missing.isEmpty())
        return usageError(tr("the following arguments are required: %1").arg(missing.join(QStringLiteral(", "))));
    return cl;
}

} // namespace jobdesk::cli
