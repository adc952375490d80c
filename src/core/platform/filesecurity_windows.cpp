#include "core/platform/filesecurity.h"

#include <QCoreApplication>
#include <QFileDevice>

#include <windows.h>

#include <aclapi.h>
#include <io.h>

#include <memory>
#include <vector>

namespace jobdesk::platform {

namespace {

struct HandleCloser
{
    void operator()(HANDLE handle) const
    {
        if (handle && handle != INVALID_HANDLE_VALUE)
            CloseHandle(handle);
    }
};
using UniqueHandle = std::unique_ptr<void, HandleCloser>;

struct LocalFreer
{
    void operator()(void *memory) const { LocalFree(memory); }
};

QString systemReason(DWORD code)
{
    return qt_error_string(int(code));
}

// The current user's TOKEN_USER (its SID inside), or empty when the token cannot be read.
std::vector<unsigned char> currentUser()
{
    HANDLE raw = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &raw))
        return {};
    const UniqueHandle token(raw);
    DWORD size = 0;
    GetTokenInformation(raw, TokenUser, nullptr, 0, &size);
    std::vector<unsigned char> buffer(size);
    if (size == 0 || !GetTokenInformation(raw, TokenUser, buffer.data(), size, &size))
        return {};
    return buffer;
}

}  // namespace

Status FileSecurity::restrictToOwner(QFileDevice &file)
{
    const int fd = file.handle();
    const auto handle = fd < 0 ? INVALID_HANDLE_VALUE : reinterpret_cast<HANDLE>(_get_osfhandle(fd));
    if (handle == INVALID_HANDLE_VALUE)
        return failure(file.fileName(),
                       QCoreApplication::translate("jobdesk::platform::FileSecurity", "the file is not open"));
    // Qt opened the file for its data only; changing the DACL needs WRITE_DAC. A second
    // handle to the same file (not the path, which a rename could swap) gets it.
    const UniqueHandle dacl(
        ReOpenFile(handle, READ_CONTROL | WRITE_DAC, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, 0));
    if (dacl.get() == INVALID_HANDLE_VALUE)
        return failure(file.fileName(), systemReason(GetLastError()));

    std::vector<unsigned char> user = currentUser();
    if (user.empty())
        return failure(file.fileName(), systemReason(GetLastError()));
    EXPLICIT_ACCESS_W access{};
    access.grfAccessPermissions = FILE_ALL_ACCESS;
    access.grfAccessMode = SET_ACCESS;
    access.grfInheritance = NO_INHERITANCE;
    access.Trustee.TrusteeForm = TRUSTEE_IS_SID;
    access.Trustee.TrusteeType = TRUSTEE_IS_USER;
    access.Trustee.ptstrName = static_cast<LPWSTR>(reinterpret_cast<TOKEN_USER *>(user.data())->User.Sid);
    PACL list = nullptr;
    if (const DWORD rc = SetEntriesInAclW(1, &access, nullptr, &list); rc != ERROR_SUCCESS)
        return failure(file.fileName(), systemReason(rc));
    const std::unique_ptr<void, LocalFreer> listOwner(list);
    // PROTECTED drops what the folder passes down; otherwise its entries would stay.
    const DWORD rc =
        SetSecurityInfo(dacl.get(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                        nullptr, nullptr, list, nullptr);
    if (rc != ERROR_SUCCESS)
        return failure(file.fileName(), systemReason(rc));
    return success();
}

bool FileSecurity::isOwnerOnly(const QString &path)
{
    const std::wstring name = path.toStdWString();
    PACL list = nullptr;
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    if (GetNamedSecurityInfoW(name.c_str(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr, nullptr, &list, nullptr,
                              &descriptor)
        != ERROR_SUCCESS)
        return false;
    const std::unique_ptr<void, LocalFreer> descriptorOwner(descriptor);
    SECURITY_DESCRIPTOR_CONTROL control = 0;
    DWORD revision = 0;
    if (!list || !GetSecurityDescriptorControl(descriptor, &control, &revision) || !(control & SE_DACL_PROTECTED))
        return false;  // no DACL at all grants everyone everything
    std::vector<unsigned char> user = currentUser();
    if (user.empty())
        return false;
    PSID me = reinterpret_cast<TOKEN_USER *>(user.data())->User.Sid;
    for (DWORD i = 0; i < list->AceCount; ++i) {
        void *entry = nullptr;
        if (!GetAce(list, i, &entry))
            return false;
        const auto *header = static_cast<ACE_HEADER *>(entry);
        if (header->AceType == ACCESS_DENIED_ACE_TYPE)
            continue;  // denying someone takes nothing from the owner
        if (header->AceType != ACCESS_ALLOWED_ACE_TYPE)
            return false;
        PSID sid = &static_cast<ACCESS_ALLOWED_ACE *>(entry)->SidStart;
        if (!EqualSid(sid, me))
            return false;
    }
    return true;
}

}  // namespace jobdesk::platform
