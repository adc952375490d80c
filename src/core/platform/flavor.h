#pragma once

// Which operating system's rules a rule-following function applies. The AWS CLI
// splits credential_process and expands "~" differently on Windows; taking the
// rules as a parameter lets both sets run (and be tested) on any system.

namespace jobdesk::platform {

enum class Flavor { Posix, Windows };

// The rules of the system this build runs on, fixed at compile time.
constexpr Flavor nativeFlavor()
{
#if defined(_WIN32)
    return Flavor::Windows;
#else
    return Flavor::Posix;
#endif
}

}  // namespace jobdesk::platform
