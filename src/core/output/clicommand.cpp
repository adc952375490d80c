#include "core/output/clicommand.h"

#include "core/output/jobexporter.h"
#include "core/output/redactor.h"

#include <QRegularExpression>
#include <QStringList>

namespace jobdesk::output {

using codepipeline::Json;

namespace {

QString text(const std::string &utf8)
{
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

// A string as typed; a number or structure as the compact JSON both CLIs read for it.
QString valueText(const Json &value)
{
    if (value.is_string())
        return text(value.get_ref<const std::string &>());
    return text(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

void appendOption(QStringList &parts, const QString &option, const QString &value)
{
    // A value starting with "-" would be read as the next option: join it to its own.
    if (value.startsWith(QLatin1Char('-')))
        parts << CliCommand::shellQuoted(option + QLatin1Char('=') + value);
    else
        parts << option << CliCommand::shellQuoted(value);
}

}  // namespace

QString CliCommand::shellQuoted(const QString &value)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:=@+-]+$"));
    if (safe.match(value).hasMatch())
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString CliCommand::optionName(const std::string &member)
{
    // botocore's xform_name for the model's plain camelCase names.
    QString out = QStringLiteral("--");
    for (const char c : member) {
        if (c >= 'A' && c <= 'Z') {
            out += QLatin1Char('-');
            out += QLatin1Char(char(c - 'A' + 'a'));
        } else {
            out += QLatin1Char(c);
        }
    }
    return out;
}

QString CliCommand::line(const QString &program, const codepipeline::Operation &operation, const Json &params,
                         const CliContext &context)
{
    QStringList parts = {program, QString::fromStdString(operation.cliName)};
    if (params.is_object()) {
        // What is secret is decided by the Redactor; the client token gets a placeholder
        // that says what to put in its place.
        const Json shown = Redactor(&operation).redactJson(operation.input, params);
        const auto add = [&parts](const std::string &member, const Json &value) {
            const QString option = optionName(member);
            if (member == "clientToken")
                appendOption(parts, option, JobExporter::tokenPlaceholder());
            else
                appendOption(parts, option, valueText(value));
        };
        if (operation.input) {
            for (const codepipeline::Member &member : operation.input->members) {
                auto it = shown.find(member.name);
                if (it != shown.end())
                    add(member.name, *it);
            }
        }
        // Members the model does not know are still what was sent: show them, after the rest.
        for (auto it = shown.begin(); it != shown.end(); ++it) {
            if (!operation.input || !operation.input->findMember(it.key()))
                add(it.key(), it.value());
        }
    }
    const std::pair<const char *, const QString *> globals[] = {
        {"--profile", &context.profile}, {"--region", &context.region}, {"--endpoint-url", &context.endpointOverride}};
    for (const auto &[option, value] : globals) {
        if (!value->isEmpty())
            appendOption(parts, QLatin1String(option), *value);
    }
    return parts.join(QLatin1Char(' '));
}

}  // namespace jobdesk::output
