# Under the sanitizers every finding stops the test with a full stack, and the
# programs the tests start (jobdesk-cli) inherit the same settings.
set(JOBDESK_SANITIZER_ENV "")
if(JOBDESK_SANITIZE)
    set(JOBDESK_SANITIZER_ENV
        "ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:check_initialization_order=1:print_stacktrace=1"
        "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1"
        "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizers/lsan.supp:print_suppressions=0")
endif()

# The tests' own code is not what users run: optimised builds compile it at
# -O1, which takes about half as long as -O3, while the libraries under test
# keep the build's level.
function(jobdesk_compile_as_test_code target)
    if(NOT MSVC)
        target_compile_options(${target} PRIVATE "$<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:-O1>")
    endif()
endfunction()

# jobdesk_add_test(NAME SOURCES ... LIBS ... [KEYCHAIN] [SLOW] [TIMEOUT SECONDS])
# One test executable per class, registered with CTest. Tests find their
# fixtures and helpers through compile definitions rather than the working dir.
# KEYCHAIN labels a test that needs a Secret Service (run it through
# tests/support/with-keychain.sh) and runs it alone among those; SLOW labels one that takes many seconds
# (the real AWS CLI, whole windows), which `ctest -LE slow` leaves out.
function(jobdesk_add_test name)
    cmake_parse_arguments(ARG "KEYCHAIN;SLOW" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
    qt_add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE jobdesk_common jobdesk_testsupport Qt6::Test ${ARG_LIBS})
    jobdesk_compile_as_test_code(${name})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;JOBDESK_CLI=$<TARGET_FILE:jobdesk-cli>")
    if(JOBDESK_SANITIZER_ENV)
        set_property(TEST ${name} APPEND PROPERTY ENVIRONMENT ${JOBDESK_SANITIZER_ENV})
    endif()
    if(ARG_KEYCHAIN)
        # One keyring for the whole run: its tests take turns, so that one test's
        # clean-up never removes an entry (a probe, a sign-in) another is using.
        set_property(TEST ${name} APPEND PROPERTY LABELS keychain)
        set_property(TEST ${name} APPEND PROPERTY RESOURCE_LOCK keychain)
    endif()
    if(ARG_SLOW)
        set_property(TEST ${name} APPEND PROPERTY LABELS slow)
    endif()
endfunction()
