#pragma once

// How many terminal columns text takes by the AWS CLI's count: East Asian wide,
// fullwidth and ambiguous characters take two, everything else one.

#include <string_view>

namespace jobdesk::output {

class UnicodeWidth
{
public:
    static bool isWide(char32_t codePoint);
    // A byte that does not start a valid UTF-8 sequence counts as one column.
    static int textWidth(std::string_view utf8);
};

}  // namespace jobdesk::output
