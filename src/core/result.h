#pragma once

// A value or the Error that prevented it. Small on purpose: callers check
// ok(), then take value() or error(). A part with errors of its own kind
// (the query engine's) names that type as E.

#include "core/error.h"

#include <utility>
#include <variant>

namespace jobdesk {

template<typename T, typename E = Error>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(E error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const E &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, E> m_data;
};

// For operations that produce nothing but can fail.
struct Nothing
{};
using Status = Result<Nothing>;
inline Status success()
{
    return Nothing{};
}

}  // namespace jobdesk
