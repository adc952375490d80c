# Linux install rules for what is not a program, included from
# packaging/CMakeLists.txt. Paths follow GNUInstallDirs and the freedesktop.org
# specifications, so `cmake --install` into /usr/local works as the packages do.

set(_linux "${CMAKE_CURRENT_SOURCE_DIR}/linux")
# Debian's and Fedora's policies want man pages and changelogs gzipped at the
# highest level, without a name or timestamp in the header (reproducible).
# Without gzip, man pages stay plain and the .deb has no changelog.
find_program(JOBDESK_GZIP gzip)

# The programs link the system's Qt and no library of ours: they need no
# search path of their own (qt_standard_project_setup() sets a relocatable
# $ORIGIN one, which distributions' checkers refuse).
foreach(_program jobdesk jobdesk-cli)
    if(TARGET ${_program})
        set_target_properties(${_program} PROPERTIES INSTALL_RPATH "")
    endif()
endforeach()

# -- The window's desktop integration: entry, AppStream metadata, icons.
if(JOBDESK_BUILD_GUI)
    configure_file("${_linux}/${JOBDESK_APP_ID}.metainfo.xml.in"
        "${CMAKE_CURRENT_BINARY_DIR}/linux/${JOBDESK_APP_ID}.metainfo.xml" @ONLY)
    install(FILES "${_linux}/${JOBDESK_APP_ID}.desktop"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
    install(FILES "${CMAKE_CURRENT_BINARY_DIR}/linux/${JOBDESK_APP_ID}.metainfo.xml"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
    install(DIRECTORY "${_linux}/icons/hicolor"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/icons")
    install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/${JOBDESK_APP_ID}.svg"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")
endif()

# -- Man pages and shell completions, written at build time by the programs
# themselves (their help and `jobdesk-cli completion`), so they cannot fall
# behind. A cross build cannot run what it builds, and a sanitizer build is
# never packaged: both go without them.
if(NOT CMAKE_CROSSCOMPILING AND NOT JOBDESK_SANITIZE)
    set(_generated "")

    # Writes NAME.1 (or NAME.1.gz) from TARGET's help; STYLE as in JobDeskManPage.cmake.
    function(jobdesk_man_page target style)
        set(page "${CMAKE_CURRENT_BINARY_DIR}/man/${target}.1")
        set(extra "${_linux}/man/${target}.extra.roff")
        set(commands COMMAND "${CMAKE_COMMAND}" -DPROGRAM=$<TARGET_FILE:${target}> -DNAME=${target}
            -DSTYLE=${style} -DVERSION=${PROJECT_VERSION} -DDATE=${JOBDESK_RELEASE_DATE}
            -DEXTRA=${extra} -DOUTPUT=${page} -P "${PROJECT_SOURCE_DIR}/cmake/JobDeskManPage.cmake")
        set(output "${page}")
        if(JOBDESK_GZIP)
            list(APPEND commands COMMAND "${CMAKE_COMMAND}" -DOUTPUT=${page}.gz
                -P "${PROJECT_SOURCE_DIR}/cmake/JobDeskStdoutToFile.cmake" -- "${JOBDESK_GZIP}" -9n -c "${page}")
            set(output "${page}.gz")
        endif()
        add_custom_command(OUTPUT "${output}" ${commands}
            DEPENDS ${target} "${extra}" "${PROJECT_SOURCE_DIR}/cmake/JobDeskManPage.cmake"
            COMMENT "Writing the man page of ${target} from its help"
            VERBATIM)
        install(FILES "${output}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
        set(_generated ${_generated} "${output}" PARENT_SCOPE)
    endfunction()

    jobdesk_man_page(jobdesk-cli cli)
    if(JOBDESK_BUILD_GUI)
        jobdesk_man_page(jobdesk qt)
    endif()

    # zsh looks in a different folder on each distribution: Debian and Ubuntu
    # read vendor-completions, Fedora and zsh's own default site-functions.
    if(EXISTS /etc/debian_version)
        set(_zsh_dir "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")
    else()
        set(_zsh_dir "${CMAKE_INSTALL_DATADIR}/zsh/site-functions")
    endif()
    set(JOBDESK_ZSH_COMPLETION_DIR "${_zsh_dir}" CACHE STRING
        "Where zsh completions are installed, relative to the prefix")
    set(_completion "${CMAKE_CURRENT_BINARY_DIR}/completion")
    foreach(_shell bash zsh)
        add_custom_command(OUTPUT "${_completion}/${_shell}"
            COMMAND "${CMAKE_COMMAND}" -E make_directory "${_completion}"
            COMMAND "${CMAKE_COMMAND}" -DOUTPUT=${_completion}/${_shell}
                -P "${PROJECT_SOURCE_DIR}/cmake/JobDeskStdoutToFile.cmake"
                -- $<TARGET_FILE:jobdesk-cli> completion ${_shell}
            DEPENDS jobdesk-cli
            COMMENT "Writing jobdesk-cli's ${_shell} completion"
            VERBATIM)
        list(APPEND _generated "${_completion}/${_shell}")
    endforeach()
    install(FILES "${_completion}/bash" RENAME jobdesk-cli
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions")
    install(FILES "${_completion}/zsh" RENAME _jobdesk-cli
        DESTINATION "${JOBDESK_ZSH_COMPLETION_DIR}")

    add_custom_target(jobdesk_generated_docs ALL DEPENDS ${_generated})
endif()

# -- Debian's own documents: the DEP-5 copyright and changelog.Debian.gz. They
# belong to the .deb alone, so they are in a component of their own that only
# the DEB generator installs (packaging/cpack-project-config.cmake.in).
set(JOBDESK_DEB_PACKAGE "${JOBDESK_PACKAGE_NAME}")
set(JOBDESK_DEB_VERSION "${PROJECT_VERSION}-1")
set(JOBDESK_RPM_VERSION "${PROJECT_VERSION}-1")
configure_file("${_linux}/debian/changelog.in" "${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.Debian" @ONLY)
configure_file("${_linux}/rpm-changelog.in" "${CMAKE_CURRENT_BINARY_DIR}/rpm/changelog" @ONLY)
if(JOBDESK_GZIP)
    add_custom_command(OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.Debian.gz"
        COMMAND "${CMAKE_COMMAND}" -DOUTPUT=${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.Debian.gz
            -P "${PROJECT_SOURCE_DIR}/cmake/JobDeskStdoutToFile.cmake"
            -- "${JOBDESK_GZIP}" -9n -c "${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.Debian"
        DEPENDS "${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.Debian"
        VERBATIM)
    add_custom_target(jobdesk_debian_changelog ALL
        DEPENDS "${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.Debian.gz")
    install(FILES "${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.Debian.gz"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${JOBDESK_PACKAGE_NAME}"
        COMPONENT debian EXCLUDE_FROM_ALL)
endif()
install(FILES "${_linux}/debian/copyright"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${JOBDESK_PACKAGE_NAME}"
    COMPONENT debian EXCLUDE_FROM_ALL)
install(FILES "${_linux}/debian/lintian-overrides" RENAME ${JOBDESK_PACKAGE_NAME}
    DESTINATION "${CMAKE_INSTALL_DATADIR}/lintian/overrides"
    COMPONENT debian EXCLUDE_FROM_ALL)

# A stripping install (CPACK_STRIP_FILES, `cmake --install --strip`) runs a
# bare `strip`; like Debian's dh_strip, also drop the .comment and .note
# sections, which only name the compiler.
if(CMAKE_STRIP)
    install(CODE "
        if(CMAKE_INSTALL_DO_STRIP)
            foreach(_program jobdesk jobdesk-cli)
                set(_file \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/\${_program}\")
                if(EXISTS \"\${_file}\")
                    execute_process(COMMAND \"${CMAKE_STRIP}\" --remove-section=.comment
                        --remove-section=.note \"\${_file}\")
                endif()
            endforeach()
        endif()")
endif()
