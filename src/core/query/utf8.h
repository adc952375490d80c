#pragma once

// The UTF-8 work the query engine does in Unicode code points, as Python's str
// does: positions in an expression, and length(), reverse() and slicing of
// strings.

#include <string>
#include <string_view>

namespace jobdesk::query {

class Utf8
{
public:
    // Decodes text into code points. Returns false at the first byte that does
    // not start a valid sequence, with that sequence's code point index in
    // *badIndex.
    static bool decode(std::string_view text, std::u32string &codePoints, int *badIndex);
    static std::string encode(std::u32string_view codePoints);
    // Counts code points; a byte that is not valid UTF-8 counts as one.
    static std::size_t length(std::string_view text);
    // Where the code point starting at byte pos ends; a byte that is not
    // valid UTF-8 is a code point of its own.
    static std::size_t nextBoundary(std::string_view text, std::size_t pos);
    // Python's str.isspace().
    static bool isPythonSpace(char32_t codePoint);
};

}  // namespace jobdesk::query
