#include "core/output/jsonwriter.h"

namespace jobdesk::output {

QByteArray writeJson(const nlohmann::ordered_json &response)
{
    if (response.is_object() && response.empty())
        return {};
    // Invalid UTF-8 cannot reach here (the parser rejects it), but replace rather than throw if it does.
    const std::string text = response.dump(4, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    QByteArray out(text.data(), static_cast<qsizetype>(text.size()));
    out += '\n';
    return out;
}

}  // namespace jobdesk::output
