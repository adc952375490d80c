#pragma once

// Reading a line the person types that others must not see: the echo is off
// while a terminal is read, and a pipe is read as it is.

#include <QString>

#include <cstdio>
#include <optional>

namespace jobdesk::cli {

// Shows prompt on err (only when in is a terminal) and reads one line from in,
// trailing whitespace removed. std::nullopt at end of input with nothing read.
std::optional<QString> readHiddenLine(std::FILE *in, std::FILE *err, const QString &prompt);

}  // namespace jobdesk::cli
