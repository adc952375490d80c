#include "cli/artifactoutput.h"

#include "core/archive/archivereader.h"

#include <QDir>

namespace jobdesk::cli {

namespace {

using Json = ArtifactOutput::Json;

std::string text(const QString &value)
{
    return value.toStdString();
}

// ISO 8601 as the AWS CLI prints S3's times; a zip's DOS time has no zone and is printed without one.
std::string timeText(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    if (time.timeSpec() == Qt::LocalTime)
        return time.toString(Qt::ISODate).toStdString();
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss+00:00")).toStdString();
}

void addObject(Json &out, const s3::S3ObjectInfo &object)
{
    out["ETag"] = object.etag.toStdString();
    if (!object.contentType.isEmpty())
        out["ContentType"] = text(object.contentType);
    if (object.lastModified.isValid())
        out["LastModified"] = timeText(object.lastModified);
    if (!object.serverSideEncryption.isEmpty())
        out["ServerSideEncryption"] = text(object.serverSideEncryption);
    if (!object.kmsKeyId.isEmpty())
        out["SSEKMSKeyId"] = text(object.kmsKeyId);
    if (!object.versionId.isEmpty())
        out["VersionId"] = text(object.versionId);
}

Json place(const s3::JobArtifact &artifact)
{
    return Json{{"Name", text(artifact.name)},
                {"Bucket", text(artifact.location.bucket)},
                {"Key", text(artifact.location.key)},
                {"Uri", text(ArtifactOutput::uri(artifact.location))}};
}

}  // namespace

QString ArtifactOutput::uri(const s3::S3Location &location)
{
    return QStringLiteral("s3://%1/%2").arg(location.bucket, location.key);
}

Json ArtifactOutput::artifacts(const QList<s3::JobArtifact> &artifacts)
{
    Json list = Json::array();
    for (const s3::JobArtifact &artifact : artifacts) {
        Json item;
        item["Name"] = text(artifact.name);
        item["Direction"] = artifact.isInput() ? "input" : "output";
        item["Revision"] = text(artifact.revision);
        item["Bucket"] = text(artifact.location.bucket);
        item["Key"] = text(artifact.location.key);
        item["Uri"] = artifact.isInS3() ? text(uri(artifact.location)) : std::string();
        list.push_back(std::move(item));
    }
    return Json{{"Artifacts", std::move(list)}};
}

Json ArtifactOutput::entries(const s3::JobArtifact &artifact, archive::ArchiveFormat format,
                             const QList<archive::ArchiveEntry> &entries)
{
    Json list = Json::array();
    for (const archive::ArchiveEntry &entry : entries) {
        Json item;
        item["Name"] = text(entry.name);
        item["Type"] = entry.isDirectory ? "directory" : entry.isSymlink ? "symlink" : "file";
        item["Size"] = entry.size;
        item["PackedSize"] = entry.packedSize;
        item["Modified"] = timeText(entry.modified);
        item["Crc32"] = QStringLiteral("%1").arg(entry.crc32, 8, 16, QLatin1Char('0')).toStdString();
        if (entry.isSymlink)
            item["LinkTarget"] = text(entry.linkTarget);
        if (entry.encrypted)
            item["Encrypted"] = true;
        list.push_back(std::move(item));
    }
    Json out = place(artifact);
    out["Format"] = text(archive::ArchiveReader::formatName(format));
    out["Entries"] = std::move(list);
    return out;
}

Json ArtifactOutput::download(const s3::JobArtifact &artifact, const s3::S3Transfer &transfer)
{
    Json out = place(artifact);
    out["File"] = text(QDir::toNativeSeparators(transfer.file));
    out["Bytes"] = transfer.bytes;
    out["Sha256"] = transfer.sha256.toStdString();
    addObject(out, transfer.object);
    return out;
}

Json ArtifactOutput::extraction(const s3::JobArtifact &artifact, const s3::S3Transfer &transfer, const QString &folder,
                                const archive::ExtractSummary &summary)
{
    Json out = place(artifact);
    out["Folder"] = text(QDir::toNativeSeparators(folder));
    out["Files"] = summary.files;
    out["Directories"] = summary.directories;
    out["Symlinks"] = summary.symlinks;
    out["Bytes"] = summary.bytes;
    out["DownloadedBytes"] = transfer.bytes;
    out["Sha256"] = transfer.sha256.toStdString();
    addObject(out, transfer.object);
    return out;
}

Json ArtifactOutput::upload(const s3::JobArtifact &artifact, const QString &source, const s3::S3Transfer &put,
                            const s3::S3Transfer &head)
{
    Json out = place(artifact);
    out["Source"] = text(QDir::toNativeSeparators(source));
    out["Bytes"] = put.bytes;
    out["Sha256"] = put.sha256.toStdString();
    out["ContentLength"] = head.object.size;
    addObject(out, head.object);
    return out;
}

}  // namespace jobdesk::cli
