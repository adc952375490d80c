#pragma once

// `--output table`: renders a parsed response exactly as the AWS CLI's table
// formatter draws it, including its fallback to a vertical layout and colours.

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <string>

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

// A value the AWS CLI's table formatter cannot lay out (a --query result such as
// [1, [2, 3]] or a list of objects and numbers): it draws nothing and ends with
// the Python exception its layout code raised. This says which, in parts, for
// the caller to word as Python does.
struct TableFailure
{
    enum class Kind {
        RowLength,    // a row with another number of cells than the section's: expected, actual
        IndexRange,   // more headers than the section has columns so far (IndexError)
        NotIterable,  // a scalar among objects: "'<typeName>' object is not iterable"
        StringIndex,  // a non-empty string among objects: indexed by a string
        ListIndex,    // a list among objects, indexed by its element of type typeName
        Unorderable,  // list positions and member names mixed as column names
        NoGet,        // an empty string or list among objects: it has no get()
    };

    Kind kind = Kind::RowLength;
    int expected = 0;
    int actual = 0;
    std::string typeName;  // Python's name of the type involved: str, int, float, bool, NoneType, list, dict
};

// An empty response (or one the AWS CLI would treat as false) prints nothing.
Result<QByteArray, TableFailure> writeTable(const nlohmann::ordered_json &response, const TableOptions &options);

}  // namespace jobdesk::output
