#pragma once

// A value or the Error that prevented it. Small on purpose: callers check
// ok(), then take value() or error().

#include "core/error.h"

#include <utility>
#include <variant>

namespace jobdesk {

template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
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
