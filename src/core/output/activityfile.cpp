#include "core/output/activityfile.h"

#include "core/platform/filesecurity.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <deque>

namespace jobdesk::output {

using codepipeline::Json;

namespace {

// Names Windows keeps for devices, whatever extension follows them.
bool isReservedOnWindows(const QString &base)
{
    static const QStringList names = {QStringLiteral("con"), QStringLiteral("prn"), QStringLiteral("aux"),
                                      QStringLiteral("nul")};
    if (names.contains(base))
        return true;
    return base.size() == 4 && (base.startsWith(QLatin1String("com")) || base.startsWith(QLatin1String("lpt")))
        && base.at(3).isDigit();
}

// Long names end in a digest of the whole name, so the file name stays under every
// file system's limit (255 bytes) and two long names that start alike stay apart.
constexpr qsizetype kMaxEncodedChars = 180;

Error fileError(const QString &what, const QString &path, const QString &reason, const QString &hint)
{
    Error e = Error::make(Error::Kind::Io, QStringLiteral("ActivityFileFailed"),
                          what.arg(QDir::toNativeSeparators(path), reason), hint);
    return e;
}

}  // namespace

ActivityFile::ActivityFile(QString directory) : m_directory(std::move(directory)) {}

QString ActivityFile::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/activity");
}

QString ActivityFile::fileNameFor(const QString &profile)
{
    // The profile of the default credential chain has no name; "%" alone is never the
    // encoding of a name, as every escape is "%XX".
    if (profile.isEmpty())
        return QStringLiteral("%.jsonl");
    QString encoded;
    const QByteArray utf8 = profile.toUtf8();
    for (const char byte : utf8) {
        const auto c = static_cast<unsigned char>(byte);
        const bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (plain)
            encoded += QLatin1Char(char(c));
        else
            encoded += QStringLiteral("%%1").arg(uint(c), 2, 16, QLatin1Char('0')).toUpper();
    }
    if (isReservedOnWindows(encoded))
        encoded = QStringLiteral("%%1").arg(uint(encoded.at(0).unicode()), 2, 16).toUpper() + encoded.mid(1);
    if (encoded.size() > kMaxEncodedChars) {
        const QByteArray digest = QCryptographicHash::hash(utf8, QCryptographicHash::Sha256).toHex().left(16);
        QString head = encoded.left(kMaxEncodedChars - 17);
        // Do not cut an escape in half.
        const qsizetype percent = head.lastIndexOf(QLatin1Char('%'));
        if (percent >= 0 && percent > head.size() - 3)
            head.truncate(percent);
        encoded = head + QLatin1Char('~') + QString::fromLatin1(digest);
    }
    return encoded + QStringLiteral(".jsonl");
}

QString ActivityFile::pathFor(const QString &profile) const
{
    return QDir(m_directory).filePath(fileNameFor(profile));
}

Status ActivityFile::append(const ActivityEntry &entry) const
{
    const QString path = pathFor(entry.profile);
    const QString checkFolder = tr("Check that you can write to %1 and that the disk has space left.")
                                    .arg(QDir::toNativeSeparators(m_directory));
    if (!QDir().mkpath(m_directory))
        return fileError(tr("Cannot create the activity folder %1: %2"), m_directory,
                         tr("the folder could not be made"), checkFolder);
    // What was done on whose jobs is for the person who did it alone.
    if (!QFile::setPermissions(m_directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return fileError(tr("Cannot make the activity folder %1 private: %2"), m_directory,
                         tr("its permissions could not be changed"), checkFolder);

    QFile file(path);
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append))
        return fileError(tr("Cannot open the activity record %1: %2"), path, file.errorString(), checkFolder);
    if (Status restricted = platform::FileSecurity::restrictToOwner(file); !restricted)
        return restricted.error();

    QByteArray line;
    // A line cut short earlier (a crash, a full disk) must not swallow this one.
    if (const qint64 size = file.size(); size > 0 && file.seek(size - 1)) {
        char last = '\n';
        if (file.getChar(&last) && last != '\n')
            line += '\n';
    }
    const std::string json = entry.toJson().dump(-1, ' ', false, Json::error_handler_t::replace);
    line += QByteArray::fromStdString(json);
    line += '\n';
    if (file.write(line) != line.size() || !file.flush())
        return fileError(tr("Cannot write to the activity record %1: %2"), path, file.errorString(), checkFolder);
    return success();
}

Result<ActivityFile::Contents> ActivityFile::read(const QString &profile) const
{
    const QString path = pathFor(profile);
    Contents contents;
    QFile file(path);
    if (!file.exists())
        return contents;
    if (!file.open(QIODevice::ReadOnly))
        return fileError(tr("Cannot read the activity record %1: %2"), path, file.errorString(),
                         tr("Check that the file is yours and readable."));

    std::deque<ActivityEntry> kept;
    bool skippingLongLine = false;
    while (!file.atEnd()) {
        // One byte more than a line may hold tells a long line from one that fits.
        const QByteArray chunk = file.readLine(maxLineBytes() + 2);
        if (chunk.isEmpty() && file.error() != QFileDevice::NoError)
            return fileError(tr("Cannot read the activity record %1: %2"), path, file.errorString(),
                             tr("Check that the file is yours and readable."));
        const bool complete = chunk.endsWith('\n');
        if (skippingLongLine) {
            skippingLongLine = !complete;
            continue;
        }
        if (!complete && chunk.size() > maxLineBytes()) {
            ++contents.unreadableLines;
            skippingLongLine = true;
            continue;
        }
        const QByteArray line = chunk.trimmed();
        if (line.isEmpty())
            continue;
        if (line.size() > maxLineBytes()) {
            ++contents.unreadableLines;
            continue;
        }
        // Deeply nested JSON would overflow the stack when copied or redacted; no entry nests so.
        if (codepipeline::ResponseParser::nestsDeeperThan(line, codepipeline::ResponseParser::maxNestingDepth)) {
            ++contents.unreadableLines;
            continue;
        }
        const Json parsed = Json::parse(line.constBegin(), line.constEnd(), nullptr, false);
        auto entry = parsed.is_discarded() ? Result<ActivityEntry>(Error()) : ActivityEntry::fromJson(parsed);
        if (!entry) {
            ++contents.unreadableLines;
            continue;
        }
        kept.push_back(std::move(entry).value());
        if (kept.size() > std::size_t(maxEntries())) {
            kept.pop_front();
            ++contents.olderEntriesLeftOut;
        }
    }
    contents.entries.reserve(qsizetype(kept.size()));
    for (ActivityEntry &entry : kept)
        contents.entries.append(std::move(entry));
    return contents;
}

}  // namespace jobdesk::output
