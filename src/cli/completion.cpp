#include "cli/completion.h"

#include "cli/commandline.h"
#include "cli/helptext.h"
#include "core/codepipeline/servicemodel.h"

namespace jobdesk::cli {

namespace {

using codepipeline::Operation;
using codepipeline::ServiceModel;

QStringList parameterOptions(const Operation &op)
{
    QStringList options;
    for (const auto &member : op.input->members)
        options << CommandLine::optionName(member.name);
    if (op.name == "PollForThirdPartyJobs")
        options << QStringLiteral("--quiet-poll-warning");
    options << QStringLiteral("--cli-input-json") << QStringLiteral("--generate-cli-skeleton");
    return options;
}

QStringList globalOptions()
{
    return CommandLine::globalOptionsWithValue() + CommandLine::globalFlags();
}

// Single quotes around a word list for the shell; none of the words holds a quote.
QString words(const QStringList &list)
{
    return QLatin1Char('\'') + list.join(QLatin1Char(' ')) + QLatin1Char('\'');
}

}  // namespace

QStringList Completion::Table::commandNames() const
{
    QStringList names;
    for (const Command &command : commands)
        names << command.name;
    return names;
}

Completion::Table Completion::table()
{
    Table t;
    QStringList operations;
    for (const Operation &op : ServiceModel::codePipeline().operations()) {
        operations << QString::fromStdString(op.cliName);
        t.commands.append({operations.last(), HelpText::operationSummary(op), parameterOptions(op), true});
    }
    t.commands.append({QStringLiteral("profile"), QStringLiteral("Manage JobDesk profiles"),
                       QStringLiteral("list add remove show help --region --access-key-id --aws-profile "
                                      "--environment --endpoint-url")
                           .split(QLatin1Char(' ')),
                       false});
    t.commands.append({QStringLiteral("artifact"), QStringLiteral("List, download and upload a job's S3 artifacts"),
                       QStringLiteral("list get put --job-id --client-token --name --output-file --extract-to "
                                      "--source --s3-endpoint-url")
                           .split(QLatin1Char(' ')),
                       true});
    t.commands.append({QStringLiteral("sso"), QStringLiteral("Sign in to IAM Identity Center, or sign out"),
                       QStringLiteral("login logout help --sso-session --use-device-code --no-browser --profile")
                           .split(QLatin1Char(' ')),
                       false});
    t.commands.append({QStringLiteral("completion"),
                       QStringLiteral("Print a shell completion script"),
                       {QStringLiteral("bash"), QStringLiteral("zsh")},
                       false});
    t.commands.append(
        {QStringLiteral("help"), QStringLiteral("Show help"),
         operations + QStringList{QStringLiteral("artifact"), QStringLiteral("profile"), QStringLiteral("sso")},
         false});
    t.globals = globalOptions();
    t.topLevelExtras = {QStringLiteral("codepipeline")};
    using Kind = Table::ValueKind;
    t.optionValues = {
        {{QStringLiteral("--output")}, Kind::Words, QStringLiteral("json text table keyvalue").split(QLatin1Char(' '))},
        {{QStringLiteral("--color")}, Kind::Words, QStringLiteral("on off auto").split(QLatin1Char(' '))},
        {{QStringLiteral("--generate-cli-skeleton")}, Kind::Words, {QStringLiteral("input"), QStringLiteral("output")}},
        {{QStringLiteral("--ca-bundle"), QStringLiteral("--cli-input-json"), QStringLiteral("--output-file"),
          QStringLiteral("--extract-to"), QStringLiteral("--source")},
         Kind::Files,
         {}},
        {QStringLiteral("--region --endpoint-url --profile --cli-read-timeout --cli-connect-timeout --query "
                        "--s3-endpoint-url --sso-session")
             .split(QLatin1Char(' ')),
         Kind::Nothing,
         {}},
    };
    return t;
}

std::optional<QString> Completion::script(const QString &shell)
{
    if (shell == QLatin1String("bash"))
        return bash();
    if (shell == QLatin1String("zsh"))
        return zsh();
    return std::nullopt;
}

QString Completion::bash()
{
    const Table t = table();
    const auto reply = [](const QString &list) {
        return QStringLiteral("COMPREPLY=($(compgen -W %1 -- \"$cur\"))").arg(list);
    };
    QString s;
    s += QStringLiteral("# bash completion for jobdesk-cli; load with: source <(jobdesk-cli completion bash)\n");
    s += QStringLiteral("_jobdesk_cli()\n{\n");
    s += QStringLiteral("    local cur prev word op i\n");
    s += QStringLiteral("    cur=\"${COMP_WORDS[COMP_CWORD]}\"\n");
    s += QStringLiteral("    prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n");
    s += QStringLiteral("    case \"$prev\" in\n");
    for (const Table::OptionValue &value : t.optionValues) {
        QString action;
        switch (value.kind) {
        case Table::ValueKind::Words: action = reply(words(value.words)) + QStringLiteral("; "); break;
        case Table::ValueKind::Files: action = QStringLiteral("COMPREPLY=($(compgen -f -- \"$cur\")); "); break;
        case Table::ValueKind::Nothing: break;
        }
        s += QStringLiteral("        %1) %2return ;;\n").arg(value.options.join(QLatin1Char('|')), action);
    }
    s += QStringLiteral("    esac\n");
    s += QStringLiteral("    op=\"\"\n");
    s += QStringLiteral("    for ((i = 1; i < COMP_CWORD; i++)); do\n");
    s += QStringLiteral("        word=\"${COMP_WORDS[i]}\"\n");
    s += QStringLiteral("        case \"$word\" in\n");
    s += QStringLiteral("            %1) op=\"$word\"; break ;;\n").arg(t.commandNames().join(QLatin1Char('|')));
    s += QStringLiteral("        esac\n");
    s += QStringLiteral("    done\n");
    s += QStringLiteral("    case \"$op\" in\n");
    s += QStringLiteral("        \"\") %1 ;;\n").arg(reply(words(t.topLevelExtras + t.commandNames() + t.globals)));
    for (const Table::Command &command : t.commands) {
        const QStringList offered =
            command.withGlobals ? command.words + t.globals + QStringList{QStringLiteral("help")} : command.words;
        s += QStringLiteral("        %1) %2 ;;\n").arg(command.name, reply(words(offered)));
    }
    s += QStringLiteral("    esac\n");
    s += QStringLiteral("}\n");
    s += QStringLiteral("complete -o default -F _jobdesk_cli jobdesk-cli\n");
    return s;
}

QString Completion::zsh()
{
    const Table t = table();
    QString s;
    s += QStringLiteral("#compdef jobdesk-cli\n");
    s += QStringLiteral("# zsh completion for jobdesk-cli; load with: source <(jobdesk-cli completion zsh)\n");
    s += QStringLiteral("_jobdesk_cli() {\n");
    s += QStringLiteral("  local -a operations globals\n");
    s += QStringLiteral("  local op word\n");
    s += QStringLiteral("  operations=(\n");
    for (const Table::Command &command : t.commands) {
        QString summary = command.summary;
        // _describe splits on ':' and the array is single-quoted.
        summary.replace(QLatin1Char('\''), QLatin1Char(' ')).replace(QLatin1Char(':'), QLatin1Char(' '));
        s += QStringLiteral("    '%1:%2'\n").arg(command.name, summary);
    }
    s += QStringLiteral("  )\n");
    s += QStringLiteral("  globals=(%1)\n").arg(t.globals.join(QLatin1Char(' ')));
    s += QStringLiteral("  case \"${words[CURRENT-1]}\" in\n");
    for (const Table::OptionValue &value : t.optionValues) {
        QString action;
        switch (value.kind) {
        case Table::ValueKind::Words:
            action = QStringLiteral("compadd %1; ").arg(value.words.join(QLatin1Char(' ')));
            break;
        case Table::ValueKind::Files: action = QStringLiteral("_files; "); break;
        case Table::ValueKind::Nothing: break;
        }
        s += QStringLiteral("    %1) %2return ;;\n").arg(value.options.join(QLatin1Char('|')), action);
    }
    s += QStringLiteral("  esac\n");
    s += QStringLiteral("  op=\n");
    s += QStringLiteral("  for word in \"${(@)words[2,CURRENT-1]}\"; do\n");
    s += QStringLiteral("    case \"$word\" in\n");
    s += QStringLiteral("      %1) op=$word; break ;;\n").arg(t.commandNames().join(QLatin1Char('|')));
    s += QStringLiteral("    esac\n");
    s += QStringLiteral("  done\n");
    s += QStringLiteral("  case \"$op\" in\n");
    s += QStringLiteral("    '') _describe -t operations 'operation' operations; compadd -- %1 $globals ;;\n")
             .arg(t.topLevelExtras.join(QLatin1Char(' ')));
    for (const Table::Command &command : t.commands) {
        const QString offered = command.withGlobals
            ? command.words.join(QLatin1Char(' ')) + QStringLiteral(" help $globals")
            : command.words.join(QLatin1Char(' '));
        s += QStringLiteral("    %1) compadd -- %2 ;;\n").arg(command.name, offered);
    }
    s += QStringLiteral("  esac\n");
    s += QStringLiteral("}\n");
    // Installed as _jobdesk-cli in $fpath, compinit autoloads this file as that function on the first
    // TAB: it must complete then, not only define _jobdesk_cli. Sourced, it registers the function.
    s += QStringLiteral("if [[ $funcstack[1] == _jobdesk-cli ]]; then\n");
    s += QStringLiteral("  _jobdesk_cli \"$@\"\n");
    s += QStringLiteral("else\n");
    s += QStringLiteral("  compdef _jobdesk_cli jobdesk-cli\n");
    s += QStringLiteral("fi\n");
    return s;
}

}  // namespace jobdesk::cli
