// libFuzzer target: the AWS shared config and credentials files, read by
// SharedConfig::parse. The input holds the config file, then a NUL byte, then
// the credentials file (no NUL: all of it is the config file).

#include "core/profiles/sharedconfig.h"

#include <cstddef>
#include <cstdint>

using jobdesk::profiles::SharedConfig;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nul = input.indexOf('\0');
    const QByteArray config = nul < 0 ? input : input.left(nul);
    const QByteArray credentials = nul < 0 ? QByteArray() : input.mid(nul + 1);

    auto parsed = SharedConfig::parse(config, credentials);
    if (!parsed) {
        (void)parsed.error().summary();
        return 0;
    }
    const SharedConfig &shared = parsed.value();
    // Everything a caller reads after parsing, for every profile found.
    for (const QString &name : shared.profileNames()) {
        (void)shared.hasProfile(name);
        if (const auto settings = shared.profile(name)) {
            for (auto it = settings->cbegin(); it != settings->cend(); ++it)
                (void)shared.value(name, it.key());
        }
        for (const char *key : {"aws_access_key_id", "aws_secret_access_key", "aws_session_token", "region"}) {
            (void)shared.value(name, QLatin1String(key));
            (void)shared.secret(name, QLatin1String(key));
        }
        for (const auto file : {SharedConfig::File::Config, SharedConfig::File::Credentials}) {
            auto keys = shared.staticCredentials(name, file);
            if (!keys)
                (void)keys.error().summary();
        }
    }
    return 0;
}
