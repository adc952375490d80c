#include "core/output/unicodewidth.h"

#include "core/output/unicodewidthtable.h"

#include <algorithm>
#include <cstddef>
#include <iterator>

namespace jobdesk::output {

bool UnicodeWidth::isWide(char32_t cp)
{
    const auto it =
        std::upper_bound(std::begin(unicodewidth::kWideRanges), std::end(unicodewidth::kWideRanges), cp,
                         [](char32_t value, const unicodewidth::CodePointRange &range) { return value < range.first; });
    return it != std::begin(unicodewidth::kWideRanges) && cp <= std::prev(it)->last;
}

int UnicodeWidth::textWidth(std::string_view utf8)
{
    int width = 0;
    size_t i = 0;
    while (i < utf8.size()) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        size_t length = 1;
        char32_t cp = lead;
        if (lead >= 0xf0 && lead < 0xf8) {
            length = 4;
            cp = lead & 0x07u;
        } else if (lead >= 0xe0) {
            length = lead < 0xf0 ? 3 : 1;
            cp = lead & 0x0fu;
        } else if (lead >= 0xc0) {
            length = 2;
            cp = lead & 0x1fu;
        }
        if (length > 1 && i + length <= utf8.size()) {
            for (size_t k = 1; k < length; ++k) {
                const auto next = static_cast<unsigned char>(utf8[i + k]);
                if ((next & 0xc0u) != 0x80u) {
                    length = 1;
                    break;
                }
                cp = (cp << 6) | (next & 0x3fu);
            }
        } else {
            length = 1;
        }
        if (length == 1)
            cp = lead;
        width += isWide(cp) ? 2 : 1;
        i += length;
    }
    return width;
}

}  // namespace jobdesk::output
