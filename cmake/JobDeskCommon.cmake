# Everything every JobDesk target shares: language level, Qt, warnings and the
# QT_NO_* definitions. Targets link jobdesk_common instead of repeating flags.
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

# Qt's components are found here, at the top, so that the executables that
# qt_add_executable() finalises at the end of configuration can see them.
set(_qt_components Core Network)
if(JOBDESK_BUILD_GUI)
    list(APPEND _qt_components Widgets)
endif()
if(JOBDESK_BUILD_TESTS)
    list(APPEND _qt_components Test)
endif()
find_package(Qt6 6.4 REQUIRED COMPONENTS ${_qt_components})
find_package(nlohmann_json 3.10 REQUIRED)
# AUTOMOC and AUTOUIC, and GNUInstallDirs for the install rules.
qt_standard_project_setup()

add_library(jobdesk_common INTERFACE)
target_compile_definitions(jobdesk_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    JOBDESK_VERSION="${PROJECT_VERSION}")
target_compile_features(jobdesk_common INTERFACE cxx_std_20)
if(MSVC)
    target_compile_options(jobdesk_common INTERFACE /W4 /permissive- /utf-8 /Zc:__cplusplus)
    if(JOBDESK_WERROR)
        target_compile_options(jobdesk_common INTERFACE /WX)
    endif()
else()
    target_compile_options(jobdesk_common INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
        -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
    if(JOBDESK_WERROR)
        target_compile_options(jobdesk_common INTERFACE -Werror)
    endif()
    # g++ 12's flow-based warnings misfire on sound code once the optimiser
    # inlines std::variant and std::string (our Result, Error and Secret): with
    # warnings as errors the release build would fail on them. Debug builds,
    # where they do not misfire, keep them, and clang keeps all of them.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(jobdesk_common INTERFACE
            $<$<NOT:$<CONFIG:Debug>>:-Wno-maybe-uninitialized -Wno-restrict -Wno-array-bounds
                -Wno-stringop-overflow -Wno-stringop-overread>)
    endif()
endif()
# Optimised builds on Linux get the hardening Debian builds its own packages
# with (dpkg-buildflags): fortified libc calls, the stack protector, and a GOT
# made read-only at start-up (relro, now); lintian looks for them in the
# packaged programs. _FORTIFY_SOURCE is reset first, as Ubuntu's compiler sets
# a level of its own. Sanitizer builds go without: ASan replaces those calls.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND NOT JOBDESK_SANITIZE)
    set(_optimised "$<CONFIG:Release,RelWithDebInfo,MinSizeRel>")
    target_compile_options(jobdesk_common INTERFACE
        "$<${_optimised}:-fstack-protector-strong;-U_FORTIFY_SOURCE;-D_FORTIFY_SOURCE=2>")
    target_link_options(jobdesk_common INTERFACE "$<${_optimised}:LINKER:-z,relro,-z,now>")
endif()
if(JOBDESK_SANITIZE)
    target_compile_options(jobdesk_common INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(jobdesk_common INTERFACE -fsanitize=address,undefined)
endif()
# A sanitizer build links some 140 large test programs; LLVM's lld does that
# several times faster than the system linker, so clang uses it when it is there.
if(JOBDESK_SANITIZE AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    include(CheckLinkerFlag)
    check_linker_flag(CXX "-fuse-ld=lld" JOBDESK_HAVE_LLD)
    if(JOBDESK_HAVE_LLD)
        target_link_options(jobdesk_common INTERFACE -fuse-ld=lld)
    endif()
endif()
# libFuzzer targets (tests/fuzz) need every library they reach built with
# coverage feedback. The sanitizer runtime supplies the coverage callbacks for
# the ordinary executables, so the option needs JOBDESK_SANITIZE and clang.
option(JOBDESK_BUILD_FUZZERS "Build the libFuzzer targets in tests/fuzz (clang, with JOBDESK_SANITIZE)" OFF)
if(JOBDESK_BUILD_FUZZERS)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang" OR NOT JOBDESK_SANITIZE)
        message(FATAL_ERROR "JOBDESK_BUILD_FUZZERS needs clang++ and JOBDESK_SANITIZE=ON (the asan and fuzz presets set both)")
    endif()
    target_compile_options(jobdesk_common INTERFACE -fsanitize=fuzzer-no-link)
endif()

