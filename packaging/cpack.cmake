# CPack's settings for every package JobDesk ships, included from
# packaging/CMakeLists.txt. `cpack -G DEB|RPM|NSIS64|WIX|DragNDrop` in a build
# directory makes one; the per-generator choices that CPack can only make
# while it runs are in cpack-project-config.cmake.in.

set(CPACK_PACKAGE_NAME "${JOBDESK_PACKAGE_NAME}")
set(CPACK_PACKAGE_VENDOR "${JOBDESK_VENDOR}")
set(CPACK_PACKAGE_CONTACT "${JOBDESK_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${JOBDESK_HOMEPAGE}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Wrapped by hand: Debian shows these lines as they are, 80 columns at most.
set(CPACK_PACKAGE_DESCRIPTION [[
JobDesk is for the support desk of an AWS CodePipeline partner. It takes
a third-party job's ID and client token, signs GetThirdPartyJobDetails with
AWS Signature Version 4, and shows everything the job carries: its action
configuration, artifacts, pipeline context and artifact credentials.

It comes as two programs: jobdesk, the window, and jobdesk-cli, a drop-in
for the AWS CLI's third-party job commands. Keys and client tokens are kept
in the system keychain.]])
set(CPACK_PACKAGE_INSTALL_DIRECTORY "JobDesk")
set(CPACK_PACKAGE_CHECKSUM SHA256)
# One package holding everything: the NSIS and WiX installers would otherwise
# offer the install components (and the Debian-only one) as choices.
set(CPACK_MONOLITHIC_INSTALL ON)
# The version is project(VERSION)'s; CPack takes it from there by default.
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
# WiX converts a .txt licence to RTF itself; NSIS and the disk image show it as text.
configure_file("${PROJECT_SOURCE_DIR}/LICENSE" "${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt" COPYONLY)
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_CURRENT_BINARY_DIR}/LICENSE.txt")
if(TARGET jobdesk)
    # Start-menu entries (NSIS, WiX): executable name, then the label.
    set(CPACK_PACKAGE_EXECUTABLES "jobdesk" "JobDesk")
endif()

if(WIN32)
    set(CPACK_GENERATOR "NSIS64")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
else()
    set(CPACK_GENERATOR "DEB")
endif()

# -- Debian
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${JOBDESK_HOMEPAGE}")
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The libraries the programs link (Qt, QtKeychain, QuaZip, zlib, libcrypto), from dpkg-shlibdeps...
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# ...and what it cannot see because it is loaded at run time: QtKeychain opens
# libsecret with dlopen(), and the window's SVG icons need Qt's SVG image
# format and icon engine plugins, which Debian 12 ships in libqt6svg6.
set(_deb_depends "libsecret-1-0")
if(TARGET jobdesk)
    list(APPEND _deb_depends "libqt6svg6")
endif()
list(JOIN _deb_depends ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
# QtKeychain's store: a Secret Service (GNOME Keyring) or KWallet.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager")
if(TARGET jobdesk)
    # Without it Qt runs on Wayland desktops through XWayland.
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qt6-wayland")
endif()

# -- RPM
set(CPACK_RPM_PACKAGE_RELEASE 1)
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "Apache-2.0")
set(CPACK_RPM_PACKAGE_GROUP "Development/Tools")
set(CPACK_RPM_PACKAGE_URL "${JOBDESK_HOMEPAGE}")
set(CPACK_RPM_COMPRESSION_TYPE "xz")
set(CPACK_RPM_CHANGELOG_FILE "${CMAKE_CURRENT_BINARY_DIR}/rpm/changelog")
# CPack's default is its own boilerplate, not CPACK_PACKAGE_DESCRIPTION.
set(CPACK_RPM_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_RPM_SPEC_MORE_DEFINE "%define packager ${JOBDESK_MAINTAINER}")
# The same run-time needs as the .deb: libsecret by its soname (what
# QtKeychain dlopen()s), Qt's SVG plugins under Fedora's package name.
set(_rpm_requires "libsecret-1.so.0()(64bit)")
if(TARGET jobdesk)
    list(APPEND _rpm_requires "qt6-qtsvg")
endif()
list(JOIN _rpm_requires ", " CPACK_RPM_PACKAGE_REQUIRES)
set(CPACK_RPM_PACKAGE_SUGGESTS "gnome-keyring")
# Folders the system's own packages own: ours must not claim them, or rpm
# reports conflicts with the filesystem and icon theme packages.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/share/applications
    /usr/share/metainfo
    /usr/share/icons
    /usr/share/icons/hicolor
    /usr/share/icons/hicolor/scalable
    /usr/share/icons/hicolor/scalable/apps
    /usr/share/man
    /usr/share/man/man1
    /usr/share/bash-completion
    /usr/share/bash-completion/completions
    /usr/share/zsh
    /usr/share/zsh/site-functions
    /usr/share/zsh/vendor-completions)
foreach(_size 16 22 24 32 48 64 128 256 512)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/share/icons/hicolor/${_size}x${_size}
        /usr/share/icons/hicolor/${_size}x${_size}/apps)
endforeach()

# -- Windows: NSIS and WiX
set(_ico "${CMAKE_CURRENT_SOURCE_DIR}/windows/jobdesk.ico")
set(CPACK_NSIS_PACKAGE_NAME "JobDesk")
set(CPACK_NSIS_DISPLAY_NAME "JobDesk ${PROJECT_VERSION}")
set(CPACK_NSIS_MUI_ICON "${_ico}")
set(CPACK_NSIS_MUI_UNIICON "${_ico}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\jobdesk.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${JOBDESK_HOMEPAGE}")
set(CPACK_NSIS_CONTACT "${JOBDESK_MAINTAINER}")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
# Offers to put bin\ on PATH, so that jobdesk-cli runs from any console.
set(CPACK_NSIS_MODIFY_PATH ON)
# Fixed for good: it tells Windows Installer that a new version replaces an
# installed one. Never change it, or upgrades install side by side.
set(CPACK_WIX_UPGRADE_GUID "69D115D2-CA71-45E2-957A-A1AF7D033FE3")
set(CPACK_WIX_PRODUCT_ICON "${_ico}")
set(CPACK_WIX_PROGRAM_MENU_FOLDER "JobDesk")
set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "${JOBDESK_HOMEPAGE}")
set(CPACK_WIX_PROPERTY_ARPHELPLINK "${JOBDESK_HOMEPAGE}")

# -- macOS: a disk image with JobDesk.app to drag into Applications
set(CPACK_DMG_VOLUME_NAME "JobDesk ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")

configure_file(cpack-project-config.cmake.in "${CMAKE_CURRENT_BINARY_DIR}/cpack-project-config.cmake" @ONLY)
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_BINARY_DIR}/cpack-project-config.cmake")

include(CPack)
