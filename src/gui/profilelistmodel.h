#pragma once

// The profile selector's model: the profiles of every ProfileSource, in the
// order the sources were added. Resolving a row's keys goes to its source.

#include "gui/profilesource.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>

namespace jobdesk::gui {

class ProfileListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { RegionRole = Qt::UserRole + 1, EndpointRole };

    explicit ProfileListModel(QObject *parent = nullptr);

    // The model does not own the source; it drops the source's rows when it is destroyed.
    void addSource(ProfileSource *source);

    int rowOf(const QString &name) const;  // -1 if unknown
    ProfileEntry entry(int row) const;
    void resolveCredentials(int row, QObject *context, ProfileSource::CredentialsCallback done);
    // The row's IAM Identity Center settings, when it is an SSO profile.
    std::optional<sso::SsoProfileConfig> ssoProfile(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    void rebuild();

    struct Row
    {
        ProfileEntry entry;
        QPointer<ProfileSource> source;
    };
    QList<QPointer<ProfileSource>> m_sources;
    QList<Row> m_rows;
};

}  // namespace jobdesk::gui
