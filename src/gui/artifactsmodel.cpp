#include "gui/artifactsmodel.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace jobdesk::gui {

using codepipeline::Json;
using codepipeline::jsonText;

ArtifactsModel::ArtifactsModel(QObject *parent) : QAbstractTableModel(parent) {}

QString ArtifactsModel::s3Uri(const QString &bucket, const QString &key)
{
    if (bucket.isEmpty())
        return {};
    return QStringLiteral("s3://") + bucket + QLatin1Char('/') + key;
}

void ArtifactsModel::append(const Json &list, bool input)
{
    if (!list.is_array())
        return;
    for (const Json &item : list) {
        if (!item.is_object())
            continue;
        Artifact a;
        a.input = input;
        a.name = jsonText(item.value("name", Json()));
        a.revision = jsonText(item.value("revision", Json()));
        auto location = item.find("location");
        if (location != item.end() && location->is_object()) {
            a.locationType = jsonText(location->value("type", Json()));
            auto s3 = location->find("s3Location");
            if (s3 != location->end() && s3->is_object()) {
                a.bucket = jsonText(s3->value("bucketName", Json()));
                a.key = jsonText(s3->value("objectKey", Json()));
            }
        }
        m_artifacts.append(a);
    }
}

void ArtifactsModel::setDocument(const codepipeline::JobDocument &document)
{
    beginResetModel();
    m_artifacts.clear();
    const Json &data = document.jobData();
    if (auto it = data.find("inputArtifacts"); it != data.end())
        append(*it, true);
    if (auto it = data.find("outputArtifacts"); it != data.end())
        append(*it, false);
    endResetModel();
}

int ArtifactsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_artifacts.size());
}

int ArtifactsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArtifactsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Artifact &a = m_artifacts.at(index.row());
    const bool revisionMissing = index.column() == RevisionColumn && a.revision.isEmpty();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case DirectionColumn: return a.input ? tr("Input") : tr("Output");
        case NameColumn: return a.name;
        case RevisionColumn:
            return a.revision.isEmpty() ? (a.input ? tr("None given") : tr("Set by your action")) : a.revision;
        case BucketColumn: return a.bucket;
        case KeyColumn: return a.key;
        case UriColumn: return s3Uri(a.bucket, a.key);
        default: return {};
        }
    case Qt::FontRole:
        if (revisionMissing) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (revisionMissing)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case UriRole: return s3Uri(a.bucket, a.key);
    case IsInputRole: return a.input;
    default: return {};
    }
}

QVariant ArtifactsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case DirectionColumn: return tr("Direction");
    case NameColumn: return tr("Name");
    case RevisionColumn: return tr("Revision");
    case BucketColumn: return tr("Bucket");
    case KeyColumn: return tr("Object key");
    case UriColumn: return tr("S3 URI");
    default: return {};
    }
}

}  // namespace jobdesk::gui
