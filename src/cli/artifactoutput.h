#pragma once

// The JSON documents `jobdesk-cli artifact` prints, before --query and the output format
// see them: a job's artifacts, an archive's entries, and what a download, an extraction
// or an upload wrote. Names are in the PascalCase of the AWS CLI's S3 answers.

#include "core/archive/archiveentry.h"
#include "core/archive/archiveextractor.h"
#include "core/s3/jobartifacts.h"
#include "core/s3/s3objectinfo.h"

#include <nlohmann/json.hpp>

namespace jobdesk::cli {

class ArtifactOutput
{
public:
    using Json = nlohmann::ordered_json;

    // "s3://BUCKET/KEY".
    static QString uri(const s3::S3Location &location);

    static Json artifacts(const QList<s3::JobArtifact> &artifacts);
    static Json entries(const s3::JobArtifact &artifact, archive::ArchiveFormat format,
                        const QList<archive::ArchiveEntry> &entries);
    static Json download(const s3::JobArtifact &artifact, const s3::S3Transfer &transfer);
    static Json extraction(const s3::JobArtifact &artifact, const s3::S3Transfer &transfer, const QString &folder,
                           const archive::ExtractSummary &summary);
    // What HeadObject says about the object just uploaded, after what was sent.
    static Json upload(const s3::JobArtifact &artifact, const QString &source, const s3::S3Transfer &put,
                       const s3::S3Transfer &head);
};

}  // namespace jobdesk::cli
