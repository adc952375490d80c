#pragma once

// `--output table`: renders a parsed response exactly as the AWS CLI's table
// formatter draws it, including its fallback to a vertical layout and colours.

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

namespace jobdesk::output {

struct TableOptions
{
    QString title;  // the operation name as the AWS CLI shows it, e.g. GetThirdPartyJobDetails
    // The AWS CLI asks the terminal for its width and uses 80 when stdout is
    // not a terminal; the caller decides which applies.
    int terminalWidth = 80;
    // What `--color on` prints (and `--color auto` on a terminal). The escape
    // sequences match the AWS CLI's byte for byte, including the reset that its
    // colour library appends after every write.
    bool color = false;
};

// An empty response (or one the AWS CLI would treat as false) prints nothing.
QByteArray writeTable(const nlohmann::ordered_json &response, const TableOptions &options);

}  // namespace jobdesk::output
