#include "cli/completion.h"

#include "cli/commandline.h"
#include "cli/helptext.h"
#include "core/codepipeline/servicemodel.h"

#include <QStringList>

namespace jobdesk::cli {

namespace {

using codepipeline::Operation;
using codepipeline::ServiceModel;

QStringList operationNames()
{
    QStringList names;
    for (const Operation &op : ServiceModel::codePipeline().operations())
        names << QString::fromStdString(op.cliName);
    return names;
}

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
    QStringList options = CommandLine::globalOptionsWithValue() + CommandLine::globalFlags();
    options.removeAll(QStringLiteral("--query"));  // not supported yet
    return options;
}

// Single quotes around a word list for the shell; none of the words holds a quote.
QString words(const QStringList &list)
{
    return QLatin1Char('\'') + list.join(QLatin1Char(' ')) + QLatin1Char('\'');
}

}  // namespace

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
    QString s;
    s += QStringLiteral("# bash completion for jobdesk-cli; load with: source <(jobdesk-cli completion bash)\n");
    s += QStringLiteral("_jobdesk_cli()\n{\n");
    s += QStringLiteral("    local cur prev word op i\n");
    s += QStringLiteral("    cur=\"${COMP_WORDS[COMP_CWORD]}\"\n");
    s += QStringLiteral("    prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n");
    s += QStringLiteral("    case \"$prev\" in\n");
    s += QStringLiteral(
        "        --output) COMPREPLY=($(compgen -W 'json text table keyvalue' -- \"$cur\")); return ;;\n");
    s += QStringLiteral("        --color) COMPREPLY=($(compgen -W 'on off auto' -- \"$cur\")); return ;;\n");
    s += QStringLiteral(
        "        --generate-cli-skeleton) COMPREPLY=($(compgen -W 'input output' -- \"$cur\")); return ;;\n");
    s += QStringLiteral("        --ca-bundle|--cli-input-json) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n");
    s += QStringLiteral(
        "        --region|--endpoint-url|--profile|--cli-read-timeout|--cli-connect-timeout) return ;;\n");
    s += QStringLiteral("    esac\n");
    s += QStringLiteral("    op=\"\"\n");
    s += QStringLiteral("    for ((i = 1; i < COMP_CWORD; i++)); do\n");
    s += QStringLiteral("        word=\"${COMP_WORDS[i]}\"\n");
    s += QStringLiteral("        case \"$word\" in\n");
    s += QStringLiteral("            %1) op=\"$word\"; break ;;\n")
             .arg((operationNames() << QStringLiteral("profile") << QStringLiteral("completion")
                                    << QStringLiteral("help"))
                      .join(QLatin1Char('|')));
    s += QStringLiteral("        esac\n");
    s += QStringLiteral("    done\n");
    s += QStringLiteral("    case \"$op\" in\n");
    s += QStringLiteral("        \"\") COMPREPLY=($(compgen -W %1 -- \"$cur\")) ;;\n")
             .arg(words(QStringList{QStringLiteral("codepipeline")} + operationNames()
                        + QStringList{QStringLiteral("profile"), QStringLiteral("completion"), QStringLiteral("help")}
                        + globalOptions()));
    for (const Operation &op : ServiceModel::codePipeline().operations()) {
        s += QStringLiteral("        %1) COMPREPLY=($(compgen -W %2 -- \"$cur\")) ;;\n")
                 .arg(QString::fromStdString(op.cliName),
                      words(parameterOptions(op) + globalOptions() + QStringList{QStringLiteral("help")}));
    }
    s += QStringLiteral("        profile) COMPREPLY=($(compgen -W 'list add remove show help --region --access-key-id "
                        "--aws-profile --environment --endpoint-url' -- \"$cur\")) ;;\n");
    s += QStringLiteral("        completion) COMPREPLY=($(compgen -W 'bash zsh' -- \"$cur\")) ;;\n");
    s += QStringLiteral("        help) COMPREPLY=($(compgen -W %1 -- \"$cur\")) ;;\n").arg(words(operationNames()));
    s += QStringLiteral("    esac\n");
    s += QStringLiteral("}\n");
    s += QStringLiteral("complete -o default -F _jobdesk_cli jobdesk-cli\n");
    return s;
}

QString Completion::zsh()
{
    QString s;
    s += QStringLiteral("#compdef jobdesk-cli\n");
    s += QStringLiteral("# zsh completion for jobdesk-cli; load with: source <(jobdesk-cli completion zsh)\n");
    s += QStringLiteral("_jobdesk_cli() {\n");
    s += QStringLiteral("  local -a operations globals\n");
    s += QStringLiteral("  local op word\n");
    s += QStringLiteral("  operations=(\n");
    for (const Operation &op : ServiceModel::codePipeline().operations()) {
        QString summary = HelpText::operationSummary(op);
        summary.replace(QLatin1Char('\''), QLatin1Char(' ')).replace(QLatin1Char(':'), QLatin1Char(' '));
        s += QStringLiteral("    '%1:%2'\n").arg(QString::fromStdString(op.cliName), summary);
    }
    s += QStringLiteral("    'profile:Manage JobDesk profiles'\n    'completion:Print a shell completion script'\n    "
                        "'help:Show help'\n  )\n");
    s += QStringLiteral("  globals=(%1)\n").arg(globalOptions().join(QLatin1Char(' ')));
    s += QStringLiteral("  case \"${words[CURRENT-1]}\" in\n");
    s += QStringLiteral("    --output) compadd json text table keyvalue; return ;;\n");
    s += QStringLiteral("    --color) compadd on off auto; return ;;\n");
    s += QStringLiteral("    --generate-cli-skeleton) compadd input output; return ;;\n");
    s += QStringLiteral("    --ca-bundle|--cli-input-json) _files; return ;;\n");
    s += QStringLiteral("    --region|--endpoint-url|--profile|--cli-read-timeout|--cli-connect-timeout) return ;;\n");
    s += QStringLiteral("  esac\n");
    s += QStringLiteral("  op=\n");
    s += QStringLiteral("  for word in \"${(@)words[2,CURRENT-1]}\"; do\n");
    s += QStringLiteral("    case \"$word\" in\n");
    s += QStringLiteral("      %1) op=$word; break ;;\n")
             .arg((operationNames() << QStringLiteral("profile") << QStringLiteral("completion")
                                    << QStringLiteral("help"))
                      .join(QLatin1Char('|')));
    s += QStringLiteral("    esac\n");
    s += QStringLiteral("  done\n");
    s += QStringLiteral("  case \"$op\" in\n");
    s +=
        QStringLiteral("    '') _describe -t operations 'operation' operations; compadd -- codepipeline $globals ;;\n");
    for (const Operation &op : ServiceModel::codePipeline().operations()) {
        s += QStringLiteral("    %1) compadd -- %2 help $globals ;;\n")
                 .arg(QString::fromStdString(op.cliName), parameterOptions(op).join(QLatin1Char(' ')));
    }
    s += QStringLiteral("    profile) compadd -- list add remove show help --region --access-key-id --aws-profile "
                        "--environment --endpoint-url ;;\n");
    s += QStringLiteral("    completion) compadd -- bash zsh ;;\n");
    s += QStringLiteral("    help) compadd -- %1 ;;\n").arg(operationNames().join(QLatin1Char(' ')));
    s += QStringLiteral("  esac\n");
    s += QStringLiteral("}\n");
    s += QStringLiteral("compdef _jobdesk_cli jobdesk-cli\n");
    return s;
}

}  // namespace jobdesk::cli
