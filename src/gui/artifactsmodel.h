#pragma once

// The Artifacts tab: the job's input artifacts, then its output artifacts,
// with name, revision, bucket, object key and an s3:// URI to copy.

#include "core/codepipeline/jobdocument.h"

#include <QAbstractTableModel>
#include <QList>

namespace jobdesk::gui {

class ArtifactsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { DirectionColumn, NameColumn, RevisionColumn, BucketColumn, KeyColumn, UriColumn, ColumnCount };
    enum Role { UriRole = Qt::UserRole + 1, IsInputRole };

    explicit ArtifactsModel(QObject *parent = nullptr);

    void setDocument(const codepipeline::JobDocument &document);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString s3Uri(const QString &bucket, const QString &key);

private:
    struct Artifact
    {
        bool input = true;
        QString name;
        QString revision;
        QString locationType;
        QString bucket;
        QString key;
    };
    void append(const codepipeline::Json &list, bool input);

    QList<Artifact> m_artifacts;
};

}  // namespace jobdesk::gui
