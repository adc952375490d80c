#include "cli/terminalinput.h"

#include "core/platform/terminal.h"

#include <string>

namespace jobdesk::cli {

namespace {

void show(std::FILE *err, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), err);
    std::fflush(err);
}

}  // namespace

std::optional<QString> readHiddenLine(std::FILE *in, std::FILE *err, const QString &prompt)
{
    const bool terminal = platform::Terminal::isTerminal(in);
    if (terminal && !prompt.isEmpty())
        show(err, prompt);
    std::string line;
    int c = 0;
    {
        const platform::EchoOff quiet(in);
        while ((c = std::fgetc(in)) != EOF && c != '\n')
            line.push_back(char(c));
    }
    if (terminal)
        show(err, QStringLiteral("\n"));
    if (c == EOF && line.empty())
        return std::nullopt;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.pop_back();
    QString value = QString::fromStdString(line);
    // Wipe our copy of the bytes; callers move the text into a Secret.
    for (char &ch : line)
        ch = '\0';
    return value;
}

}  // namespace jobdesk::cli
